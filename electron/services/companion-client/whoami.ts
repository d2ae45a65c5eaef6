// The caller's public address as a companion sees it, optionally with NAT mapping from STUN.
import type { WhoamiResponse } from '../../../shared/companion-protocol';
import { fetchWhoami, type Fetch } from './api';
import { probeNat, type NatReport, type StunServer } from './stun-client';

export interface WhoamiOutcome {
  publicAddress: string;
  port: number;
  family: WhoamiResponse['family'];
  companionVersion: string;
  /** null when NAT detection was not asked for ("not checked", not "no NAT"); mapping 'unknown' when STUN went unanswered. */
  nat: NatReport | null;
}

export async function whoami(
  companion: URL,
  options: { stun?: readonly StunServer[] | undefined; signal?: AbortSignal; fetch?: Fetch } = {},
): Promise<WhoamiOutcome> {
  const [who, nat] = await Promise.all([
    fetchWhoami(companion, { signal: options.signal, fetch: options.fetch }),
    options.stun && options.stun.length > 0 ? probeNat(options.stun, { signal: options.signal }) : Promise.resolve(null),
  ]);
  return { publicAddress: who.address, port: who.port, family: who.family, companionVersion: who.version, nat };
}
