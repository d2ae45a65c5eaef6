// Where companion:* and nat:* may send traffic: only the companion and STUN servers the user
// configured for this engine (PD_COMPANION_URL, PD_STUN_SERVERS, or the STUN defaults). A page
// (or anyone holding its secret) naming another URL would otherwise turn the engine into a client
// for any host on the LAN or the internet; it gets INVALID_INPUT saying what is allowed.
import { AppError } from '../../shared/errors';
import { companionUrl, stunServers } from '../services/companion-client/config';
import type { StunServer } from '../services/companion-client/stun-client';

/** Caller mistakes in a URL or server list become INVALID_INPUT with the reason. */
function parsed<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof TypeError) throw new AppError('INVALID_INPUT', e.message, { cause: e });
    throw e;
  }
}

/** The configured companion; a named one must be that same URL. */
export function configuredCompanion(named: string | undefined, env: NodeJS.ProcessEnv = process.env): URL {
  const configured = parsed(() => companionUrl(undefined, env));
  if (named === undefined) return configured;
  const asked = parsed(() => companionUrl(named, env));
  if (asked.href !== configured.href) {
    throw new AppError('INVALID_INPUT', `only the configured companion (${configured.host}, from PD_COMPANION_URL) may be used`);
  }
  return configured;
}

const key = (s: StunServer) => `${s.host.toLowerCase()}:${s.port}`;

/** The configured STUN servers; named ones must each be among them. */
export function configuredStunServers(named: readonly string[] | undefined, env: NodeJS.ProcessEnv = process.env): StunServer[] {
  const configured = parsed(() => stunServers(undefined, env));
  if (named === undefined) return configured;
  const allowed = new Set(configured.map(key));
  const asked = parsed(() => stunServers(named, env));
  const stranger = asked.find((s) => !allowed.has(key(s)));
  if (stranger) throw new AppError('INVALID_INPUT', `STUN server ${key(stranger)} is not configured (PD_STUN_SERVERS or the defaults)`);
  return asked;
}
