import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../core/seeded-random.js';
import { createNaiveBayes } from './classifier.js';
import { generateReportText, reportTextCategories } from './report-texts.js';
import { tokenize } from './text.js';

const places = [
  { unitName: 'Phường Đồng Xoài', unitCode: 'DN-new-p-dong-xoai' }, { unitName: 'Phường Chơn Thành', unitCode: 'DN-new-p-chon-thanh' },
  { unitName: 'Xã Lộc Ninh', unitCode: 'DN-new-x-loc-ninh' }, { unitName: 'Xã Bom Bo' }, { unitName: 'Phường Phước Long', unitCode: 'DN-new-p-phuoc-long' },
];

/** A generated history of decided reports: text and final category ("other" is not a decision). */
function history(seed: number, n: number) {
  const random = seededRandom(seed);
  const categories = reportTextCategories.filter((c) => c !== 'other');
  return Array.from({ length: n }, () => {
    const category = categories[Math.floor(random() * categories.length)]!;
    return { category, text: generateReportText(random, category, places[Math.floor(random() * places.length)]!).description };
  });
}

// The floor: nine in ten reports of a held-out set get the operators' final category as the top suggestion.
const ACCURACY_FLOOR = 0.9;

describe('naive Bayes classifier', () => {
  it(`suggests the operators' final category for at least ${ACCURACY_FLOOR * 100}% of held-out generated reports`, () => {
    const train = history(2024, 8_000);
    const heldOut = history(2025, 2_000);   // another seed: texts the model has not seen
    const model = createNaiveBayes();
    for (const r of train) model.add(tokenize(r.text), r.category);
    let right = 0;
    let inTop2 = 0;
    for (const r of heldOut) {
      const { ranked } = model.classify(tokenize(r.text));
      if (ranked[0]?.label === r.category) right++;
      if (ranked.slice(0, 2).some((x) => x.label === r.category)) inTop2++;
    }
    const accuracy = right / heldOut.length;
    console.log(`classifier: held-out accuracy ${(accuracy * 100).toFixed(1)}% (top-2 ${(100 * inTop2 / heldOut.length).toFixed(1)}%) on ${heldOut.length} reports, trained on ${train.length}; floor ${ACCURACY_FLOOR * 100}%`);
    expect(accuracy).toBeGreaterThanOrEqual(ACCURACY_FLOOR);
  });

  it('explains a suggestion with the words that favoured it, diacritics or not', () => {
    const model = createNaiveBayes();
    for (const r of history(1, 3_000)) model.add(tokenize(r.text), r.category);
    const withMarks = model.classify(tokenize('Đèn đường hỏng, tối om'));
    const without = model.classify(tokenize('den duong hong, toi om'));
    expect(withMarks.ranked[0]!.label).toBe('public-lighting');
    expect(without).toEqual(withMarks);
    expect(withMarks.words).toContain('den duong');
    const total = withMarks.ranked.reduce((s, r) => s + r.probability, 0);
    expect(withMarks.ranked[0]!.probability).toBeGreaterThan(0.5);
    expect(total).toBeLessThanOrEqual(1.000001);
  });

  it('changes the next suggestion when an operator corrects a decision, and forgets what was removed', () => {
    const model = createNaiveBayes();
    const text = 'Cây xanh gãy đổ chắn ngang đường';
    model.add(tokenize('Rác thải chất đống bốc mùi'), 'environment');
    model.add(tokenize('Ổ gà lớn giữa đường'), 'roads');
    model.add(tokenize(text), 'environment');
    model.add(tokenize(text), 'environment');
    expect(model.classify(tokenize(text)).ranked[0]!.label).toBe('environment');
    // The operator moves both reports to roads: the model follows.
    model.remove(tokenize(text), 'environment');
    model.remove(tokenize(text), 'environment');
    model.add(tokenize(text), 'roads');
    model.add(tokenize(text), 'roads');
    expect(model.classify(tokenize(text)).ranked[0]!.label).toBe('roads');
    expect(model.documents()).toBe(4);
    model.remove(tokenize('Rác thải chất đống bốc mùi'), 'environment');
    expect(model.labels()).toEqual(['roads']);
  });

  it('suggests nothing before it has learned anything, and ignores words it never saw', () => {
    const model = createNaiveBayes();
    expect(model.classify(tokenize('đèn đường hỏng'))).toEqual({ ranked: [], words: [] });
    model.add(tokenize('đèn đường hỏng'), 'public-lighting');
    model.add(tokenize('mất nước'), 'water-supply');
    const r = model.classify(tokenize('xyz qwerty'));
    expect(r.ranked.map((x) => x.probability)).toEqual([0.5, 0.5]);
    expect(r.words).toEqual([]);
  });
});
