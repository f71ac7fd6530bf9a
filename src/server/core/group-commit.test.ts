import { describe, expect, it } from 'vitest';
import { groupCommit } from './group-commit.js';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 5));

describe('group commit', () => {
  it('writes a lone item at once and the items that arrive meanwhile together in the next batch', async () => {
    const batches: number[][] = [];
    const door = groupCommit(async (items: number[]) => { batches.push(items); await tick(); return items.map((n) => n * 10); });
    const answers = await Promise.all([1, 2, 3, 4, 5].map((n) => door.submit(n)));
    expect(answers).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([[1], [2, 3, 4, 5]]);
  });

  it('fails only the bad item of a batch: the others are written again one by one and succeed', async () => {
    const batches: string[][] = [];
    const door = groupCommit(async (items: string[]) => {
      batches.push(items);
      await tick();
      if (items.includes('bad')) throw new Error(`refused ${items.join(',')}`);
      return items.map((s) => s.toUpperCase());
    });
    const results = await Promise.allSettled(['a', 'b', 'bad', 'c'].map((s) => door.submit(s)));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message)))
      .toEqual(['A', 'B', 'refused bad', 'C']);
    expect(batches).toEqual([['a'], ['b', 'bad', 'c'], ['b'], ['bad'], ['c']]);
  });

  it('never puts more than the largest batch size into one transaction', async () => {
    const sizes: number[] = [];
    const door = groupCommit(async (items: number[]) => { sizes.push(items.length); await tick(); return items; }, 4);
    await Promise.all(Array.from({ length: 11 }, (_, i) => door.submit(i)));
    await door.settled();
    expect(sizes).toEqual([1, 4, 4, 2]);
  });
});
