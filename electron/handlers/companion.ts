// companion:* and nat:* handlers: only towards the configured companion and STUN servers.
import type { Handler } from '../bridge/handler';
import { checkPort, detectNat, whoami } from '../services/companion-client/index';
import { configuredCompanion, configuredStunServers } from './destinations';

export const companionWhoami: Handler<'companion:whoami'> = async (input, ctx) =>
  whoami(configuredCompanion(input.companionUrl), { signal: ctx.signal, stun: input.detectNat ? 'companion' : undefined });

export const companionCheck: Handler<'companion:check'> = async (input, ctx) =>
  checkPort(configuredCompanion(input.companionUrl), input.port, input.protocol, { signal: ctx.signal });

export const natDetect: Handler<'nat:detect'> = async (input, ctx) =>
  detectNat(configuredStunServers(input.stunServers), { signal: ctx.signal });
