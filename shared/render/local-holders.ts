// A probe verdict for this computer, tied to the programs that hold the port here: "closed" on ::1
// while a server listens on IPv4 only, "no answer" from a UDP port a local game holds.
import type { Listener } from '../channels/listeners';
import type { ProbeResult } from '../channels/probe';

export interface ProbeTarget {
  address: string;
  family: 4 | 6;
}

const V4_MAPPED = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

function isLoopback(t: ProbeTarget): boolean {
  const v4 = t.family === 4 ? t.address : V4_MAPPED.exec(t.address)?.[1];
  return v4 !== undefined ? v4.startsWith('127.') : t.address === '::1';
}

/** Whether a connection to the target reaches this socket (wildcards; v4-mapped IPv6 sockets). */
function accepts(l: Listener, t: ProbeTarget): boolean {
  if (l.address === t.address) return true;
  if (t.family === 4) return l.address === '0.0.0.0' || l.address === `::ffff:${t.address}` || l.address === '::';
  return l.address === '::';
}

function program(holders: readonly Listener[]): string {
  const names = [...new Set(holders.map((l) => (l.process ? `${l.process}${l.pid !== null ? `, pid ${l.pid}` : ''}` : l.pid !== null ? `pid ${l.pid}` : 'a program we may not name')))];
  return names.join('; ');
}

/**
 * True when the probed address is this computer: loopback, or an address a local socket is bound
 * to. (A LAN address of this computer with only wildcard sockets is not recognised: no note then.)
 */
export function isThisComputer(target: ProbeTarget, listeners: readonly Listener[]): boolean {
  return isLoopback(target) || listeners.some((l) => l.address === target.address);
}

/** One sentence tying the verdict to this computer's own sockets, or null when there is nothing to add. */
export function localHolderNote(r: ProbeResult, target: ProbeTarget, listeners: readonly Listener[]): string | null {
  const onPort = listeners.filter((l) => l.port === r.port && l.protocol === r.protocol);
  if (onPort.length === 0) return null;
  const reaching = onPort.filter((l) => accepts(l, target));
  if (reaching.length === 0) {
    const families = new Set(onPort.map((l) => (V4_MAPPED.test(l.address) ? 4 : l.family)));
    const where = onPort.map((l) => l.address).join(', ');
    const only = families.size === 1 && !families.has(target.family) ? `over IPv${[...families][0]} only (${where})` : `only on ${where}`;
    return `A program on this computer (${program(onPort)}) listens on port ${r.port} ${only}: connect to ${onPort[0]!.address} instead of ${target.address}, or make the program listen on every address.`;
  }
  const who = program(reaching);
  switch (r.state) {
    case 'open':
      return `Answered by ${who} on this computer.`;
    case 'open|filtered':
      return `A program on this computer (${who}) holds this port but did not answer the probe: many game servers answer only their own game's messages.`;
    case 'filtered':
      return `A program on this computer (${who}) listens on this port, so something on this computer (a firewall rule) dropped the probe.`;
    case 'closed':
      return `A program on this computer (${who}) holds this port, yet the connection was refused: a firewall rule on this computer may be rejecting it.`;
  }
}
