// The lab's nftables text: the shapes nft 1.0.6 accepts (one statement per line) and the knobs' exact statements.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostFirewallRuleset, ispRuleset, natBoxRuleset } from './rulesets.js';
import { nftPorts } from './scenario.js';

const base = { wanIp: '198.51.100.10', forwards: [], inbound: 'drop', nat: 'easy', hairpin: false } as const;

/** Lines inside chain blocks: each must hold one statement (nft 1.0.6 rejects `a; b` on one line). */
function chainLines(text: string): string[] {
  return text.split('\n').map((l) => l.trim()).filter((l) => l && !/^(table|chain) .*\{$/.test(l) && l !== '}');
}

describe('lab rulesets', () => {
  it('writes one statement per line, with type and policy on lines of their own', () => {
    const texts = [
      natBoxRuleset({ ...base, forwards: [{ proto: 'tcp', port: 25565, toIp: '192.168.50.10', toPort: 25566 }], inbound: 'reject', hairpin: true, ipv6: { mode: 'filter', allow: [{ proto: 'udp', port: [1, 2] }] } }),
      ispRuleset('198.51.100.10', [{ proto: 'tcp', port: 25565 }]),
      hostFirewallRuleset([{ action: 'reject-rst', proto: 'tcp', port: 1, iface: 'eth0' }]),
    ];
    for (const line of texts.flatMap(chainLines)) {
      expect(line.split(';').filter((p) => p.trim()).length, line).toBe(1);
    }
  });

  it('maps the NAT, hairpin and inbound knobs to their statements', () => {
    expect(natBoxRuleset({ ...base, nat: 'hard' })).toContain('oifname "wan" masquerade random,fully-random');
    expect(natBoxRuleset(base)).toMatch(/oifname "wan" masquerade\n/);
    const fwd = { proto: 'udp', port: 27015, toIp: '192.168.50.10' } as const;
    expect(natBoxRuleset({ ...base, forwards: [fwd] })).toContain('iifname "wan" udp dport 27015 dnat to 192.168.50.10\n');
    const hair = natBoxRuleset({ ...base, forwards: [fwd], hairpin: true });
    expect(hair).toContain('ip daddr 198.51.100.10 udp dport 27015 dnat to 192.168.50.10\n');
    expect(hair).toContain('iifname "lan" oifname "lan" ct status dnat masquerade');
    expect(natBoxRuleset(base)).toContain('iifname "wan" drop');
    const rej = natBoxRuleset({ ...base, inbound: 'reject' });
    expect(rej).toContain('iifname "wan" meta l4proto tcp reject with tcp reset');
    expect(rej).toContain('iifname "wan" reject with icmpx port-unreachable');
  });

  it('refuses knobs that cannot exist', () => {
    expect(() => hostFirewallRuleset([{ action: 'reject-rst', proto: 'udp' }])).toThrow(RangeError);
    expect(() => natBoxRuleset({ ...base, forwards: [{ proto: 'tcp', port: [1, 5], toIp: '192.168.50.10', toPort: 9 }] })).toThrow(RangeError);
    expect(() => nftPorts([10, 5])).toThrow(RangeError);
    expect(() => nftPorts(0)).toThrow(RangeError);
  });

  it('writes any valid port spec so that reading it back gives the same range', () => {
    const port = fc.integer({ min: 1, max: 65535 });
    fc.assert(
      fc.property(port, port, (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const text = nftPorts([lo, hi]);
        const back = text.split('-').map(Number);
        expect(back.length === 1 ? [back[0], back[0]] : back).toEqual([lo, hi]);
      }),
    );
  });
});
