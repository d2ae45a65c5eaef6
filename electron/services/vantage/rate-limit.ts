// Per-source token buckets for the test listener: a phone reloading is fine, a flood is not answered.

export interface RateLimit {
  /** Requests (or datagrams) a source may send at once. */
  burst: number;
  /** Tokens returned per second. */
  perSecond: number;
}

export interface RateLimiter {
  take(key: string): boolean;
}

/** Past this many sources the oldest is forgotten (bounded memory under a spoofed-source flood). */
export const MAX_TRACKED_SOURCES = 4096;

export function createRateLimiter(limit: RateLimit, now: () => number = () => performance.now()): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const t = now();
      const b = buckets.get(key) ?? { tokens: limit.burst, at: t };
      b.tokens = Math.min(limit.burst, b.tokens + ((t - b.at) / 1000) * limit.perSecond);
      b.at = t;
      buckets.delete(key);
      buckets.set(key, b);
      if (buckets.size > MAX_TRACKED_SOURCES) buckets.delete(buckets.keys().next().value!);
      if (b.tokens < 1) return false;
      b.tokens -= 1;
      return true;
    },
  };
}
