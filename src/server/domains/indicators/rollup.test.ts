import { describe, expect, it } from 'vitest';
import { aggregateOverTime, rollUpTree } from './rollup.js';

describe('rolling values up', () => {
  const tree = [
    { id: 'province', parentId: null },
    { id: 'district', parentId: 'province' },
    { id: 'a', parentId: 'district' },
    { id: 'b', parentId: 'district' },
    { id: 'other', parentId: 'province' },
  ];

  it('sums communes into their district and districts into the province', () => {
    const values = rollUpTree(tree, new Map([['a', [{ value: 10, weight: 1 }]], ['b', [{ value: 5, weight: 1 }]], ['other', [{ value: 1, weight: 1 }]]]), 'sum');
    expect(values.get('district')).toBe(15);
    expect(values.get('province')).toBe(16);
  });

  it('lets a unit’s own reported value stand for its subtree', () => {
    const values = rollUpTree(tree, new Map([['a', [{ value: 10, weight: 1 }]], ['district', [{ value: 12, weight: 1 }]]]), 'sum');
    expect(values.get('district')).toBe(12);
    expect(values.get('province')).toBe(12);
  });

  it('gives a merged unit’s value to its successor and splits by share', () => {
    // old commune X (value 100) split 60/40 into a and b; old commune Y (value 7) merged wholly into a.
    const values = rollUpTree(tree, new Map([['a', [{ value: 100, weight: 0.6 }, { value: 7, weight: 1 }]], ['b', [{ value: 100, weight: 0.4 }]]]), 'sum');
    expect(values.get('a')).toBeCloseTo(67);
    expect(values.get('district')).toBeCloseTo(107);
  });

  it('computes only the asked units, stopping at units that reported themselves, with the same values', () => {
    const attached = new Map([['a', [{ value: 10, weight: 1 }]], ['district', [{ value: 12, weight: 1 }]], ['other', [{ value: 1, weight: 1 }]]]);
    const some = rollUpTree(tree, attached, 'sum', undefined, ['province']);
    expect(some.get('province')).toBe(rollUpTree(tree, attached, 'sum').get('province'));
    expect(some.has('a')).toBe(false);          // under the district's own value: never visited
  });

  it('averages rates instead of adding them, and leaves non-additive indicators empty above the reporting unit', () => {
    const attached = new Map([['a', [{ value: 90, weight: 1 }]], ['b', [{ value: 80, weight: 1 }]]]);
    expect(rollUpTree(tree, attached, 'average').get('district')).toBe(85);
    expect(rollUpTree(tree, attached, 'none').get('district')).toBeNull();
  });

  it('sums flows over months and keeps the last month of a stock', () => {
    const months = [{ periodStart: '2025-01-01', value: 3 }, { periodStart: '2025-03-01', value: 5 }, { periodStart: '2025-02-01', value: 4 }];
    expect(aggregateOverTime(months, 'sum')).toBe(12);
    expect(aggregateOverTime(months, 'last')).toBe(5);
    expect(aggregateOverTime([], 'sum')).toBeNull();
  });
});
