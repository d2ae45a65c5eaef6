// Address text the way inet_ntop(3) writes it (so rows built from /proc match `ss`).

/** Dotted quad of the four bytes, most significant first. */
export function ipv4Text(b0: number, b1: number, b2: number, b3: number): string {
  return `${b0}.${b1}.${b2}.${b3}`;
}

/**
 * RFC 5952 text of eight 16-bit groups, exactly as glibc's inet_ntop6: the first longest run of
 * two or more zero groups becomes `::`, and `::ffff:a.b.c.d` / `::a.b.c.d` keep the IPv4 tail.
 */
export function ipv6Text(groups: ArrayLike<number>): string {
  let bestBase = -1;
  let bestLen = 0;
  let curBase = -1;
  let curLen = 0;
  for (let i = 0; i < 8; i++) {
    if (groups[i] === 0) {
      if (curBase === -1) {
        curBase = i;
        curLen = 1;
      } else curLen++;
      if (curLen > bestLen) {
        bestBase = curBase;
        bestLen = curLen;
      }
    } else curBase = -1;
  }
  if (bestLen < 2) bestBase = -1;
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (bestBase !== -1 && i >= bestBase && i < bestBase + bestLen) {
      if (i === bestBase) out += ':';
      continue;
    }
    if (i !== 0) out += ':';
    if (i === 6 && bestBase === 0 && (bestLen === 6 || (bestLen === 5 && groups[5] === 0xffff))) {
      const hi = groups[6] ?? 0;
      const lo = groups[7] ?? 0;
      out += ipv4Text(hi >>> 8, hi & 0xff, lo >>> 8, lo & 0xff);
      return out;
    }
    out += (groups[i] ?? 0).toString(16);
  }
  if (bestBase !== -1 && bestBase + bestLen === 8) out += ':';
  return out;
}
