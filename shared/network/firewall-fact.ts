// The host firewall's answer reduced to the one fact a socket's exposure needs (allows / blocks /
// not checked and why), and which sockets that answer applies to. Used by the exposure audit, the
// Listeners page and `port-doctor listeners` alike.
import type { FirewallFact } from '../channels/audit';
import type { Listener } from '../channels/listeners';
import type { FirewallAnswer } from './firewall';

export function firewallFactOf(a: FirewallAnswer): FirewallFact {
  if (a.verdict === 'allows') return { state: 'allows' };
  if (a.verdict === 'blocks') return { state: 'blocks' };
  const why = a.caveats[0] ?? (a.needsElevation ? 'the rules need administrator rights to read' : 'the rules could not be decided');
  return { state: 'not-checked', reason: why.replace(/\.$/, '') };
}

/** The firewall reader answers for IPv4 connections: IPv4 sockets, and `::`, which accepts IPv4 too. */
export function firewallAnswerApplies(l: Pick<Listener, 'family' | 'address'>): boolean {
  return l.family === 4 || l.address === '::';
}

/** Whether a socket's firewall question is worth asking: other devices could connect to it. */
export function firewallQuestionFor(l: Pick<Listener, 'family' | 'address' | 'exposure' | 'port'>): boolean {
  return l.exposure !== 'loopback' && l.port !== 0 && firewallAnswerApplies(l);
}

/** The fact for one socket, given the answers by `port/protocol` (undefined: not asked). */
export function listenerFirewallFact(
  l: Pick<Listener, 'family' | 'address' | 'exposure' | 'port' | 'protocol'>,
  answerFor: (key: string) => FirewallFact | undefined,
): FirewallFact {
  if (l.exposure === 'loopback') return { state: 'not-checked', reason: 'only this computer can connect, so the firewall does not matter' };
  if (l.port === 0) return { state: 'not-checked', reason: 'port 0 is not a listening port' };
  if (!firewallAnswerApplies(l)) return { state: 'not-checked', reason: 'the firewall reader answers for IPv4 connections only' };
  return answerFor(firewallKey(l.port, l.protocol)) ?? { state: 'not-checked', reason: 'the firewall was not read' };
}

export const firewallKey = (port: number, protocol: 'tcp' | 'udp'): string => `${port}/${protocol}`;
