// Parses a port spec (`22,80,8000-8100`, `all`) into a sorted list of distinct ports, and back.

export const MAX_PORT = 65535;

/** Throws RangeError with a message fit to show the user; returns ports ascending, no duplicates. */
export function parsePortSpec(spec: string): number[] {
  const text = spec.trim().toLowerCase();
  if (text === '') throw new RangeError('no ports given');
  const seen = new Uint8Array(MAX_PORT + 1);
  for (const raw of text.split(',')) {
    const part = raw.trim();
    if (part === 'all' || part === '-') {
      seen.fill(1, 1);
      continue;
    }
    const m = /^(\d{1,5})(?:\s*-\s*(\d{1,5}))?$/.exec(part);
    if (!m) throw new RangeError(`'${part.slice(0, 20)}' is not a port or a range like 8000-8100`);
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (lo < 1 || hi > MAX_PORT) throw new RangeError(`ports run from 1 to ${MAX_PORT}, got '${part}'`);
    if (hi < lo) throw new RangeError(`range '${part}' runs backwards`);
    seen.fill(1, lo, hi + 1);
  }
  const ports: number[] = [];
  for (let p = 1; p <= MAX_PORT; p++) if (seen[p]) ports.push(p);
  return ports;
}

/** Shortest spec naming exactly these ports: consecutive runs become ranges. */
export function formatPortSpec(ports: readonly number[]): string {
  const sorted = [...new Set(ports)].sort((a, b) => a - b);
  if (sorted.length === MAX_PORT) return 'all';
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] as number) + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}
