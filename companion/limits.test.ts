import { describe, expect, it } from 'vitest';
import { DestinationLocks, SlidingWindowLimiter, SlotPool, TokenBuckets } from './limits';

describe('rate limits', () => {
  it('allows exactly 10 per minute and 60 per hour per key', () => {
    let now = 1_000_000;
    const l = new SlidingWindowLimiter([{ max: 10, windowMs: 60_000 }, { max: 60, windowMs: 3_600_000 }], () => now);
    for (let i = 0; i < 10; i++) expect(l.take('a')).toBe(0);
    expect(l.take('a')).toBeGreaterThan(0);
    expect(l.take('b')).toBe(0);
    now += 60_000;
    expect(l.take('a')).toBe(0);
    // 6 minutes of 10 each reaches the hourly 60.
    let accepted = 11;
    for (let m = 0; m < 6; m++) {
      for (let i = 0; i < 10; i++) if (l.take('a') === 0) accepted++;
      now += 60_000;
    }
    expect(accepted).toBe(60);
    expect(l.take('a')).toBeGreaterThan(0);
    now += 3_600_000;
    expect(l.take('a')).toBe(0);
  });

  it('disables a window at 0 (benchmark flag)', () => {
    const l = new SlidingWindowLimiter([{ max: 0, windowMs: 60_000 }], () => 0);
    for (let i = 0; i < 1000; i++) expect(l.take('a')).toBe(0);
    expect(l.size).toBe(1);
  });

  it('refills token buckets over time', () => {
    let now = 0;
    const b = new TokenBuckets(3, 1, () => now);
    expect([b.take('x'), b.take('x'), b.take('x'), b.take('x')]).toEqual([true, true, true, false]);
    now += 1000;
    expect([b.take('x'), b.take('x')]).toEqual([true, false]);
  });

  it('bounds concurrency and the queue', async () => {
    const pool = new SlotPool(2, 1);
    const s = new AbortController().signal;
    const r1 = await pool.acquire(s);
    const r2 = await pool.acquire(s);
    const third = pool.acquire(s);
    expect(await pool.acquire(s)).toBeNull();
    expect(pool.active).toBe(2);
    r1!();
    r1!();
    const r3 = await third;
    expect(r3).not.toBeNull();
    expect(pool.active).toBe(2);
    r2!();
    r3!();
    expect(pool.active).toBe(0);
  });

  it('drops an aborted waiter from the queue', async () => {
    const pool = new SlotPool(1, 5);
    const r = await pool.acquire(new AbortController().signal);
    const ac = new AbortController();
    const waiting = pool.acquire(ac.signal);
    ac.abort();
    expect(await waiting).toBeNull();
    expect(pool.queued).toBe(0);
    r!();
    expect(pool.active).toBe(0);
  });

  it('allows one check per destination', () => {
    const d = new DestinationLocks();
    const u = d.tryLock('1.2.3.4');
    expect(d.tryLock('1.2.3.4')).toBeNull();
    expect(d.tryLock('1.2.3.5')).not.toBeNull();
    u!();
    expect(d.tryLock('1.2.3.4')).not.toBeNull();
  });
});

describe('limits cannot be switched off by accident', () => {
  it('a token bucket of 0 (or a rate of 0) is a RangeError, not "unlimited"', () => {
    expect(() => new TokenBuckets(0, 10, () => 0)).toThrow(RangeError);
    expect(() => new TokenBuckets(5, 0, () => 0)).toThrow(RangeError);
  });
});
