import { describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../../shared/channels/probe';
import { countingArrays } from './counting-arrays';
import { ResultLog } from './result-log';

const result = (port: number, state: ProbeResult['state'] = 'closed'): ProbeResult => ({ port, protocol: 'tcp', state, reason: 'conn-refused', rttMs: 1, service: null });
const batch = (from: number, size: number, state: ProbeResult['state'] = 'closed') => Array.from({ length: size }, (_, i) => result(from + i, state));

describe('ResultLog', () => {
  it('writes each result once: the 400th batch costs what the first did', () => {
    const arrays = countingArrays();
    let log = ResultLog.empty(arrays.make);
    const madeAtStart = arrays.made();
    const perBatch: number[] = [];
    for (let b = 0; b < 400; b++) {
      const before = arrays.writes();
      log = log.append(batch(b * 50, 50, b % 7 === 0 ? 'open' : 'closed'));
      perBatch.push(arrays.writes() - before);
    }
    expect(log.length).toBe(20_000);
    expect(new Set(perBatch)).toEqual(new Set([50]));
    expect(arrays.writes()).toBe(20_000);
    expect(arrays.made()).toBe(madeAtStart);
  });

  it('keeps what an earlier view saw after later appends (React may still render it)', () => {
    const first = ResultLog.from([result(5), result(3, 'open')]);
    const second = first.append([result(1, 'open'), result(9)]);
    expect(first.length).toBe(2);
    expect(first.sortedExcept(null).map((r) => r.port)).toEqual([3, 5]);
    expect(second.sortedExcept(null).map((r) => r.port)).toEqual([1, 3, 5, 9]);
    expect(second.count('open')).toBe(2);
    expect(first.count('open')).toBe(1);
  });

  it('appending to an older view forks instead of changing what the newer one holds', () => {
    const base = ResultLog.from([result(1)]);
    const a = base.append([result(2)]);
    const b = base.append([result(3, 'open')]);
    expect(a.sortedExcept(null).map((r) => r.port)).toEqual([1, 2]);
    expect(b.sortedExcept(null).map((r) => r.port)).toEqual([1, 3]);
    expect(a.append([result(4)]).sortedExcept(null).map((r) => r.port)).toEqual([1, 2, 4]);
  });

  it('lists by port without the most common state, and an empty batch is the same view', () => {
    const log = ResultLog.from([...batch(10, 5), result(2, 'filtered'), result(1, 'open')]);
    expect(log.statesByCount()).toEqual(['closed', 'open', 'filtered']);
    expect(log.sortedExcept('closed').map((r) => r.port)).toEqual([1, 2]);
    expect(log.append([])).toBe(log);
  });
});
