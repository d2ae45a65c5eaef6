// Where the app finds a companion and STUN servers: public defaults, overridable per call and by environment.
import { parseStunServer, type StunServer } from './stun-client';

/**
 * The project's public companion. Until one is operated, users point the app at their own
 * (`PD_COMPANION_URL` or the setting); tests always pass an explicit URL.
 */
export const DEFAULT_COMPANION_URL = 'https://companion.port-doctor.app';

/** Public STUN servers on two different operators, so the mapping test compares two destinations. */
export const DEFAULT_STUN_SERVERS: readonly string[] = ['stun.l.google.com:19302', 'stun.cloudflare.com:3478'];

/** The companion's STUN ports (its defaults): primary and the second one for NAT mapping. */
export const COMPANION_STUN_PORTS = [3478, 3479] as const;

export function companionUrl(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): URL {
  const raw = explicit ?? env.PD_COMPANION_URL ?? DEFAULT_COMPANION_URL;
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

/** The companion's own STUN ports on its host: what `whoami` uses when no STUN servers are given. */
export function companionStunServers(url: URL): StunServer[] {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return COMPANION_STUN_PORTS.map((port) => ({ host, port }));
}
