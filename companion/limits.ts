// Rate limits and concurrency caps: sliding windows per source, a token bucket, a slot pool, per-destination locks.

export type Clock = () => number;

export interface WindowLimit {
  /** 0 disables the limit (benchmarks only). */
  max: number;
  windowMs: number;
}

/**
 * Sliding-log limiter: each key keeps the timestamps of its accepted events inside the longest
 * window, so memory per key is bounded by the largest `max`. Keys are swept when idle.
 */
export class SlidingWindowLimiter {
  private readonly log = new Map<string, number[]>();
  private readonly longest: number;

  constructor(
    private readonly limits: readonly WindowLimit[],
    private readonly clock: Clock,
    /** Bound on tracked sources; past it new sources are refused rather than memory growing. */
    private readonly maxKeys = 200_000,
  ) {
    this.longest = Math.max(0, ...limits.map((l) => l.windowMs));
  }

  /** Records an event for `key` if every window has room; returns ms until retry otherwise (0 = accepted). */
  take(key: string): number {
    const now = this.clock();
    let times = this.log.get(key);
    if (!times) {
      if (this.log.size >= this.maxKeys) this.sweep();
      if (this.log.size >= this.maxKeys) return 60_000;
      times = [];
      this.log.set(key, times);
    }
    while (times.length > 0 && times[0]! <= now - this.longest) times.shift();
    for (const l of this.limits) {
      if (l.max <= 0) continue;
      const inWindow = times.filter((t) => t > now - l.windowMs);
      if (inWindow.length >= l.max) return Math.max(1, inWindow[inWindow.length - l.max]! + l.windowMs - now);
    }
    if (this.limits.some((l) => l.max > 0)) times.push(now);
    return 0;
  }

  sweep(): void {
    const now = this.clock();
    for (const [key, times] of this.log) {
      if (times.length === 0 || times[times.length - 1]! <= now - this.longest) this.log.delete(key);
    }
  }

  get size(): number {
    return this.log.size;
  }
}

/** Token buckets per key (STUN, whoami): `burst` tokens, refilled at `perSecond`. */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly clock: Clock,
    private readonly maxKeys = 200_000,
  ) {
    // A bucket of 0 tokens used to mean "unlimited": one mistyped flag silently lifted the limit.
    if (!(burst >= 1) || !(perSecond > 0)) throw new RangeError(`a token bucket needs burst ≥ 1 and a positive rate, got ${burst} and ${perSecond}`);
  }

  take(key: string): boolean {
    const now = this.clock();
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.sweep();
      if (this.buckets.size >= this.maxKeys) return false;
      b = { tokens: this.burst, at: now };
      this.buckets.set(key, b);
    }
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  sweep(): void {
    const now = this.clock();
    const full = (this.burst / this.perSecond) * 1000;
    for (const [key, b] of this.buckets) if (now - b.at >= full) this.buckets.delete(key);
  }
}

/**
 * A fixed pool of probe slots (DOMAIN.md: ≤ 256 probes in flight). Waiters queue FIFO up to
 * `maxQueue`; a waiter leaves the queue when its signal aborts.
 */
export class SlotPool {
  private inUse = 0;
  private readonly waiters: Array<{ grant: () => void }> = [];

  constructor(
    readonly capacity: number,
    private readonly maxQueue: number,
  ) {}

  get active(): number {
    return this.inUse;
  }

  get queued(): number {
    return this.waiters.length;
  }

  /** Resolves with a release function, or null when the queue is full or the signal aborts. */
  acquire(signal: AbortSignal): Promise<(() => void) | null> {
    if (signal.aborted) return Promise.resolve(null);
    if (this.inUse < this.capacity) {
      this.inUse++;
      return Promise.resolve(this.releaser());
    }
    if (this.waiters.length >= this.maxQueue) return Promise.resolve(null);
    return new Promise((resolve) => {
      const waiter = {
        grant: () => {
          signal.removeEventListener('abort', onAbort);
          resolve(this.releaser());
        },
      };
      const onAbort = () => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        resolve(null);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      if (next) next.grant();
      else this.inUse--;
    };
  }
}

/** DOMAIN.md: at most one check in flight per destination address (`perDestination` = 1). */
export class DestinationLocks {
  private readonly held = new Map<string, number>();

  constructor(private readonly perDestination = 1) {}

  tryLock(destination: string): (() => void) | null {
    const n = this.held.get(destination) ?? 0;
    if (n >= this.perDestination) return null;
    this.held.set(destination, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.held.get(destination) ?? 1) - 1;
      if (left <= 0) this.held.delete(destination);
      else this.held.set(destination, left);
    };
  }

  get size(): number {
    return this.held.size;
  }
}
