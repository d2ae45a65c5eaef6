// Which addresses identify a household on the internet (and so are private to the user) and which
// are only meaningful inside a LAN (and so help a helper): pure text tests, no lookups.

/** Dotted-quad text → its four octets, or null when it is not exactly an IPv4 address. */
export function ipv4Octets(text: string): [number, number, number, number] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return null;
  const o = m.slice(1).map(Number) as [number, number, number, number];
  return o.every((n) => n <= 255) ? o : null;
}

/**
 * True for IPv4 addresses routed on the public internet. Not public: this-network, RFC 1918,
 * carrier-grade NAT (RFC 6598 — shared ISP space, and the one fact that proves CGNAT), loopback,
 * link-local, multicast and reserved. The documentation ranges count as public: the lab and the
 * examples use them in the role of real public addresses.
 */
export function isPublicIpv4(text: string): boolean {
  const o = ipv4Octets(text);
  if (!o) return false;
  const [a, b] = o;
  if (a === 0 || a === 10 || a === 127 || a >= 224) return false;
  if (a === 100 && b >= 64 && b <= 127) return false;
  if (a === 169 && b === 254) return false;
  if (a === 172 && b >= 16 && b <= 31) return false;
  if (a === 192 && b === 168) return false;
  return true;
}

/** First hextet of an IPv6 text, or null when the text is not IPv6-shaped. */
function firstHextet(text: string): number | null {
  if (!text.includes(':') || !/^[0-9a-fA-F:.]+$/.test(text)) return null;
  if (text.startsWith('::')) return 0;
  const head = text.split(':')[0] ?? '';
  return /^[0-9a-fA-F]{1,4}$/.test(head) ? Number.parseInt(head, 16) : null;
}

/**
 * True for global unicast IPv6 (2000::/3): the address a device is reached at from the internet.
 * Link-local (fe80::/10), unique-local (fc00::/7), loopback and v4-mapped are not.
 */
export function isPublicIpv6(text: string): boolean {
  const h = firstHextet(text);
  return h !== null && h >= 0x2000 && h <= 0x3fff;
}
