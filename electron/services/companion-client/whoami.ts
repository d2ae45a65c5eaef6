// The caller's public address as a companion sees it, optionally with NAT mapping from STUN.
import type { WhoamiResponse } from '../../../shared/companion-protocol';
import { fetchWhoami, type Fetch } from './api';
import { companionStunServers } from './config';
import { probeNat, type NatReport, type StunServer } from './stun-client';

export interface WhoamiOutcome {
  publicAddress: string;
  port: number;
  family: WhoamiResponse['family'];
  companionVersion: string;
  /** null when NAT detection was not asked for ("not checked", not "no NAT"); mapping 'unknown' when STUN went unanswered. */
  nat: NatReport | null;
}

/**
 * `stun`: explicit servers, or 'companion' for the STUN ports the companion announces in its
 * whoami answer (so a companion on non-default ports still gets a NAT verdict), or undefined to
 * skip NAT detection.
 */
export async function whoami(
  companion: URL,
  options: { stun?: readonly StunServer[] | 'companion' | undefined; signal?: AbortSignal; fetch?: Fetch } = {},
): Promise<WhoamiOutcome> {
  const { stun } = options;
  const natFrom = (servers: readonly StunServer[]) => (servers.length > 0 ? probeNat(servers, { signal: options.signal }) : Promise.resolve(null));
  const asking = fetchWhoami(companion, { signal: options.signal, fetch: options.fetch });
  // Explicit servers run alongside the HTTP call; the companion's own ports are known only from its answer.
  const [who, nat] =
    stun === 'companion'
      ? await asking.then(async (w) => [w, await natFrom(companionStunServers(companion, w.stunPorts))] as const)
      : await Promise.all([asking, natFrom(stun ?? [])]);
  return { publicAddress: who.address, port: who.port, family: who.family, companionVersion: who.version, nat };
}
