// companion:* and nat:* handlers.
import { AppError } from '../../shared/errors';
import type { Handler } from '../bridge/handler';
import { checkPort, companionUrl, detectNat, stunServers, whoami } from '../services/companion-client/index';

/** Caller mistakes in a URL or server list become INVALID_INPUT with the reason. */
function parsed<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof TypeError) throw new AppError('INVALID_INPUT', e.message, { cause: e });
    throw e;
  }
}

export const companionWhoami: Handler<'companion:whoami'> = async (input, ctx) => {
  const url = parsed(() => companionUrl(input.companionUrl));
  return whoami(url, { signal: ctx.signal, stun: input.detectNat ? 'companion' : undefined });
};

export const companionCheck: Handler<'companion:check'> = async (input, ctx) =>
  checkPort(parsed(() => companionUrl(input.companionUrl)), input.port, input.protocol, { signal: ctx.signal });

export const natDetect: Handler<'nat:detect'> = async (input, ctx) =>
  detectNat(parsed(() => stunServers(input.stunServers)), { signal: ctx.signal });
