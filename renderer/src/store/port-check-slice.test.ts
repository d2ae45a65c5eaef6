// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../../shared/channels/probe';
import { useStore } from './index';
import { ResultLog } from './result-log';
import { countingArrays } from './counting-arrays';

const batch = (from: number, size: number): ProbeResult[] =>
  Array.from({ length: size }, (_, i) => ({ port: from + i, protocol: 'tcp', state: 'closed', reason: 'conn-refused', rttMs: 1, service: null }));

describe('port check slice, streamed results', () => {
  it('appends each probe:progress batch at the cost of the batch, not of what it already holds', () => {
    const arrays = countingArrays();
    useStore.setState({ portCheckRunId: 'run-1', portCheckResults: ResultLog.empty(arrays.make) });
    const received = useStore.getState().portCheckProgressReceived;
    const perBatch: number[] = [];
    const views = new Set<ResultLog>();
    for (let b = 0; b < 300; b++) {
      const before = arrays.writes();
      received({ runId: 'run-1', done: (b + 1) * 100, total: 30_000, etaMs: null, results: batch(b * 100 + 1, 100) });
      perBatch.push(arrays.writes() - before);
      views.add(useStore.getState().portCheckResults);
    }
    expect(useStore.getState().portCheckResults.length).toBe(30_000);
    // Every batch wrote exactly its own 100 results; nothing held before was copied again.
    expect(new Set(perBatch)).toEqual(new Set([100]));
    // Still a new value per batch, so selectors and memos see the change.
    expect(views.size).toBe(300);
    expect(useStore.getState().portCheckProgress).toEqual({ done: 30_000, total: 30_000, etaMs: null });
  });

  it('ignores batches of another run', () => {
    useStore.setState({ portCheckRunId: 'run-2', portCheckResults: ResultLog.empty() });
    useStore.getState().portCheckProgressReceived({ runId: 'run-1', done: 1, total: 1, etaMs: null, results: batch(1, 1) });
    expect(useStore.getState().portCheckResults.length).toBe(0);
  });
});
