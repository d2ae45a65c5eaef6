// Linux routing facts from /proc: the default gateway (IPv4 /proc/net/route, IPv6 /proc/net/ipv6_route).

export interface DefaultRoute {
  gateway: string | null;
  interfaceName: string;
  metric: number;
}

/** /proc/net/route stores addresses as little-endian hex words ("0102A8C0" = 192.168.2.1). */
function hexToIpv4(hex: string): string {
  if (!/^[0-9A-Fa-f]{8}$/.test(hex)) throw new SyntaxError(`not an IPv4 hex word: ${hex}`);
  const n = Number.parseInt(hex, 16);
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff].join('.');
}

const RTF_UP = 0x1;
const RTF_GATEWAY = 0x2;
const RTF_REJECT = 0x200;

/** Default routes (destination 0.0.0.0/0, up), lowest metric first. */
export function parseProcNetRoute(text: string): DefaultRoute[] {
  const out: DefaultRoute[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 8) continue;
    const [iface, dest, gw, flags, , , metric, mask] = f;
    const fl = Number.parseInt(flags!, 16);
    if (dest !== '00000000' || mask !== '00000000' || !(fl & RTF_UP)) continue;
    out.push({ interfaceName: iface!, gateway: fl & RTF_GATEWAY ? hexToIpv4(gw!) : null, metric: Number(metric) || 0 });
  }
  return out.sort((a, b) => a.metric - b.metric);
}

function hexToIpv6(hex: string): string {
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new SyntaxError(`not an IPv6 hex word: ${hex}`);
  const groups = hex.match(/.{4}/g)!.map((g) => Number.parseInt(g, 16).toString(16));
  // Shorten the longest run of zero groups (RFC 5952).
  let best = [-1, 0];
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best[1]! && j - i > 1) best = [i, j - i];
    i = j;
  }
  if (best[0]! < 0) return groups.join(':');
  const head = groups.slice(0, best[0]).join(':');
  const tail = groups.slice(best[0]! + best[1]!).join(':');
  return `${head}::${tail}`;
}

/** IPv6 default routes (::/0 with a gateway), lowest metric first. */
export function parseProcIpv6Route(text: string): DefaultRoute[] {
  const out: DefaultRoute[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10) continue;
    const [dest, destLen, , , nextHop, metric, , , flags, iface] = f;
    const fl = Number.parseInt(flags!, 16);
    if (!/^0{32}$/.test(dest!) || destLen !== '00' || !(fl & RTF_UP) || fl & RTF_REJECT || iface === 'lo') continue;
    const gw = /^0{32}$/.test(nextHop!) ? null : hexToIpv6(nextHop!);
    out.push({ interfaceName: iface!, gateway: gw, metric: Number.parseInt(metric!, 16) });
  }
  return out.sort((a, b) => a.metric - b.metric);
}

export const _forTests = { hexToIpv4, hexToIpv6 };
