// diagnose:* handlers: one diagnosis per runId, its checklist streamed to the caller, cancel by runId.
import { AppError } from '../../shared/errors';
import type { Handler } from '../bridge/handler';
import { buildPlan } from '../services/diagnosis/plan';
import { listListeners } from '../services/listeners/index';
import { handlerListenersDeps } from './listeners';
import { runDiagnosis } from '../services/diagnosis/run';
import { resolveVantage } from '../services/diagnosis/vantage';

const running = new Map<string, AbortController>();

export const diagnoseRun: Handler<'diagnose:run'> = async (input, ctx) => {
  let plan;
  try {
    plan = buildPlan({ presetId: input.presetId, ports: input.ports, relayMode: input.relayMode, ...resolveVantage(input.companionUrl, input.stunServers) });
  } catch (e) {
    if (e instanceof TypeError || e instanceof RangeError) throw new AppError('INVALID_INPUT', e.message, { cause: e });
    throw e;
  }
  if (running.has(input.runId)) throw new AppError('INVALID_INPUT', `a diagnosis with id ${input.runId} is already running`);
  const controller = new AbortController();
  const onCallerGone = (): void => controller.abort();
  ctx.signal.addEventListener('abort', onCallerGone, { once: true });
  running.set(input.runId, controller);
  try {
    return await runDiagnosis(plan, {
      signal: controller.signal,
      // The app's warm listeners engine, off the UI thread.
      listListeners: async (s) => (await listListeners({}, handlerListenersDeps(s))).listeners,
      onProgress: (p) => ctx.emit('diagnose:progress', { runId: input.runId, ...p }) });
  } finally {
    running.delete(input.runId);
    ctx.signal.removeEventListener('abort', onCallerGone);
  }
};

export const diagnoseCancel: Handler<'diagnose:cancel'> = async (input) => {
  const c = running.get(input.runId);
  if (!c) return { cancelled: false };
  c.abort();
  return { cancelled: true };
};
