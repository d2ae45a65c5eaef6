import { describe, expect, it, vi } from 'vitest';
import type { ProbeResult } from '../../../shared/channels/probe';
import { createProgressBatcher, type ProgressSnapshot } from './progress';

const r = (port: number): ProbeResult => ({ port, protocol: 'tcp', state: 'closed', reason: 'conn-refused', rttMs: 0.1, service: null });

describe('createProgressBatcher', () => {
  it('batches results per interval, estimates the time left from the rate, ends at 100%', () => {
    vi.useFakeTimers();
    try {
      let t = 0;
      const events: ProgressSnapshot[] = [];
      const b = createProgressBatcher({ total: 100, emit: (p) => events.push(p), now: () => t, intervalMs: 100 });
      for (let p = 1; p <= 50; p++) b.add(r(p));
      t = 1000;
      vi.advanceTimersByTime(100);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ done: 50, total: 100, etaMs: 1000 });
      expect(events[0]?.results).toHaveLength(50);
      for (let p = 51; p <= 100; p++) b.add(r(p));
      b.flush();
      expect(events[1]).toMatchObject({ done: 100, etaMs: 0 });
      expect(events.flatMap((e) => e.results.map((x) => x.port))).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      b.stop();
    } finally {
      vi.useRealTimers();
    }
  });
  it('gives no ETA before enough is decided', () => {
    const events: ProgressSnapshot[] = [];
    const b = createProgressBatcher({ total: 10_000, emit: (p) => events.push(p), now: () => 5 });
    b.add(r(1));
    b.flush();
    expect(events[0]?.etaMs).toBeNull();
  });
});
