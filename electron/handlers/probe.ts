// probe:* handlers: one run per runId, progress streamed to the caller, cancel by runId.
import { AppError } from '../../shared/errors';
import type { Handler } from '../bridge/handler';
import { parsePortList } from '../../shared/ports/port-spec';
import { createProgressBatcher } from '../services/probe/progress';
import { runProbe } from '../services/probe/probe-run';

/** Runs in flight, so probe:cancel (a separate request) can reach them. */
const running = new Map<string, AbortController>();

/**
 * Bounds on what one engine does for its pages (the CLI calls the prober directly and keeps the
 * full range): a page, or whoever holds its secret, must not exhaust the process's descriptors.
 */
export const MAX_RUNS_AT_ONCE = 2;
export const MAX_RUN_CONCURRENCY = 512;

/** The concurrency a run gets: what was asked, never more than the per-run bound. */
export function boundedConcurrency(asked: number | undefined): number | undefined {
  return asked === undefined ? undefined : Math.min(asked, MAX_RUN_CONCURRENCY);
}

export const probeRun: Handler<'probe:run'> = async (input, ctx) => {
  let ports: number[];
  try {
    ports = parsePortList(input.ports);
  } catch (e) {
    if (e instanceof RangeError) throw new AppError('INVALID_INPUT', e.message, { cause: e });
    throw e;
  }
  if (running.has(input.runId)) throw new AppError('INVALID_INPUT', `a run with id ${input.runId} is already going`);
  if (running.size >= MAX_RUNS_AT_ONCE) throw new AppError('TOO_BUSY', `${MAX_RUNS_AT_ONCE} port checks are already running`);
  const controller = new AbortController();
  const onCallerGone = (): void => controller.abort();
  ctx.signal.addEventListener('abort', onCallerGone, { once: true });
  running.set(input.runId, controller);
  const progress = createProgressBatcher({
    total: ports.length,
    emit: (p) => ctx.emit('probe:progress', { runId: input.runId, ...p }),
  });
  // At once, so the caller can show the size of the run before the first verdict.
  progress.flush();
  try {
    const out = await runProbe({
      host: input.host,
      ports,
      protocol: input.protocol,
      timeoutMs: input.timeoutMs,
      concurrency: boundedConcurrency(input.concurrency),
      confirm: input.confirm,
      signal: controller.signal,
      onResult: (r) => progress.add(r),
    });
    progress.flush();
    return { host: out.host, address: out.address, family: out.family, results: out.results, cancelled: out.cancelled, durationMs: out.durationMs };
  } finally {
    progress.stop();
    running.delete(input.runId);
    ctx.signal.removeEventListener('abort', onCallerGone);
  }
};

export const probeCancel: Handler<'probe:cancel'> = async (input) => {
  const controller = running.get(input.runId);
  if (!controller) return { cancelled: false };
  controller.abort();
  return { cancelled: true };
};
