// Address facts the companion's abuse rules rest on: normalising, CIDR matching, special ranges, rate keys.
import { formatIpv4, formatIpv6, ipv4Bytes, ipv6Bytes } from '../shared/protocol/stun';

export interface ParsedAddress {
  family: 'ipv4' | 'ipv6';
  /** 4 or 16 bytes. */
  bytes: Uint8Array;
  /** Canonical text (IPv4 dotted quad; RFC 5952 IPv6). */
  text: string;
}

/** Parses an address, turning IPv4-mapped IPv6 (`::ffff:a.b.c.d`) into plain IPv4. */
export function parseAddress(raw: string): ParsedAddress | null {
  const v4 = ipv4Bytes(raw);
  if (v4) return { family: 'ipv4', bytes: v4, text: formatIpv4(v4) };
  const v6 = ipv6Bytes(raw);
  if (!v6) return null;
  const mapped = v6.subarray(0, 10).every((b) => b === 0) && v6[10] === 0xff && v6[11] === 0xff;
  if (mapped) {
    const inner = v6.slice(12);
    return { family: 'ipv4', bytes: inner, text: formatIpv4(inner) };
  }
  return { family: 'ipv6', bytes: v6, text: formatIpv6(v6) };
}

export interface Cidr {
  family: 'ipv4' | 'ipv6';
  bytes: Uint8Array;
  prefix: number;
  text: string;
}

export function parseCidr(raw: string): Cidr | null {
  const [addr, len, ...rest] = raw.trim().split('/');
  if (addr === undefined || rest.length > 0) return null;
  const a = parseAddress(addr);
  if (!a) return null;
  const max = a.family === 'ipv4' ? 32 : 128;
  // `::ffff:10.0.0.0/104` is the IPv4 /8 once normalised.
  const mappedShift = a.family === 'ipv4' && addr.includes(':') ? 96 : 0;
  let prefix = max;
  if (len !== undefined) {
    if (!/^\d{1,3}$/.test(len)) return null;
    prefix = Number(len) - mappedShift;
    if (prefix < 0 || prefix > max) return null;
  }
  return { family: a.family, bytes: a.bytes, prefix, text: `${a.text}/${prefix}` };
}

export function cidrContains(cidr: Cidr, address: ParsedAddress): boolean {
  if (cidr.family !== address.family) return false;
  let bits = cidr.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((cidr.bytes[i]! & mask) !== (address.bytes[i]! & mask)) return false;
  }
  return true;
}

export function parseCidrList(raws: readonly string[], flag: string): Cidr[] {
  return raws.map((r) => {
    const c = parseCidr(r);
    if (!c) throw new RangeError(`${flag}: '${r}' is not an address or CIDR block`);
    return c;
  });
}

/**
 * Ranges the companion never probes unless the operator allow-lists them: private, shared (CGNAT),
 * loopback, link-local, documentation, benchmarking, multicast, reserved (IANA special-purpose registries).
 */
export const SPECIAL_RANGES: readonly Cidr[] = parseCidrList(
  [
    '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12',
    '192.0.0.0/24', '192.0.2.0/24', '192.88.99.0/24', '192.168.0.0/16', '198.18.0.0/15',
    '198.51.100.0/24', '203.0.113.0/24', '224.0.0.0/4', '240.0.0.0/4',
    '::/128', '::1/128', '64:ff9b::/96', '64:ff9b:1::/48', '100::/64', '2001::/23', '2001:db8::/32',
    '2002::/16', 'fc00::/7', 'fe80::/10', 'ff00::/8',
  ],
  'special ranges',
);

/** Whether the companion may connect back to this (caller's) address. */
export function isProbeTargetAllowed(address: ParsedAddress, allowTargets: readonly Cidr[]): boolean {
  if (allowTargets.some((c) => cidrContains(c, address))) return true;
  return !SPECIAL_RANGES.some((c) => cidrContains(c, address));
}

function ipv6Prefix(address: ParsedAddress, bits: 64 | 56 | 48): string {
  const prefix = new Uint8Array(16);
  prefix.set(address.bytes.subarray(0, bits / 8));
  return `${formatIpv6(prefix)}/${bits}`;
}

/** DOMAIN.md: rate limits are per IPv4 /32 and per IPv6 /64 (one home usually gets one /64). */
export function rateKey(address: ParsedAddress): string {
  return address.family === 'ipv4' ? address.text : ipv6Prefix(address, 64);
}

/**
 * Every aggregate an address is counted in, narrowest first: IPv4 its /32; IPv6 its /64, /56 and
 * /48 — one ISP customer often holds a /56 or /48, and must not pose as thousands of users.
 */
export function rateKeys(address: ParsedAddress): string[] {
  return address.family === 'ipv4' ? [address.text] : [ipv6Prefix(address, 64), ipv6Prefix(address, 56), ipv6Prefix(address, 48)];
}

/** The widest aggregate: the "network" whose share of the companion's capacity is capped. */
export function networkKey(address: ParsedAddress): string {
  return address.family === 'ipv4' ? address.text : ipv6Prefix(address, 48);
}

/**
 * The caller's address: the socket peer, or — only when the peer is a configured proxy — the
 * right-most X-Forwarded-For entry that is not itself a trusted proxy.
 */
export function callerAddress(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustProxy: readonly Cidr[],
): ParsedAddress | null {
  const direct = peer === undefined ? null : parseAddress(peer);
  if (!direct) return null;
  const trusted = (a: ParsedAddress) => trustProxy.some((c) => cidrContains(c, a));
  if (!trusted(direct) || forwardedFor === undefined) return direct;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',').map((s) => s.trim());
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = parseAddress(hops[i]!);
    if (!hop) return null;
    if (!trusted(hop)) return hop;
  }
  return null;
}
