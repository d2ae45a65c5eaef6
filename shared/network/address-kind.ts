// Classifies an IP address for the NAT verdict: private (RFC 1918), carrier-grade NAT (RFC 6598), public…
import type { AddressKind } from './facts';

function ipv4ToInt(a: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(a);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

function inV4(n: number, base: string, len: number): boolean {
  const b = ipv4ToInt(base)!;
  const mask = len === 0 ? 0 : (~0 << (32 - len)) >>> 0;
  return ((n & mask) >>> 0) === ((b & mask) >>> 0);
}

/**
 * The documentation ranges (198.51.100.0/24, 203.0.113.0/24) count as public: they never appear on
 * the real internet, and the project's lab uses them to play it.
 */
export function addressKind(address: string): AddressKind {
  const v4 = ipv4ToInt(address.replace(/^::ffff:/i, ''));
  if (v4 !== null) {
    if (inV4(v4, '127.0.0.0', 8)) return 'loopback';
    if (inV4(v4, '169.254.0.0', 16)) return 'link-local';
    if (inV4(v4, '10.0.0.0', 8) || inV4(v4, '172.16.0.0', 12) || inV4(v4, '192.168.0.0', 16)) return 'private';
    if (inV4(v4, '100.64.0.0', 10)) return 'cgnat';
    if (inV4(v4, '0.0.0.0', 8) || inV4(v4, '224.0.0.0', 3)) return 'other';
    return 'public';
  }
  const a = address.toLowerCase().split('%')[0]!;
  if (!a.includes(':')) return 'other';
  if (a === '::1') return 'loopback';
  if (/^fe[89ab]/.test(a)) return 'link-local';
  if (/^f[cd]/.test(a)) return 'unique-local';
  // 2000::/3 (global unicast): the first group is 2000–3fff, so four digits. Text such as a clock
  // time ("21:14:03") is IPv6-shaped too, and the redactor feeds every such candidate through here.
  if (/^[23][0-9a-f]{3}:/.test(a)) return 'public';
  return 'other';
}
