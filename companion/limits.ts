// Rate limits and concurrency caps: sliding windows per source, a token bucket, a slot pool, per-destination locks.

export type Clock = () => number;

export interface WindowLimit {
  /** 0 disables the limit (benchmarks only). */
  max: number;
  windowMs: number;
}

/**
 * A bounded LRU map with O(1) operations (two generations, as quick-lru does): keys used lately
 * live in `current`; when it holds half the bound it becomes `previous` and the old `previous` —
 * the least recently used half — is dropped at once. A key found in `previous` moves back to
 * `current`. When full it forgets old sources, never refuses a newcomer: a table filled by one
 * network must not lock everyone else out. (Evicting one key at a time from a single Map is not
 * O(1) in V8: the deleted entries at its front are skipped again on every eviction.)
 */
export class LruMap<V> {
  private current = new Map<string, V>();
  private previous = new Map<string, V>();
  private readonly generation: number;

  constructor(readonly maxKeys: number) {
    if (!(maxKeys >= 2)) throw new RangeError(`an LRU table needs room for at least two keys, got ${maxKeys}`);
    this.generation = Math.floor(maxKeys / 2);
  }

  /** The value for `key` (marked recently used), created by `make` when absent. */
  use(key: string, make: () => V): V {
    const hit = this.current.get(key);
    if (hit !== undefined) return hit;
    const old = this.previous.get(key);
    if (old !== undefined) this.previous.delete(key);
    const v = old ?? make();
    if (this.current.size >= this.generation) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(key, v);
    return v;
  }

  delete(key: string): void {
    this.current.delete(key);
    this.previous.delete(key);
  }

  *entries(): IterableIterator<[string, V]> {
    yield* this.previous.entries();
    yield* this.current.entries();
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }
}

/**
 * Sliding-log limiter: each key keeps the timestamps of its accepted events inside the longest
 * window, so memory per key is bounded by the largest `max`; keys live in a bounded LRU.
 */
export class SlidingWindowLimiter {
  private readonly log: LruMap<number[]>;
  private readonly longest: number;

  constructor(
    private readonly limits: readonly WindowLimit[],
    private readonly clock: Clock,
    /** Bound on tracked sources; past it the least recently seen is forgotten. */
    maxKeys = 200_000,
  ) {
    this.longest = Math.max(0, ...limits.map((l) => l.windowMs));
    this.log = new LruMap(maxKeys);
  }

  /** ms until `key` may act again (0 = it may now), without recording anything. */
  wait(key: string): number {
    const now = this.clock();
    const times = this.log.use(key, () => []);
    while (times.length > 0 && times[0]! <= now - this.longest) times.shift();
    let wait = 0;
    for (const l of this.limits) {
      if (l.max <= 0) continue;
      let inWindow = 0;
      for (let i = times.length - 1; i >= 0 && times[i]! > now - l.windowMs; i--) inWindow++;
      if (inWindow >= l.max) wait = Math.max(wait, Math.max(1, times[times.length - l.max]! + l.windowMs - now));
    }
    return wait;
  }

  record(key: string): void {
    if (this.limits.some((l) => l.max > 0)) this.log.use(key, () => []).push(this.clock());
  }

  /** Records an event for `key` if every window has room; returns ms until retry otherwise (0 = accepted). */
  take(key: string): number {
    const wait = this.wait(key);
    if (wait === 0) this.record(key);
    return wait;
  }

  sweep(): void {
    const now = this.clock();
    for (const [key, times] of this.log.entries()) {
      if (times.length === 0 || times[times.length - 1]! <= now - this.longest) this.log.delete(key);
    }
  }

  get size(): number {
    return this.log.size;
  }
}

/**
 * One limiter per address aggregate: a check must have room at every level it belongs to (for
 * IPv6 its /64, /56 and /48), and is recorded at all of them only when accepted.
 */
export class AggregateLimiter {
  constructor(private readonly levels: ReadonlyArray<{ limiter: SlidingWindowLimiter; key: (keys: readonly string[]) => string | undefined }>) {}

  take(keys: readonly string[]): number {
    let wait = 0;
    const used: Array<[SlidingWindowLimiter, string]> = [];
    for (const level of this.levels) {
      const k = level.key(keys);
      if (k === undefined) continue;
      used.push([level.limiter, k]);
      wait = Math.max(wait, level.limiter.wait(k));
    }
    if (wait === 0) for (const [l, k] of used) l.record(k);
    return wait;
  }

  sweep(): void {
    for (const l of this.levels) l.limiter.sweep();
  }
}

/** Token buckets per key (STUN, whoami): `burst` tokens, refilled at `perSecond`. */
export class TokenBuckets {
  private readonly buckets: LruMap<{ tokens: number; at: number }>;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly clock: Clock,
    maxKeys = 200_000,
  ) {
    this.buckets = new LruMap(maxKeys);
    // A bucket of 0 tokens used to mean "unlimited": one mistyped flag silently lifted the limit.
    if (!(burst >= 1) || !(perSecond > 0)) throw new RangeError(`a token bucket needs burst ≥ 1 and a positive rate, got ${burst} and ${perSecond}`);
  }

  take(key: string): boolean {
    const now = this.clock();
    const b = this.buckets.use(key, () => ({ tokens: this.burst, at: now }));
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  sweep(): void {
    const now = this.clock();
    const full = (this.burst / this.perSecond) * 1000;
    for (const [key, b] of this.buckets.entries()) if (now - b.at >= full) this.buckets.delete(key);
  }
}

interface Waiter {
  grant: () => void;
}

/**
 * A fixed pool of probe slots (DOMAIN.md: ≤ 256 probes in flight), shared fairly: each network
 * (IPv4 address, IPv6 /48) may hold at most `perNetwork` slots and queue places together, and
 * freed slots go round-robin over the networks that wait — so one network cannot take the
 * capacity however many addresses it rotates through. A waiter leaves when its signal aborts.
 */
export class SlotPool {
  private inUse = 0;
  private waiting = 0;
  private readonly activeBy = new Map<string, number>();
  /** Waiting networks in round-robin order (Map order; a served network moves to the back). */
  private readonly queues = new Map<string, Waiter[]>();

  constructor(
    readonly capacity: number,
    private readonly maxQueue: number,
    private readonly perNetwork: number = capacity + maxQueue,
  ) {}

  get active(): number {
    return this.inUse;
  }

  get queued(): number {
    return this.waiting;
  }

  /** Resolves with a release function, or null when the network's share or the queue is full, or the signal aborts. */
  acquire(signal: AbortSignal, network = ''): Promise<(() => void) | null> {
    if (signal.aborted) return Promise.resolve(null);
    const held = (this.activeBy.get(network) ?? 0) + (this.queues.get(network)?.length ?? 0);
    if (held >= this.perNetwork) return Promise.resolve(null);
    if (this.inUse < this.capacity && !this.queues.has(network)) return Promise.resolve(this.take(network));
    if (this.waiting >= this.maxQueue) return Promise.resolve(null);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        grant: () => {
          signal.removeEventListener('abort', onAbort);
          resolve(this.take(network));
        },
      };
      const onAbort = () => {
        const q = this.queues.get(network);
        const i = q ? q.indexOf(waiter) : -1;
        if (q && i >= 0) {
          q.splice(i, 1);
          this.waiting--;
          if (q.length === 0) this.queues.delete(network);
        }
        resolve(null);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const q = this.queues.get(network) ?? [];
      if (q.length === 0) this.queues.set(network, q);
      q.push(waiter);
      this.waiting++;
    });
  }

  private take(network: string): () => void {
    this.inUse++;
    this.activeBy.set(network, (this.activeBy.get(network) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inUse--;
      const left = (this.activeBy.get(network) ?? 1) - 1;
      if (left <= 0) this.activeBy.delete(network);
      else this.activeBy.set(network, left);
      this.grantNext();
    };
  }

  private grantNext(): void {
    if (this.inUse >= this.capacity) return;
    for (const [network, q] of this.queues) {
      const next = q.shift()!;
      this.waiting--;
      this.queues.delete(network);
      if (q.length > 0) this.queues.set(network, q);
      next.grant();
      return;
    }
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
