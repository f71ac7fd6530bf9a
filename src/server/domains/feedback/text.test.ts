import { describe, expect, it } from 'vitest';
import { normalizeVietnamese, tokenize } from './text.js';

describe('Vietnamese text normalisation', () => {
  it('removes diacritics, turns đ into d, lowercases and collapses punctuation and spaces', () => {
    expect(normalizeVietnamese('  Đèn ĐƯỜNG hỏng!!  ở   Phường Tân Phong, TP. Biên Hòa… ')).toBe(
      'den duong hong o phuong tan phong tp bien hoa',
    );
  });

  it('gives the same text whether the citizen typed diacritics or not, in composed or decomposed Unicode', () => {
    const composed = 'Ngập nước đường Võ Thị Sáu';
    const decomposed = composed.normalize('NFD');
    expect(normalizeVietnamese(composed)).toBe('ngap nuoc duong vo thi sau');
    expect(normalizeVietnamese(decomposed)).toBe('ngap nuoc duong vo thi sau');
    expect(normalizeVietnamese('ngap nuoc duong vo thi sau')).toBe('ngap nuoc duong vo thi sau');
  });

  it('keeps digits and treats tabs, newlines and symbols as word breaks', () => {
    expect(normalizeVietnamese('Gọi 113/114\tvà\n115-ngay')).toBe('goi 113 114 va 115 ngay');
    expect(normalizeVietnamese('<script>alert(1)</script>')).toBe('script alert 1 script');
    expect(normalizeVietnamese('!!! ...')).toBe('');
  });
});

describe('Vietnamese tokenizer', () => {
  it('returns content words and adjacent bigrams, dropping function words', () => {
    expect(tokenize('Đèn đường bị hỏng')).toEqual(['den', 'duong', 'den_duong', 'hong']);
  });

  it('does not make a bigram across a dropped function word', () => {
    expect(tokenize('rác của khu chợ')).toEqual(['rac', 'khu', 'cho', 'khu_cho']);
  });

  it('keeps ambiguous syllables such as tai (tai nạn), do (đèn đỏ) and cho (chợ)', () => {
    expect(tokenize('tai nạn giao thông')).toContain('tai_nan');
    expect(tokenize('vượt đèn đỏ')).toContain('den_do');
    expect(tokenize('chợ tạm')).toEqual(['cho', 'tam', 'cho_tam']);
  });

  it('returns the same tokens for a text with and without diacritics', () => {
    expect(tokenize('Cháy nhà ở xã Phước Tân')).toEqual(tokenize('chay nha o xa phuoc tan'));
  });

  it('returns no tokens for empty or punctuation-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' ,.; ')).toEqual([]);
  });
});
