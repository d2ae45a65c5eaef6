// Looks services up in the generated IANA table: one pass finds where each port's record starts,
// and a record is split into fields only when its port is asked for.
import { IANA_DATA } from './iana-data.generated';

export type TransportProtocol = 'tcp' | 'udp';

export interface IanaService {
  /** IANA service name, e.g. `ssh`, `mysql`. */
  readonly name: string;
  /** IANA's description, e.g. "The Secure Shell (SSH) Protocol"; equals name when IANA gave none. */
  readonly description: string;
}

const TAB = 0x09;

/**
 * 1 + the offset of the record for port * 2 + (udp ? 1 : 0); 0 where IANA names nothing. Listing
 * 12,500 sockets asks for 12,500 ports: decoding all 12,000 records up front cost more than that.
 */
let starts: Int32Array | undefined;
const decoded = new Map<number, IanaService>();

function indexRecords(): Int32Array {
  const index = new Int32Array(65536 * 2);
  let port = 0;
  for (let start = 0; start < IANA_DATA.length; ) {
    let i = start;
    let delta = 0;
    for (let c = IANA_DATA.charCodeAt(i); c !== TAB; c = IANA_DATA.charCodeAt(++i)) delta = delta * 10 + (c - 0x30);
    port += delta;
    const flag = IANA_DATA[i + 1];
    if (flag === 't' || flag === 'b') index[port * 2] = start + 1;
    if (flag === 'u' || flag === 'b') index[port * 2 + 1] = start + 1;
    const nl = IANA_DATA.indexOf('\n', i);
    start = nl === -1 ? IANA_DATA.length : nl + 1;
  }
  return index;
}

function decode(start: number): IanaService {
  let end = IANA_DATA.indexOf('\n', start);
  if (end === -1) end = IANA_DATA.length;
  const [, , name = '', description] = IANA_DATA.slice(start, end).split('\t');
  return { name, description: description ?? name };
}

/** The IANA registration for port/protocol, or null when IANA lists it unassigned or reserved. */
export function ianaService(port: number, protocol: TransportProtocol): IanaService | null {
  if (!Number.isInteger(port) || port < 0 || port > 65535) return null;
  starts ??= indexRecords();
  const key = port * 2 + (protocol === 'udp' ? 1 : 0);
  const at = starts[key] ?? 0;
  if (at === 0) return null;
  let service = decoded.get(at);
  if (service === undefined) {
    service = decode(at - 1);
    decoded.set(at, service);
  }
  return service;
}
