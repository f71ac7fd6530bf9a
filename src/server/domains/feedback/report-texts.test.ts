import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../core/seeded-random.js';
import { demoCategories } from './categories.data.js';
import { generateReportText, reportTextCategories } from './report-texts.js';
import { normalizeVietnamese } from './text.js';

const dongXoai = { unitName: 'Phường Đồng Xoài', unitCode: 'DN-new-p-dong-xoai' };

describe('synthetic report texts', () => {
  it('writes texts for every seeded category', () => {
    expect([...reportTextCategories].sort()).toEqual(demoCategories.map((c) => c.code).sort());
  });

  it('gives the same texts for the same seed and different texts for another seed', () => {
    const run = (seed: number) => { const r = seededRandom(seed); return Array.from({ length: 20 }, () => generateReportText(r, 'roads', dongXoai)); };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });

  it('varies phrasing, names real places of the unit, and sometimes drops diacritics like a hurried citizen', () => {
    const r = seededRandom(42);
    const texts = Array.from({ length: 400 }, () => generateReportText(r, 'public-lighting', dongXoai));
    expect(new Set(texts.map((t) => t.description)).size).toBeGreaterThan(350);
    expect(texts.every((t) => t.address.endsWith('Phường Đồng Xoài'))).toBe(true);
    expect(texts.some((t) => t.address.includes('đường Phú Riềng Đỏ'))).toBe(true);
    const plain = texts.filter((t) => t.description === normalizeVietnamese(t.description) || !/[à-ỹđ]/i.test(t.description));
    expect(plain.length).toBeGreaterThan(30);
    expect(plain.length).toBeLessThan(150);
    expect(texts.every((t) => t.description.length > 15 && t.description.length <= 4000)).toBe(true);
  });

  it('uses only hamlets and quarters for a unit without listed landmarks', () => {
    const r = seededRandom(3);
    const texts = Array.from({ length: 50 }, () => generateReportText(r, 'environment', { unitName: 'Xã Bom Bo' }));
    expect(texts.every((t) => /^(tổ \d+, )?ấp \d+, Xã Bom Bo$/.test(t.address))).toBe(true);
  });
});
