import { describe, expect, it } from 'vitest';
import { SNAPSHOT_TTL_MS, snapshotCache } from './snapshot';

describe('snapshotCache: one firewall reading per refresh, not per row', () => {
  it('shares one reading (also while in flight) until it is SNAPSHOT_TTL_MS old', async () => {
    let t = 0;
    let reads = 0;
    const cache = snapshotCache(async () => ++reads, () => t);
    const [a, b] = await Promise.all([cache.get(), cache.get()]);
    expect([a, b, reads]).toEqual([1, 1, 1]);
    t = SNAPSHOT_TTL_MS - 1;
    expect(await cache.get()).toBe(1);
    t = SNAPSHOT_TTL_MS;
    expect(await cache.get()).toBe(2);
    expect(reads).toBe(2);
  });

  it('does not keep a failed reading: the next question reads again', async () => {
    let reads = 0;
    const cache = snapshotCache(async () => {
      reads++;
      if (reads === 1) throw new Error('nft failed');
      return reads;
    }, () => 0);
    await expect(cache.get()).rejects.toThrow('nft failed');
    expect(await cache.get()).toBe(2);
  });
});
