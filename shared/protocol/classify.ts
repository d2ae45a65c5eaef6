// Turns what a socket saw (connected, an errno, silence) into a port state and nmap's reason.
import type { PortState, ProbeReason } from './verdict';

export interface Verdict {
  state: PortState;
  reason: ProbeReason;
}

/** Errors that say "this machine ran out of sockets", not anything about the port: retry later. */
export const RESOURCE_ERRORS: ReadonlySet<string> = new Set(['EMFILE', 'ENFILE', 'ENOBUFS', 'EAGAIN', 'EADDRNOTAVAIL', 'ENOMEM']);

export function isResourceError(code: string): boolean {
  return RESOURCE_ERRORS.has(code);
}

/**
 * The outcome of one TCP connect. `self-connect` is a loopback connect that met itself
 * (source port = destination port): no listener took part, so it is not an open port.
 */
export type TcpOutcome = { kind: 'connected' } | { kind: 'self-connect' } | { kind: 'timeout' } | { kind: 'error'; code: string };

/** null: the error says nothing about the port (resource exhaustion) — the caller retries. */
export function classifyTcp(outcome: TcpOutcome): Verdict | null {
  switch (outcome.kind) {
    case 'connected':
      return { state: 'open', reason: 'syn-ack' };
    case 'self-connect':
      // What a port with nothing listening answers on loopback when no self-connect happens.
      return { state: 'closed', reason: 'conn-refused' };
    case 'timeout':
      return { state: 'filtered', reason: 'no-response' };
    case 'error':
      return classifyErrno(outcome.code, 'tcp');
  }
}

/** The outcome of one UDP exchange: a datagram back, an ICMP error (as errno), or silence. */
export type UdpOutcome = { kind: 'response' } | { kind: 'silence' } | { kind: 'error'; code: string };

export function classifyUdp(outcome: UdpOutcome): Verdict | null {
  switch (outcome.kind) {
    case 'response':
      return { state: 'open', reason: 'udp-response' };
    case 'silence':
      // UDP has no handshake: nothing back proves nothing (nmap's open|filtered).
      return { state: 'open|filtered', reason: 'no-response' };
    case 'error':
      return classifyErrno(outcome.code, 'udp');
  }
}

function classifyErrno(code: string, transport: 'tcp' | 'udp'): Verdict | null {
  if (isResourceError(code)) return null;
  switch (code) {
    case 'ECONNREFUSED':
      // TCP: a RST (or ICMP port-unreachable); UDP: ICMP port-unreachable.
      return transport === 'tcp' ? { state: 'closed', reason: 'conn-refused' } : { state: 'closed', reason: 'port-unreach' };
    case 'ECONNRESET':
      return { state: 'closed', reason: 'conn-refused' };
    case 'ETIMEDOUT':
      return { state: 'filtered', reason: 'no-response' };
    case 'EHOSTUNREACH':
    case 'EHOSTDOWN':
      return { state: 'filtered', reason: 'host-unreach' };
    case 'ENETUNREACH':
    case 'ENETDOWN':
      return { state: 'filtered', reason: 'net-unreach' };
    case 'EACCES':
    case 'EPERM':
      return { state: 'filtered', reason: 'admin-prohibited' };
    default:
      // An errno we have no sentence for: nothing came back that proves a listener.
      return { state: 'filtered', reason: 'no-response' };
  }
}
