// Decodes the generated IANA service-name table once, on first lookup, into per-protocol maps.
import { IANA_DATA } from './iana-data.generated';

export type TransportProtocol = 'tcp' | 'udp';

export interface IanaService {
  /** IANA service name, e.g. `ssh`, `mysql`. */
  readonly name: string;
  /** IANA's description, e.g. "The Secure Shell (SSH) Protocol"; equals name when IANA gave none. */
  readonly description: string;
}

let tables: { tcp: Map<number, IanaService>; udp: Map<number, IanaService> } | undefined;

function decode(): { tcp: Map<number, IanaService>; udp: Map<number, IanaService> } {
  const tcp = new Map<number, IanaService>();
  const udp = new Map<number, IanaService>();
  let port = 0;
  let start = 0;
  const end = IANA_DATA.length;
  while (start < end) {
    let nl = IANA_DATA.indexOf('\n', start);
    if (nl === -1) nl = end;
    const fields = IANA_DATA.slice(start, nl).split('\t');
    start = nl + 1;
    port += Number(fields[0]);
    const name = fields[2] ?? '';
    const service: IanaService = { name, description: fields[3] ?? name };
    const flag = fields[1];
    if (flag === 't' || flag === 'b') tcp.set(port, service);
    if (flag === 'u' || flag === 'b') udp.set(port, service);
  }
  return { tcp, udp };
}

/** The IANA registration for port/protocol, or null when IANA lists it unassigned or reserved. */
export function ianaService(port: number, protocol: TransportProtocol): IanaService | null {
  tables ??= decode();
  return tables[protocol].get(port) ?? null;
}
