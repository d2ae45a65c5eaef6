// Running one gathering step under the diagnosis's signal and its own deadline, with progress and a record.
import { setMaxListeners } from 'node:events';
import type { StepId, StepRecord } from '../../../../shared/diagnosis/index';

/**
 * A step hands its signal to every command and probe it runs (the firewall step: a few commands
 * per port), so more than Node's 11 listeners at once is expected, not a leak; without this each
 * CLI run printed a MaxListenersExceededWarning.
 */
const STEP_SIGNAL_LISTENERS = 100;

export interface StepProgress {
  step: StepId;
  state: 'running' | StepRecord['state'];
  /** One line for the checklist (empty while running). */
  note: string;
}

export class StepTimeout extends Error {
  constructor(step: StepId) {
    super(`${step} ran out of time`);
    this.name = 'StepTimeout';
  }
}

export interface StepRunner {
  readonly records: StepRecord[];
  run<T>(step: StepId, deadlineMs: number, work: (signal: AbortSignal) => Promise<{ value: T; note: string }>): Promise<{ ok: true; value: T } | { ok: false; state: StepRecord['state']; note: string }>;
  skip(step: StepId, note: string): void;
}

export function stepRunner(signal: AbortSignal, onProgress: (p: StepProgress) => void, now: () => number = () => performance.now()): StepRunner {
  const records: StepRecord[] = [];
  const record = (step: StepId, state: StepRecord['state'], started: number, note: string) => {
    records.push({ id: step, state, durationMs: Math.max(0, Math.round(now() - started)), note: note.slice(0, 300) });
    onProgress({ step, state, note: note.slice(0, 300) });
  };
  return {
    records,
    skip(step, note) {
      record(step, 'skipped', now(), note);
    },
    async run(step, deadlineMs, work) {
      const started = now();
      onProgress({ step, state: 'running', note: '' });
      const stepSignal = AbortSignal.any([signal, AbortSignal.timeout(deadlineMs)]);
      setMaxListeners(STEP_SIGNAL_LISTENERS, stepSignal);
      try {
        // Raced against the signal: a step stuck in I/O that ignores it must not hold the diagnosis.
        const { value, note } = await Promise.race([work(stepSignal), aborted(stepSignal)]);
        record(step, 'done', started, note);
        return { ok: true, value };
      } catch (e) {
        const state: StepRecord['state'] = signal.aborted ? (signal.reason instanceof DOMException && signal.reason.name === 'TimeoutError' ? 'timed-out' : 'cancelled') : stepSignal.aborted ? 'timed-out' : 'failed';
        const note = state === 'failed' ? (e instanceof Error ? e.message : String(e)) : state === 'timed-out' ? 'ran out of time' : 'cancelled';
        record(step, state, started, note);
        return { ok: false, state, note };
      }
    },
  };
}

function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}
