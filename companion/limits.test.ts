import { describe, expect, it } from 'vitest';
import { AggregateLimiter, DestinationLocks, SlidingWindowLimiter, SlotPool, TokenBuckets } from './limits';
import { networkKey, parseAddress, rateKeys } from './net-address';

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

describe('a full limiter evicts instead of refusing (issue: 200,000 /64s locked everyone out)', () => {
  it('past maxKeys the least recently seen source is forgotten and the newcomer accepted', () => {
    let now = 0;
    const l = new SlidingWindowLimiter([{ max: 1, windowMs: 3_600_000 }], () => now, 100);
    for (let i = 0; i < 100; i++) expect(l.take(`fill-${i}`)).toBe(0);
    // The table is full of sources still inside their window: a newcomer is accepted all the same.
    expect(l.take('new-user')).toBe(0);
    expect(l.size).toBeLessThanOrEqual(100);
    // A source seen recently is still remembered (and still limited); the oldest was forgotten.
    expect(l.take('new-user')).toBeGreaterThan(0);
    expect(l.take('fill-99')).toBeGreaterThan(0);
    expect(l.take('fill-0')).toBe(0);
    now += 1;
    expect(l.take('fill-0')).toBeGreaterThan(0);
  });

  it('stays O(1) per call on a full table: 200,000 sources, then 100,000 more calls in well under a second', () => {
    const l = new SlidingWindowLimiter([{ max: 10, windowMs: 60_000 }, { max: 60, windowMs: 3_600_000 }], () => 0, 200_000);
    for (let i = 0; i < 200_000; i++) l.take(`s${i}`);
    const started = performance.now();
    for (let i = 0; i < 100_000; i++) l.take(`t${i}`);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(l.size).toBeLessThanOrEqual(200_000);
  });

  it('token buckets evict too: a STUN flood from many sources does not silence a new one', () => {
    const b = new TokenBuckets(1, 1, () => 0, 10);
    for (let i = 0; i < 50; i++) b.take(`flood-${i}`);
    expect(b.take('new')).toBe(true);
  });
});

describe('IPv6 aggregates (/64, /56, /48)', () => {
  const addr = (a: string) => parseAddress(a)!;

  it('an IPv6 address counts in its /64, /56 and /48; IPv4 in its /32', () => {
    expect(rateKeys(addr('2001:db8:aa:bb01::5'))).toEqual(['2001:db8:aa:bb01::/64', '2001:db8:aa:bb00::/56', '2001:db8:aa::/48']);
    expect(rateKeys(addr('::ffff:198.51.100.7'))).toEqual(['198.51.100.7']);
    expect(networkKey(addr('2001:db8:aa:bb01::5'))).toBe('2001:db8:aa::/48');
  });

  it('rotating /64s inside one /48 gets the /48 budget, not one budget per /64', () => {
    const levels = [1, 2, 4].map((f, level) => ({
      limiter: new SlidingWindowLimiter([{ max: 2 * f, windowMs: 60_000 }], () => 0),
      key: (keys: readonly string[]) => keys[level],
    }));
    const l = new AggregateLimiter(levels);
    let accepted = 0;
    // 150 /64s, each in its own /56, all in 2001:db8:aa::/48.
    for (let i = 0; i < 150; i++) if (l.take(rateKeys(addr(`2001:db8:aa:${(i << 8).toString(16)}::1`))) === 0) accepted++;
    expect(accepted).toBe(8);
    // Another /48 is untouched, and so is an IPv4 caller.
    expect(l.take(rateKeys(addr('2001:db8:bb::1')))).toBe(0);
    expect(l.take(rateKeys(addr('198.51.100.7')))).toBe(0);
  });
});

describe('fair admission to probe slots', () => {
  it('one network holds at most its share, however many requests it sends', async () => {
    const pool = new SlotPool(8, 100, 2);
    const s = new AbortController().signal;
    const mine = await Promise.all([pool.acquire(s, 'A'), pool.acquire(s, 'A'), pool.acquire(s, 'A')]);
    expect(mine.map((r) => r !== null)).toEqual([true, true, false]);
    expect(await pool.acquire(s, 'B')).not.toBeNull();
  });

  it('freed slots go round-robin over the waiting networks, not first-come to the loudest', async () => {
    const pool = new SlotPool(1, 100, 10);
    const s = new AbortController().signal;
    const first = await pool.acquire(s, 'busy');
    const order: string[] = [];
    const wait = (net: string) => pool.acquire(s, net).then((release) => {
      order.push(net);
      release!();
    });
    // The busy network queues five, then two others arrive.
    const all = [...Array.from({ length: 5 }, () => wait('busy')), wait('x'), wait('y')];
    first!();
    await Promise.all(all);
    expect(order.slice(0, 3)).toEqual(['busy', 'x', 'y']);
    expect(pool.active).toBe(0);
    expect(pool.queued).toBe(0);
  });
});
