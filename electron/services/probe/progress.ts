// Turns a stream of results into progress events: batched (a 65k-port scan must not send 65k
// messages), with an ETA once enough ports are decided to estimate the rate.
import type { ProbeResult } from '../../../shared/channels/probe';

/** Often enough for a smooth bar, rarely enough that the bridge is never the bottleneck. */
export const PROGRESS_INTERVAL_MS = 100;
/** Before this share of ports is decided, the rate says little (the first answers are the fast ones). */
const ETA_MIN_SHARE = 0.02;

export interface ProgressSnapshot {
  done: number;
  total: number;
  etaMs: number | null;
  results: ProbeResult[];
}

export interface ProgressBatcher {
  add(r: ProbeResult): void;
  /** Sends what is pending now (also when nothing is: the final 100%). */
  flush(): void;
  stop(): void;
}

export function createProgressBatcher(opts: {
  total: number;
  emit: (p: ProgressSnapshot) => void;
  intervalMs?: number;
  now?: () => number;
}): ProgressBatcher {
  const now = opts.now ?? (() => performance.now());
  const started = now();
  let done = 0;
  let pending: ProbeResult[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  const eta = (): number | null => {
    if (done === 0 || done / Math.max(1, opts.total) < ETA_MIN_SHARE) return null;
    return Math.max(0, Math.round(((now() - started) / done) * (opts.total - done)));
  };
  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    const results = pending;
    pending = [];
    opts.emit({ done, total: opts.total, etaMs: done >= opts.total ? 0 : eta(), results });
  };
  return {
    add(r) {
      done++;
      pending.push(r);
      if (!timer) {
        timer = setTimeout(flush, opts.intervalMs ?? PROGRESS_INTERVAL_MS);
        timer.unref?.();
      }
    },
    flush,
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
