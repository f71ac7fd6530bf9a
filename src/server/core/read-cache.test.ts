import { describe, expect, it } from 'vitest';
import { createReadCache } from './read-cache.js';

describe('read cache', () => {
  it('answers a repeated read from the cache until an event of its topic', async () => {
    const cache = createReadCache();
    let computed = 0;
    const read = () => cache.read('overview', ['indicators'], async () => ++computed);
    expect(await read()).toBe(1);
    expect(await read()).toBe(1);
    cache.invalidate('dossiers');
    expect(await read()).toBe(1);
    cache.invalidate('indicators');
    expect(await read()).toBe(2);
  });

  it('does not keep an answer computed while a change of its topic was published', async () => {
    const cache = createReadCache();
    let release!: () => void;
    const slow = cache.read('overview', ['units'], () => new Promise<string>((resolve) => { release = () => resolve('old'); }));
    cache.invalidate('units');
    release();
    expect(await slow).toBe('old');
    expect(await cache.read('overview', ['units'], async () => 'new')).toBe('new');
    expect(cache.size()).toBe(1);
  });
});
