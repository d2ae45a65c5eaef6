// The evaluator on rulesets recorded from the real tools (nft 1.0.6, iptables-legacy 1.8.9):
// fixtures/sample.nft was loaded into a fresh namespace and listed with `nft -j` and `nft -a`.
// The lab test (firewall.lab.test.ts) proves the same kind of verdicts against the kernel.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toAnswer } from './answer';
import { evaluate } from './evaluate';
import { isNftBackend, parseIptablesSave, tokenize } from './iptables-save';
import type { Packet, Ruleset } from './model';
import { parseNftHandles, parseNftJson } from './nft-json';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');
const nft = parseNftJson(fixture('sample.nft.json'), parseNftHandles(fixture('sample.nft.txt')));
const legacy = parseIptablesSave(fixture('iptables-legacy-ufw.txt'));

function answer(ruleset: Ruleset, protocol: 'tcp' | 'udp', port: number, iif: string | null = 'eth1') {
  const packet: Packet = { family: 'ipv4', protocol, port, iif };
  return toAnswer({ port, protocol, program: null, outcomes: evaluate(ruleset, packet), readers: [], caveats: [], unreadable: false });
}

describe('nftables ruleset (sets, ranges, concatenations, vmaps, jumps, policy drop)', () => {
  it.each([
    ['tcp', 22, 'allows', 'tcp dport @allowed_tcp accept'],
    ['tcp', 8050, 'allows', 'tcp dport @allowed_tcp accept'],
    ['tcp', 8101, 'blocks', 'policy drop (nothing in the chain matched)'],
    ['tcp', 25565, 'allows', 'meta l4proto . th dport @svc accept'],
    ['udp', 25565, 'blocks', 'policy drop (nothing in the chain matched)'],
    ['udp', 34197, 'allows', 'meta l4proto . th dport @svc accept'],
    ['tcp', 443, 'allows', 'tcp dport { 80, 443, 1000-2000 } accept'],
    ['tcp', 1500, 'allows', 'tcp dport { 80, 443, 1000-2000 } accept'],
    ['udp', 5005, 'blocks', 'udp dport 5000-5010 reject'],
    ['tcp', 5005, 'blocks', 'policy drop (nothing in the chain matched)'],
    ['tcp', 7777, 'blocks', 'tcp dport 7777 reject with tcp reset'],
    ['tcp', 3000, 'allows', 'tcp dport vmap { 3000 : accept, 3001 : drop }'],
    ['tcp', 3001, 'blocks', 'tcp dport vmap { 3000 : accept, 3001 : drop }'],
    ['tcp', 6666, 'blocks', 'tcp dport 6666 drop'],
  ] as const)('%s/%d → %s by "%s"', (protocol, port, verdict, text) => {
    const a = answer(nft, protocol, port);
    expect(a.verdict).toBe(verdict);
    expect(a.rules.at(-1)?.text).toBe(text);
  });

  it('a later base chain still runs after an earlier one accepts (accept is final only for its chain)', () => {
    const a = answer(nft, 'tcp', 22);
    const packet: Packet = { family: 'ipv4', protocol: 'tcp', port: 22, iif: 'eth1' };
    const [only] = evaluate(nft, packet);
    expect(only!.decisions.map((d) => [d.chain.name, d.rule?.text ?? 'policy'])).toEqual([['pre_input', 'policy'], ['input', 'tcp dport @allowed_tcp accept']]);
    expect(a.rules.map((r) => r.location)).toEqual(['table inet filter, chain input']);
  });

  it('follows jump, return and goto through regular chains (the interface decides)', () => {
    expect(answer(nft, 'tcp', 4444, 'eth0').verdict).toBe('allows');
    expect(answer(nft, 'tcp', 4444, 'eth1').verdict).toBe('blocks');
    expect(answer(nft, 'udp', 53, 'eth0').rules.at(-1)).toMatchObject({ location: 'table inet filter, chain zone_tail', text: 'udp dport 53 accept', effect: 'allows' });
    expect(answer(nft, 'udp', 54, 'eth0').verdict).toBe('blocks');
  });

  it('says what the verdict depends on when the question cannot settle a match', () => {
    const bySource = answer(nft, 'udp', 9999);
    expect(bySource.verdict).toBe('unknown');
    expect(bySource.caveats.join(' ')).toContain('lets it in when ip saddr 192.168.0.0/16');
    const byInterface = answer(nft, 'tcp', 4444, null);
    expect(byInterface.verdict).toBe('unknown');
    expect(byInterface.caveats.join(' ')).toContain('iifname eth0');
  });

  it('loopback rules never apply to a connection from another device', () => {
    expect(answer(nft, 'tcp', 9, null).verdict).toBe('blocks');
  });

  it('an empty ruleset lets everything in', () => {
    expect(answer({ chains: [] }, 'udp', 1).verdict).toBe('allows');
  });

  it('rejects output that is not nft JSON with a clear error', () => {
    expect(() => parseNftJson('Error: syntax error')).toThrow(/not JSON/);
    expect(() => parseNftJson('{"x":1}')).toThrow(/no "nftables" list/);
  });

  it('keeps unknown statements as "cannot be decided", never as allow', () => {
    const json = JSON.stringify({ nftables: [
      { chain: { family: 'inet', table: 't', name: 'in', type: 'filter', hook: 'input', prio: 0, policy: 'accept' } },
      { rule: { family: 'inet', table: 't', chain: 'in', handle: 2, expr: [{ match: { op: '==', left: { payload: { protocol: 'tcp', field: 'dport' } }, right: 80 } }, { queue: { num: 1 } }] } },
    ] });
    const a = answer(parseNftJson(json), 'tcp', 80);
    expect(a.verdict).toBe('unknown');
    expect(a.caveats.join(' ')).toContain('queue');
  });
});

describe('legacy iptables-save (a ufw ruleset)', () => {
  it.each([
    ['tcp', 22, 'allows', '-A ufw-user-input -p tcp -m tcp --dport 22 -j ACCEPT'],
    ['tcp', 25565, 'allows', `-A ufw-user-input -p tcp -m multiport --dports 25565,27000:27050 -m comment --comment "\\'dapp_Minecraft server\\'" -j ACCEPT`],
    ['tcp', 27010, 'allows', `-A ufw-user-input -p tcp -m multiport --dports 25565,27000:27050 -m comment --comment "\\'dapp_Minecraft server\\'" -j ACCEPT`],
    ['udp', 34197, 'allows', '-A ufw-user-input -p udp -m udp --dport 34197 -j ACCEPT'],
    ['tcp', 34197, 'blocks', 'policy drop (nothing in the chain matched)'],
    ['tcp', 8080, 'blocks', '-A ufw-user-input -p tcp -m tcp --dport 8080 -j REJECT --reject-with tcp-reset'],
  ] as const)('%s/%d → %s', (protocol, port, verdict, text) => {
    const a = answer(legacy, protocol, port);
    expect(a.verdict).toBe(verdict);
    expect(a.rules.at(-1)?.text).toBe(text);
  });

  it('names ufw as where the user finds the rule', () => {
    expect(answer(legacy, 'tcp', 22).rules.at(-1)).toMatchObject({ source: 'ufw', location: 'iptables table filter, chain ufw-user-input' });
  });

  it('a source-restricted allow depends on who connects', () => {
    const a = answer(legacy, 'udp', 9999);
    expect(a.verdict).toBe('unknown');
    expect(a.caveats.join(' ')).toContain('-s 192.168.1.0/24');
  });

  it('tells iptables-nft output (already in the nft ruleset) from legacy tables', () => {
    expect(isNftBackend(fixture('iptables-legacy-ufw.txt'))).toBe(false);
    expect(isNftBackend('# Generated by iptables-save v1.8.9 (nf_tables) on Wed Dec  2 03:00:36 2026\n*filter\n')).toBe(true);
  });

  it('splits quoted words like a shell and rejects rules outside a table', () => {
    expect(tokenize('-A X -m comment --comment "a b \\"c\\"" -j ACCEPT')).toEqual(['-A', 'X', '-m', 'comment', '--comment', 'a b "c"', '-j', 'ACCEPT']);
    expect(() => parseIptablesSave('-A INPUT -j ACCEPT')).toThrow(/outside a table/);
  });
});
