// The catalog is well-formed before any namespace exists: names, row coverage, and rows that fit their scenario.
import { describe, expect, it } from 'vitest';
import { CATALOG, stateOf } from './catalog.js';

describe('scenario catalog (static)', () => {
  it('has unique kebab-case names short enough for namespace tags, and a story each', () => {
    expect(new Set(CATALOG.map((e) => e.name)).size).toBe(CATALOG.length);
    for (const e of CATALOG) {
      expect(e.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(`${e.name}-friendRouter`.length).toBeLessThanOrEqual(60);
      expect(e.story.length).toBeGreaterThan(20);
    }
  });

  it('covers the twelve situations the lab promises', () => {
    const names = CATALOG.map((e) => e.name);
    for (const n of ['forward-ok', 'no-forward-router-drops', 'no-forward-router-rejects', 'forward-to-wrong-lan-ip', 'forward-to-wrong-internal-port', 'tcp-forwarded-game-needs-udp', 'host-firewall-drops', 'host-firewall-rejects', 'server-bound-to-loopback', 'cgnat', 'double-nat', 'hairpin-off', 'hairpin-on']) {
      expect(names).toContain(n);
    }
  });

  it('asks every scenario from outside (friend), and names who answers every open row', () => {
    for (const e of CATALOG) {
      expect(e.matrix.some((r) => r.from === 'friend'), e.name).toBe(true);
      const keys = e.matrix.map((r) => `${r.from}|${r.to}|${r.proto}|${r.port}`);
      expect(new Set(keys).size, `${e.name}: duplicate rows`).toBe(keys.length);
      for (const r of e.matrix) {
        if (r.verdict === 'open') expect(r.answeredBy && r.peer, `${e.name} ${r.from}→${r.to}`).toBeTruthy();
        else expect(r.answeredBy, `${e.name}: a closed row has no answerer`).toBeUndefined();
        if (r.to === 'pcV6') expect(e.scenario.ipv6, `${e.name} probes IPv6 without an IPv6 segment`).toBeDefined();
        if (r.to === 'loopback') expect(r.from).toBe('pc');
      }
      if (e.companionSeesPc === 'upstreamWan') expect(e.scenario.upstream ?? 'none').not.toBe('none');
    }
  });

  it('maps verdicts to the prober vocabulary', () => {
    expect(stateOf('open', 'tcp')).toEqual({ state: 'open', reason: 'connected' });
    expect(stateOf('open', 'udp')).toEqual({ state: 'open', reason: 'reply' });
    expect(stateOf('refused', 'udp')).toEqual({ state: 'closed', reason: 'refused' });
    expect(stateOf('icmp-unreachable', 'tcp')).toEqual({ state: 'closed', reason: 'icmp-unreachable' });
    expect(stateOf('timeout', 'tcp')).toEqual({ state: 'filtered', reason: 'timeout' });
  });
});
