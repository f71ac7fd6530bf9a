// A fixed-window limiter per key (the client IP) held in process memory, for the public intake door.
// Chosen over @fastify/rate-limit for one route: same in-memory semantics without another plugin, and the
// check sits in the handler after the body parsed, so a flood of invalid bodies does not count. Several
// processes each keep their own window: the effective limit is per process (documented in docs/feedback.md).
export interface RateLimiter {
  /** Counts one hit; answers how many seconds to wait when the key is over its limit, else null. */
  hit(key: string, now?: number): number | null;
}

export function createRateLimiter(limit: number, windowMs: number): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = 0;
  return {
    hit(key, now = Date.now()) {
      if (now - lastSweep > windowMs) {
        for (const [k, w] of windows) if (now - w.start >= windowMs) windows.delete(k);
        lastSweep = now;
      }
      let w = windows.get(key);
      if (!w || now - w.start >= windowMs) { w = { start: now, count: 0 }; windows.set(key, w); }
      if (w.count >= limit) return Math.max(1, Math.ceil((w.start + windowMs - now) / 1000));
      w.count++;
      return null;
    },
  };
}
