// Builds listener rows from platform facts: the one place category, service and exposure are added.
import type { Listener, ListenerProtocol, OwnerUnknownReason } from '../../../shared/channels/listeners';
import { isPrivilegedPort, portCategory, serviceFor } from '../../../shared/ports/index';
import { exposureOf } from './exposure';

export type Platform = 'linux' | 'darwin' | 'win32' | 'other';

export interface ListenerFilter {
  protocol?: ListenerProtocol | undefined;
  port?: number | undefined;
}

export interface RowFacts {
  protocol: ListenerProtocol;
  family: 4 | 6;
  address: string;
  port: number;
  pid: number | null;
  process: string | null;
  command: string | null;
  user: string | null;
  exePath: string | null;
  ownerUnknownReason: OwnerUnknownReason | null;
}

export function makeRow(f: RowFacts, platform: Platform): Listener {
  const service = serviceFor(f.port, f.protocol);
  return {
    protocol: f.protocol,
    family: f.family,
    address: f.address,
    port: f.port,
    exposure: exposureOf(f.family, f.address),
    pid: f.pid,
    process: f.process,
    command: f.command,
    user: f.user,
    category: portCategory(f.port),
    service: service?.name ?? null,
    serviceDescription: service?.description ?? null,
    privileged: isPrivilegedPort(f.port, platform),
    exePath: f.exePath,
    ownerUnknownReason: f.pid === null ? (f.ownerUnknownReason ?? 'not-found') : null,
  };
}

/** Stable order for every output: port, then protocol, then IPv4 before IPv6, then address, pid. */
export function compareRows(a: Listener, b: Listener): number {
  return (
    a.port - b.port ||
    (a.protocol === b.protocol ? 0 : a.protocol === 'tcp' ? -1 : 1) ||
    a.family - b.family ||
    (a.address < b.address ? -1 : a.address > b.address ? 1 : 0) ||
    (a.pid ?? -1) - (b.pid ?? -1)
  );
}
