// Reads nmap's XML output (`-oX -`) for the probe lab tests and benchmark (never shipped): the
// per-port verdicts, the ports a scan covered, the run's own elapsed time and its round trip.

export interface NmapPort {
  port: number;
  protocol: 'tcp' | 'udp';
  state: string;
  reason: string;
}

export interface NmapRun {
  ports: NmapPort[];
  /** Ports nmap folded into <extraports>, by state (e.g. { closed: 65435 }). */
  extra: Record<string, number>;
  /** The scaninfo `services` attribute expanded (what --top-ports picked). */
  services: number[];
  elapsedS: number | null;
  /** nmap's smoothed round trip to the (first) host, from `<times srtt>` (microseconds there). */
  srttMs: number | null;
}

const attr = (tag: string, name: string): string | undefined => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];

export function parseNmapXml(xml: string): NmapRun {
  const ports: NmapPort[] = [];
  for (const m of xml.matchAll(/<port\b([^>]*)>([\s\S]*?)<\/port>/g)) {
    const head = m[1] ?? '';
    const state = /<state\b[^>]*\/?>/.exec(m[2] ?? '')?.[0] ?? '';
    const protocol = attr(head, 'protocol');
    if (protocol !== 'tcp' && protocol !== 'udp') continue;
    ports.push({ port: Number(attr(head, 'portid')), protocol, state: attr(state, 'state') ?? '', reason: attr(state, 'reason') ?? '' });
  }
  const extra: Record<string, number> = {};
  for (const m of xml.matchAll(/<extraports\b([^>]*)>/g)) {
    const s = attr(m[1] ?? '', 'state');
    if (s) extra[s] = (extra[s] ?? 0) + Number(attr(m[1] ?? '', 'count') ?? 0);
  }
  const services: number[] = [];
  for (const part of (attr(/<scaninfo\b[^>]*>/.exec(xml)?.[0] ?? '', 'services') ?? '').split(',').filter(Boolean)) {
    const [lo, hi] = part.split('-').map(Number) as [number, number | undefined];
    for (let p = lo; p <= (hi ?? lo); p++) services.push(p);
  }
  const elapsed = attr(/<finished\b[^>]*>/.exec(xml)?.[0] ?? '', 'elapsed');
  const srtt = attr(/<times\b[^>]*>/.exec(xml)?.[0] ?? '', 'srtt');
  return { ports, extra, services, elapsedS: elapsed === undefined ? null : Number(elapsed), srttMs: srtt === undefined ? null : Number(srtt) / 1000 };
}
