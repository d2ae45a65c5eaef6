import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNmapXml } from './nmap-oracle';

// Recorded from nmap 7.93 (Debian) against a lab target: port 5 rejected with ICMP
// admin-prohibited, 6 with a TCP reset, 8 dropped, 10 rejected with ICMP net-unreachable.
const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('parseNmapXml (recorded nmap output)', () => {
  it('reads every port verdict with its reason from a connect scan', () => {
    const run = parseNmapXml(fixture('nmap-7.93-sT-reasons.xml'));
    expect(run.ports.map((p) => `${p.port}/${p.protocol} ${p.state} ${p.reason}`)).toEqual([
      '5/tcp filtered host-unreach', '6/tcp closed conn-refused', '7/tcp closed conn-refused', '8/tcp filtered no-response',
      '9/tcp closed conn-refused', '10/tcp filtered net-unreach', '1000/tcp open syn-ack',
    ]);
    expect(run.services).toEqual([5, 6, 7, 8, 9, 10, 1000]);
    expect(run.elapsedS).toBeGreaterThan(0);
    // <times srtt="390" …>: microseconds in nmap's XML.
    expect(run.srttMs).toBe(0.39);
  });
  it('reads a UDP scan, where nmap sees the ICMP type itself', () => {
    expect(parseNmapXml(fixture('nmap-7.93-sU-reasons.xml')).ports.map((p) => `${p.port} ${p.state} ${p.reason}`)).toEqual([
      '5 filtered admin-prohibited', '6 closed port-unreach', '7 closed port-unreach', '8 open|filtered no-response',
    ]);
  });
  it('counts the ports nmap folds into extraports', () => {
    const run = parseNmapXml(fixture('nmap-7.93-sT-extraports.xml'));
    expect(run.extra).toEqual({ closed: 2993 });
    expect(run.srttMs).toBe(0.225);
    expect(run.ports).toHaveLength(7);
    expect(run.ports.length + 2993).toBe(run.services.length);
  });
});
