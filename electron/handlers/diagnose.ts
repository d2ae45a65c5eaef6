// diagnose:* handlers: one diagnosis per runId, its checklist streamed to the caller, cancel by runId,
// and the user's own phone/friend test taken into a finished one (reconsider).
import { AppError } from '../../shared/errors';
import type { Handler } from '../bridge/handler';
import { buildPlan } from '../services/diagnosis/plan';
import { listListeners } from '../services/listeners/index';
import { handlerListenersDeps } from './listeners';
import { runDiagnosis } from '../services/diagnosis/run';
import { resolveVantage } from '../services/diagnosis/vantage';
import { withOutsideTest } from '../services/diagnosis/outside-test';
import type { DiagnosisDocument } from '../../shared/diagnosis/index';

const running = new Map<string, AbortController>();

/**
 * Finished diagnoses by runId, as gathered (not as reconsidered: a second test of the same port
 * replaces the first, it does not stack). The wizard shows one at a time; a few cover "Check again"
 * while a phone test of the previous run still listens.
 */
const finished = new Map<string, DiagnosisDocument>();
const KEPT_DIAGNOSES = 8;

function keep(runId: string, doc: DiagnosisDocument): void {
  finished.delete(runId);
  finished.set(runId, doc);
  for (const oldest of finished.keys()) {
    if (finished.size <= KEPT_DIAGNOSES) break;
    finished.delete(oldest);
  }
}

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
    const doc = await runDiagnosis(plan, {
      signal: controller.signal,
      // The app's warm listeners engine, off the UI thread.
      listListeners: async (s) => (await listListeners({}, handlerListenersDeps(s))).listeners,
      onProgress: (p) => ctx.emit('diagnose:progress', { runId: input.runId, ...p }) });
    keep(input.runId, doc);
    return doc;
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

export const diagnoseReconsider: Handler<'diagnose:reconsider'> = async (input) => {
  const doc = finished.get(input.runId);
  if (!doc) throw new AppError('INVALID_INPUT', `no finished diagnosis with id ${input.runId}: press Check again`);
  try {
    return withOutsideTest(doc, input.test);
  } catch (e) {
    if (e instanceof RangeError) throw new AppError('INVALID_INPUT', e.message, { cause: e });
    throw e;
  }
};
