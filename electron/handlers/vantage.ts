// vantage:* handlers: one test from outside per testId, ready and arrivals streamed to the caller, cancel by testId.
import { AppError } from '../../shared/errors';
import type { Handler } from '../bridge/handler';
import { companionStunServers } from '../services/companion-client/index';
import { configuredCompanion, configuredStunServers } from './destinations';
import type { StunServer } from '../services/companion-client/stun-client';
import { decodeFriendCode, reachCode, runInvite } from '../services/vantage/index';

/** Tests in flight, so vantage:cancel (a separate request) can reach them. */
const running = new Map<string, AbortController>();

/** Caller mistakes (a bad URL, server name or code) become INVALID_INPUT with the reason. */
function parsed<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof TypeError || e instanceof RangeError) throw new AppError('INVALID_INPUT', e.message, { cause: e });
    throw e;
  }
}

/**
 * Named STUN servers (each must be configured); else the configured companion's STUN ports; else
 * the configured STUN servers (PD_STUN_SERVERS or the defaults). A page cannot point the engine at
 * any other host (see ./destinations.ts).
 */
export function inviteStunServers(input: { stunServers?: string[] | undefined; companionUrl?: string | undefined }, env: NodeJS.ProcessEnv = process.env): StunServer[] {
  if (input.stunServers) return configuredStunServers(input.stunServers, env);
  if (input.companionUrl) return companionStunServers(configuredCompanion(input.companionUrl, env), undefined);
  return configuredStunServers(undefined, env);
}

export const vantageInvite: Handler<'vantage:invite'> = async (input, ctx) => {
  const stun = inviteStunServers(input);
  if (running.has(input.testId)) throw new AppError('INVALID_INPUT', `a test with id ${input.testId} is already running`);
  const controller = new AbortController();
  const onCallerGone = (): void => controller.abort();
  ctx.signal.addEventListener('abort', onCallerGone, { once: true });
  running.set(input.testId, controller);
  try {
    return await runInvite({
      testId: input.testId,
      port: input.port,
      protocol: input.protocol,
      timeoutMs: input.timeoutSeconds * 1000,
      count: input.count,
      stun,
      signal: controller.signal,
      onReady: (r) => ctx.emit('vantage:ready', r),
      onArrival: (arrival) => ctx.emit('vantage:arrival', { testId: input.testId, arrival }),
    });
  } finally {
    running.delete(input.testId);
    ctx.signal.removeEventListener('abort', onCallerGone);
  }
};

export const vantageCancel: Handler<'vantage:cancel'> = async (input) => {
  const controller = running.get(input.testId);
  if (!controller) return { cancelled: false };
  controller.abort();
  return { cancelled: true };
};

export const vantageReach: Handler<'vantage:reach'> = async (input, ctx) => {
  // Decoding first turns a mistyped code into INVALID_INPUT before any packet leaves.
  parsed(() => decodeFriendCode(input.code));
  return reachCode(input.code, { signal: ctx.signal });
};
