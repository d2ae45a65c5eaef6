// Linux LAN facts from files: DNS servers (resolv.conf) and the neighbour table (/proc/net/arp).
import type { NeighbourRow } from '../../../shared/network/facts';

/** `nameserver` lines of a resolv.conf, in order, without duplicates. */
export function parseResolvConf(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*nameserver\s+(\S+)/.exec(line);
    if (m && !out.includes(m[1]!)) out.push(m[1]!);
  }
  return out;
}

/** systemd-resolved's stub listener: the real servers are in /run/systemd/resolve/resolv.conf. */
export const RESOLVED_STUB = '127.0.0.53';

const ATF_COM = 0x2;

/** /proc/net/arp: complete entries only (an incomplete one is a device that did not answer). */
export function parseProcNetArp(text: string): NeighbourRow[] {
  const out: NeighbourRow[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 6) continue;
    const [address, , flags, mac, , device] = f;
    if (!(Number.parseInt(flags!, 16) & ATF_COM) || mac === '00:00:00:00:00:00') continue;
    out.push({ address: address!, mac: mac!.toLowerCase(), interfaceName: device! });
  }
  return out;
}
