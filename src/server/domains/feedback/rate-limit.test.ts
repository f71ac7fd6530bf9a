import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit.js';

describe('rate limiter', () => {
  it('allows the limit per window and key, then says how long to wait', () => {
    const limiter = createRateLimiter(2, 60_000);
    expect(limiter.hit('a', 0)).toBeNull();
    expect(limiter.hit('a', 1_000)).toBeNull();
    expect(limiter.hit('a', 2_000)).toBe(58);
    expect(limiter.hit('b', 2_000)).toBeNull();
    expect(limiter.hit('a', 60_000)).toBeNull();   // a new window
  });
});
