// This computer's networks: the LAN address for the link, and which path an arriving device took.
import net from 'node:net';
import type os from 'node:os';
import type { ArrivalPath } from '../../../shared/channels/vantage';
import { ipv4Bytes, ipv6Bytes } from '../../../shared/protocol/stun';

export interface LocalNet {
  address: string;
  family: 4 | 6;
  /** Prefix length of the interface's network (24 for a /24). */
  prefix: number;
  internal: boolean;
}

export type Interfaces = ReturnType<typeof os.networkInterfaces>;

export function localNets(ifaces: Interfaces): LocalNet[] {
  const out: LocalNet[] = [];
  for (const list of Object.values(ifaces)) {
    for (const a of list ?? []) {
      const prefix = a.cidr ? Number(a.cidr.split('/')[1]) : a.family === 'IPv4' ? 32 : 128;
      out.push({ address: a.address, family: a.family === 'IPv4' ? 4 : 6, prefix, internal: a.internal });
    }
  }
  return out;
}

/** `::ffff:1.2.3.4` (an IPv4 peer on a dual-stack socket) is 1.2.3.4. */
export function plainAddress(address: string): string {
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
}

const PRIVATE_V4: ReadonlyArray<[number, number, number]> = [
  [10, 0, 8],
  [172, 16, 12],
  [192, 168, 16],
  [100, 64, 10],
];

function bytesOf(address: string): Uint8Array | null {
  return net.isIPv4(address) ? ipv4Bytes(address) : net.isIPv6(address) ? ipv6Bytes(address) : null;
}

export function inPrefix(address: string, network: string, prefix: number): boolean {
  const a = bytesOf(plainAddress(address));
  const n = bytesOf(network);
  if (!a || !n || a.length !== n.length) return false;
  for (let bit = 0; bit < prefix; bit++) {
    const mask = 0x80 >> bit % 8;
    if ((a[bit >> 3]! & mask) !== (n[bit >> 3]! & mask)) return false;
  }
  return true;
}

function isPrivateV4(address: string): boolean {
  const b = ipv4Bytes(address);
  return b !== null && PRIVATE_V4.some(([x, y, len]) => inPrefix(address, `${x}.${y}.0.0`, len));
}

/**
 * Addresses a phone on the same network can use, best first: IPv4 only (what a phone's browser
 * reaches without fuss), never loopback or link-local (169.254/16, no router hands those out);
 * private ranges before others.
 */
export function lanAddresses(nets: readonly LocalNet[]): string[] {
  const v4 = nets.filter((n) => n.family === 4 && !n.internal && !n.address.startsWith('169.254.')).map((n) => n.address);
  return [...v4.filter(isPrivateV4), ...v4.filter((a) => !isPrivateV4(a))];
}

export type PeerPlace = 'self' | 'lan' | 'outside';

/** Where a peer sits: this computer, one of its networks, or beyond them. */
export function placeOf(address: string, nets: readonly LocalNet[]): PeerPlace {
  const a = plainAddress(address);
  if (a.startsWith('127.') || a === '::1' || nets.some((n) => n.address === a)) return 'self';
  if (nets.some((n) => !n.internal && inPrefix(a, n.address, n.prefix))) return 'lan';
  return 'outside';
}

/**
 * The path an arrival took. From outside this computer's networks it came over the internet. From
 * inside, it came over the LAN — unless it was sent to the public address (the router looped it
 * back: hairpin) or it comes from the router itself (how a router that loops traffic back shows
 * it); the pc itself through the public address is hairpin too. null = this computer via the LAN
 * link or loopback: not an arrival from anywhere.
 */
export function pathOf(address: string, nets: readonly LocalNet[], o: { viaPublic: boolean; gateways: readonly string[] }): ArrivalPath | null {
  const place = placeOf(address, nets);
  if (place === 'outside') return 'internet';
  if (o.viaPublic || o.gateways.includes(plainAddress(address))) return 'hairpin';
  return place === 'lan' ? 'lan' : null;
}

/** `IP:port`, IPv6 in brackets. */
export function hostPort(address: string, port: number): string {
  const a = plainAddress(address);
  return a.includes(':') ? `[${a}]:${port}` : `${a}:${port}`;
}

export function linkOf(address: string, port: number, path: string): string {
  return `http://${hostPort(address, port)}${path}`;
}
