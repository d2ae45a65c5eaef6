// Where the app finds a companion (named by the user) and STUN servers (public defaults), per call or by environment.
import { AppError } from '../../../shared/errors';
import { parseStunServer, type StunServer } from './stun-client';

/**
 * There is no public companion operated by the project yet, so there is no default: a made-up
 * address would send users' checks to whoever owns that name. Users run their own (see
 * companion/README.md) and name it; tests always pass an explicit URL.
 */
export const NO_COMPANION_MESSAGE =
  'no companion configured: run your own (companion/README.md) and pass --companion URL or set PD_COMPANION_URL';

/** Public STUN servers on two different operators, so the mapping test compares two destinations. */
export const DEFAULT_STUN_SERVERS: readonly string[] = ['stun.l.google.com:19302', 'stun.cloudflare.com:3478'];

/**
 * The companion's default STUN ports (primary, and the second one for NAT mapping), used only
 * when a companion predates announcing its own in /v1/whoami.
 */
export const COMPANION_STUN_PORTS = [3478, 3479] as const;

export function companionUrl(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): URL {
  const raw = explicit ?? env.PD_COMPANION_URL;
  // Missing is not malformed: nothing the caller typed is wrong, a setting is absent (CLI exit 3).
  if (raw === undefined || raw.trim() === '') throw new AppError('NOT_CONFIGURED', NO_COMPANION_MESSAGE);
  let url: URL;
  try {
    url = new URL(raw);
  } catch (e) {
    throw new TypeError(`companion URL '${raw}' is not a URL`, { cause: e });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`companion URL must be http(s), got '${url.protocol}'`);
  if (url.username || url.password) throw new TypeError('companion URL must not carry credentials');
  return url;
}

/** STUN servers: explicit list, else `PD_STUN_SERVERS` (comma-separated), else the public defaults. */
export function stunServers(explicit: readonly string[] | undefined, env: NodeJS.ProcessEnv = process.env): StunServer[] {
  const raw = explicit && explicit.length > 0 ? explicit : env.PD_STUN_SERVERS ? env.PD_STUN_SERVERS.split(',') : DEFAULT_STUN_SERVERS;
  return raw.map((s) => parseStunServer(s.trim()));
}

/** The companion's own STUN ports on its host (as it announced them): what `whoami` uses when no STUN servers are given. */
export function companionStunServers(url: URL, announced: readonly number[] | undefined): StunServer[] {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return (announced && announced.length > 0 ? announced : COMPANION_STUN_PORTS).map((port) => ({ host, port }));
}
