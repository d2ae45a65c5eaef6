// When `probe` aims at this computer, each verdict is tied to the programs that hold the port here
// (issue 16 item 14), in the same words as the Port check page: "closed" on ::1 while a server
// listens on IPv4 only, "no answer" from a UDP port a local game holds.
import { networkInterfaces } from 'node:os';
import type { Listener } from '../../../shared/channels/listeners';
import type { ProbeRunResponse } from '../../../shared/channels/probe';
import { isThisComputer, localHolderNote, type ProbeTarget } from '../../../shared/render/local-holders';
import type { CliIo } from '../command';

/** This computer's own addresses (every interface, loopback included). */
function ownAddresses(): Set<string> {
  return new Set(Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((a) => a.address.replace(/%.*$/, ''))));
}

export interface LocalNotes {
  /** The probed address is this computer (loopback or one of its interfaces). */
  thisComputer: boolean;
  /** One per result, in order: the sentence tying it to a local socket, or null. */
  notes: (string | null)[];
}

/**
 * Reads this computer's sockets only when the probed address is this computer; a remote host
 * costs nothing. A socket table that cannot be read leaves the notes out, never the verdicts.
 */
export async function localNotes(out: Pick<ProbeRunResponse, 'address' | 'family' | 'results'>, io: CliIo, own: () => Set<string> = ownAddresses): Promise<LocalNotes> {
  const target: ProbeTarget = { address: out.address, family: out.family };
  const none = (thisComputer: boolean): LocalNotes => ({ thisComputer, notes: new Array<string | null>(out.results.length).fill(null) });
  if (!isThisComputer(target, []) && !own().has(out.address)) return none(false);
  const protocols = new Set(out.results.map((r) => r.protocol));
  const ports = new Set(out.results.map((r) => r.port));
  // Loaded only now: probing another host never needs this computer's socket engine.
  const { fetchListeners } = await import('./listeners');
  let listeners: Listener[];
  try {
    const protocol = protocols.size === 1 ? [...protocols][0] : undefined;
    listeners = (await fetchListeners(io, protocol, ports.size === 1 ? [...ports][0] : undefined)).listeners;
  } catch {
    return none(true);
  }
  return { thisComputer: true, notes: out.results.map((r) => localHolderNote(r, target, listeners)) };
}
