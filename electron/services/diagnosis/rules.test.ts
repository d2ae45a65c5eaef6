// Rules, table-tested on hand-built evidence: each cause, contradictions, partial evidence, notes.
import { describe, expect, it } from 'vitest';
import { diagnosisDocumentSchema, no, notChecked, yes, type Evidence } from '../../../shared/diagnosis/index';
import { assemble } from './assemble';
import { evidence, port, refused, silent, untested } from './evidence-fixture.test-util';
import { buildPlan } from './plan';
import { conclude } from './rules';

const TCP = { port: 25565, protocol: 'tcp' as const };
const UDP = { port: 25565, protocol: 'udp' as const };
const notListening = { listening: no(), sockets: [], loopbackOnly: notChecked('not-applicable', 'nothing listens'), boundWhereFriendsArrive: notChecked('not-applicable', 'nothing listens'), usualProgram: notChecked('not-applicable', 'nothing listens') };

interface Case {
  name: string;
  ev: Evidence;
  verdict: string;
  confidence?: string;
  /** Other findings that must be present (causes or notes). */
  also?: string[];
  tell?: string;
}

const cases: Case[] = [
  { name: 'everything works', ev: evidence([port(TCP)]), verdict: 'reachable', confidence: 'high', tell: 'public' },
  { name: 'works, but no NAT loopback', ev: evidence([port({ ...TCP, hairpinWorks: no() })]), verdict: 'reachable', also: ['hairpin'] },
  { name: 'server not running, path ready (test listener arrived)', ev: evidence([port({ ...TCP, ...notListening, outside: { ...port(TCP).outside, verifiedBy: 'nonce', testListener: yes() } })]), verdict: 'not-listening', also: ['path-ready'] },
  { name: 'server not running and no forward', ev: evidence([port({ ...TCP, ...notListening, outside: silent('tcp', true) })]), verdict: 'not-listening', also: ['no-forward'] },
  { name: 'bound to loopback', ev: evidence([port({ ...TCP, loopbackOnly: yes(), boundWhereFriendsArrive: no(), sockets: [{ address: '127.0.0.1', exposure: 'loopback', pid: 1, process: 'java' }], outside: refused() })]), verdict: 'loopback-only', tell: 'not-yet' },
  { name: 'bound to a VPN address', ev: evidence([port({ ...TCP, boundWhereFriendsArrive: no(), sockets: [{ address: '10.8.0.2', exposure: 'interface', pid: 1, process: 'java' }], outside: silent('tcp') })]), verdict: 'wrong-interface' },
  { name: 'host firewall drops', ev: evidence([port({ ...TCP, firewallAllows: no('drop tcp dport 25565'), outside: silent('tcp') })]), verdict: 'host-firewall', confidence: 'high', tell: 'lan' },
  { name: 'host firewall rejects', ev: evidence([port({ ...TCP, firewallAllows: no(), outside: refused() })]), verdict: 'host-firewall' },
  { name: 'no forward, router drops', ev: evidence([port({ ...TCP, outside: silent('tcp') })]), verdict: 'no-forward', confidence: 'high' },
  { name: 'no forward, router rejects everything', ev: evidence([port({ ...TCP, outside: refused() })], {}, { routerRefusesUnforwarded: yes() }), verdict: 'no-forward', confidence: 'high' },
  { name: 'forward to a refusing device/port', ev: evidence([port({ ...TCP, outside: refused() })], {}, { routerRefusesUnforwarded: no() }), verdict: 'forward-wrong-device', confidence: 'high' },
  { name: 'our test listener saw nothing yet something answered', ev: evidence([port({ ...TCP, ...notListening, outside: { ...port(TCP).outside, reachedThisComputer: no(), verifiedBy: null, testListener: yes() } })]), verdict: 'not-listening', also: ['forward-wrong-device'] },
  { name: 'tcp forwarded, game needs udp', ev: evidence([port({ ...UDP, outside: silent('udp', true), otherProtocolReached: yes() })]), verdict: 'wrong-protocol' },
  { name: 'cgnat', ev: evidence([port({ ...TCP, outside: silent('tcp') })], {}, { behindCgnat: yes('router WAN 100.64.0.10'), routerWanAddress: '100.64.0.10', publicAddress: '198.51.100.99' }), verdict: 'cgnat', tell: 'cannot-join' },
  { name: 'cgnat with IPv6 available', ev: evidence([port({ ...TCP, outside: silent('tcp') })], {}, { behindCgnat: yes(), globalIpv6: yes() }), verdict: 'cgnat', also: ['ipv6-available'] },
  { name: 'double nat', ev: evidence([port({ ...TCP, outside: silent('tcp') })], {}, { doubleNat: yes(), routerWanAddress: '10.0.0.10' }), verdict: 'double-nat' },
  { name: 'double nat, both forwarded: reachable wins', ev: evidence([port(TCP)], {}, { doubleNat: yes() }), verdict: 'reachable' },
  { name: 'isp blocks a web port while the game port works', ev: evidence([port({ port: 80, protocol: 'tcp', outside: silent('tcp') }), port(UDP)]), verdict: 'isp-blocked' },
  { name: 'no NAT loopback, the UDP port answering unproven', ev: evidence([port({ ...TCP, hairpinWorks: no() }), port({ ...UDP, outside: { ...port(UDP).outside, reachedThisComputer: no(), verifiedBy: null } })]), verdict: 'reachable', also: ['hairpin'] },
  { name: 'isp blocks a web port while an unproven UDP reply comes back', ev: evidence([port({ port: 80, protocol: 'tcp', outside: silent('tcp') }), port({ ...UDP, outside: { ...port(UDP).outside, reachedThisComputer: no(), verifiedBy: null } })]), verdict: 'isp-blocked' },
  {
    name: 'an uncommon TCP port silent while its UDP twin arrives is the wrong protocol, not an ISP block (from outside the two look the same; ISP blocks are only suspected for commonly blocked ports)',
    ev: evidence([port({ ...TCP, outside: silent('tcp'), otherProtocolReached: yes('UDP 25565 reached') }), port(UDP)]),
    verdict: 'wrong-protocol',
  },
  { name: 'an uncommon port silent while another works is a missing forward', ev: evidence([port({ ...TCP, outside: silent('tcp') }), port(UDP)]), verdict: 'no-forward' },
  { name: 'relay mode', ev: evidence([port({ ...UDP, outside: silent('udp') })], { server: { relayModeInUse: yes('-crossplay on the command line'), relayMode: '-crossplay' } }), verdict: 'relay-game', tell: 'relay' },
  { name: 'no companion, nothing else known', ev: evidence([port({ ...TCP, outside: untested, hairpinWorks: notChecked('no-companion', 'no public address') })]), verdict: 'unknown', tell: 'lan' },
  { name: 'no companion, firewall blocks', ev: evidence([port({ ...TCP, outside: untested, firewallAllows: no() })]), verdict: 'host-firewall' },
  { name: 'no companion, cgnat known', ev: evidence([port({ ...TCP, outside: untested })], {}, { behindCgnat: yes() }), verdict: 'cgnat' },
  { name: "a phone test that heard nothing from the internet: no-forward, medium at most (nobody may have opened the link)", ev: evidence([port({ ...TCP, outside: { ...silent('tcp'), vantage: 'phone' } })]), verdict: 'no-forward', confidence: 'medium' },
  { name: "a friend's test that arrived: reachable", ev: evidence([port({ ...TCP, outside: { ...port(TCP).outside, vantage: 'friend', verifiedBy: 'nonce' } })]), verdict: 'reachable', confidence: 'high' },
  { name: 'udp held, silence: low-confidence no-forward + phone hint', ev: evidence([port({ ...UDP, outside: silent('udp') })]), verdict: 'no-forward', confidence: 'low', also: ['udp-unconfirmed'] },
  { name: 'udp held, an unprovable reply: reachable (medium)', ev: evidence([port({ ...UDP, outside: { ...port(UDP).outside, reachedThisComputer: no(), verifiedBy: null } })]), verdict: 'reachable', confidence: 'medium' },
  { name: 'tcp held, answered but not proven: another device', ev: evidence([port({ ...TCP, outside: { ...port(TCP).outside, reachedThisComputer: no(), verifiedBy: null } })]), verdict: 'forward-wrong-device', confidence: 'medium' },
  {
    name: 'contradiction: firewall says blocks but the outside test arrived — the arrival wins',
    ev: evidence([port({ ...TCP, firewallAllows: no('drop rule') })]),
    verdict: 'reachable',
  },
  {
    name: 'contradiction: nothing listening, yet the held-port check arrived',
    ev: evidence([port({ ...TCP, listening: no() })]),
    verdict: 'not-listening',
    also: ['path-ready'],
  },
  {
    name: 'partial: every fact not-checked',
    ev: evidence(
      [
        port({
          ...TCP,
          listening: notChecked('failed', 'ss failed'),
          loopbackOnly: notChecked('failed', 'x'),
          boundWhereFriendsArrive: notChecked('failed', 'x'),
          usualProgram: notChecked('failed', 'x'),
          firewallAllows: notChecked('not-available-yet', 'not available yet'),
          outside: untested,
          hairpinWorks: notChecked('timed-out', 'x'),
          otherProtocolReached: notChecked('timed-out', 'x'),
        }),
      ],
      {},
      { behindCgnat: notChecked('not-available-yet', 'x'), doubleNat: notChecked('not-available-yet', 'x'), publicAddress: null, lanAddress: null },
    ),
    verdict: 'unknown',
    tell: 'not-yet',
  },
  { name: 'one port reachable, another needed one undecided: unknown, not reachable', ev: evidence([port(TCP), port({ ...UDP, outside: untested })]), verdict: 'unknown' },
  { name: 'optional query port closed is a note only', ev: evidence([port(TCP), port({ ...UDP, needed: false, role: 'query', label: 'query', outside: silent('udp') })]), verdict: 'reachable', also: ['optional-port-closed'] },
  { name: 'another program holds the port', ev: evidence([port({ ...TCP, usualProgram: no() , sockets: [{ address: '0.0.0.0', exposure: 'all', pid: 1, process: 'nginx' }], outside: silent('tcp') })]), verdict: 'no-forward', also: ['unexpected-program'] },
];

const plan = buildPlan({ ports: [TCP], companion: 'http://203.0.113.10:8080', stunServers: [] });

describe('rules on hand-built evidence', () => {
  it.each(cases)('$name → $verdict', (c) => {
    const doc = assemble({ ...plan, targets: c.ev.ports.map((p) => ({ port: p.port, protocol: p.protocol, needed: p.needed, role: p.role, label: p.label })) }, c.ev);
    // The document is what --json prints and the report embeds: it must satisfy its own schema.
    const parsed = diagnosisDocumentSchema.safeParse(doc);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(doc.verdict.cause).toBe(c.verdict);
    if (c.confidence) expect(doc.verdict.confidence).toBe(c.confidence);
    for (const a of c.also ?? []) expect(doc.findings.map((f) => f.cause)).toContain(a);
    if (c.tell) expect(doc.verdict.tellFriends.kind).toBe(c.tell);
    for (const f of doc.findings) {
      expect(f.evidence.length).toBeGreaterThan(0);
      for (const path of f.evidence) expect(path).toMatch(/^(ports(\[(\d+|\*)\](\.[a-zA-Z.]+)?)?|network\.[a-zA-Z0-9]+|server\.[a-zA-Z0-9]+)$/);
    }
    expect(doc.verdict.friendsCanJoin).toBe(c.verdict === 'reachable');
  });

  it('every evidence path a finding names exists in the evidence', () => {
    for (const c of cases) {
      for (const f of conclude(c.ev)) {
        for (const path of f.evidence) {
          if (path.includes('[*]') || path === 'ports') continue;
          const value = path.split(/\.|\[|\]/).filter(Boolean).reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], c.ev);
          expect(value, `${c.name}: ${path}`).not.toBeUndefined();
        }
      }
    }
  });

  it('the router forward step names this computer\'s address now and asks to reserve it', () => {
    const doc = assemble(plan, evidence([port({ ...TCP, outside: silent('tcp') })]));
    const steps = doc.findings[0]?.fixSteps.map((s) => s.text) ?? [];
    expect(steps.some((s) => s.includes('Forward TCP 25565 to 192.168.50.10 — this computer\'s address now'))).toBe(true);
    expect(steps.some((s) => s.includes('Reserve 192.168.50.10'))).toBe(true);
  });
});
