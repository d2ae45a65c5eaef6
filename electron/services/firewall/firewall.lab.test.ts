// Lab: host-firewall rulesets loaded into the pc's namespace; `port-doctor firewall` must agree
// with what the kernel does to a real connection from another LAN device (lan2) in the same test.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FirewallAnswer } from '../../../shared/network/firewall';
import { describeLab } from '../../../e2e/lab/netns';
import { LAN } from '../../../e2e/lab/scenario';
import { buildTopology, type Lab } from '../../../e2e/lab/topology';

const REPO = join(__dirname, '..', '..', '..');
const CLI = join(REPO, 'bin', 'port-doctor.cjs');
/** A dropped probe is "filtered" after this much silence; the lab answers open/closed in milliseconds. */
const PROBE_TIMEOUT_MS = 700;

interface Case {
  name: string;
  /** nft ruleset text (loaded after `flush ruleset`), or legacy iptables-restore text. */
  nft?: string;
  iptablesLegacy?: string;
  expect: { spec: string; verdict: FirewallAnswer['verdict']; rule?: RegExp }[];
}

const chain = (policy: string, ...rules: string[]) =>
  ['table inet host {', '  chain input {', '    type filter hook input priority filter;', `    policy ${policy};`, ...rules.map((r) => `    ${r}`), '  }', '}', ''].join('\n');

const CASES: Case[] = [
  { name: 'no rules at all', nft: '', expect: [{ spec: '21001/tcp', verdict: 'allows' }, { spec: '21001/udp', verdict: 'allows' }] },
  {
    name: 'policy drop with loopback, conntrack and one accept (and the other protocol)',
    nft: chain('drop', 'iifname "lo" accept', 'ct state established,related accept', 'tcp dport 21002 accept'),
    expect: [
      { spec: '21002/tcp', verdict: 'allows', rule: /tcp dport 21002 accept/ },
      { spec: '21002/udp', verdict: 'blocks', rule: /policy drop/ },
      { spec: '21003/tcp', verdict: 'blocks', rule: /policy drop/ },
    ],
  },
  {
    name: 'drop and reject rules under policy accept',
    nft: chain('accept', 'tcp dport 21004 drop', 'udp dport 21005 reject', 'tcp dport 21006 reject with tcp reset'),
    expect: [
      { spec: '21004/tcp', verdict: 'blocks', rule: /tcp dport 21004 drop/ },
      { spec: '21005/udp', verdict: 'blocks', rule: /udp dport 21005 reject/ },
      { spec: '21006/tcp', verdict: 'blocks', rule: /reject with tcp reset/ },
      { spec: '21007/tcp', verdict: 'allows' },
      { spec: '21004/udp', verdict: 'allows' },
    ],
  },
  {
    name: 'named interval set, anonymous set and range',
    nft: [
      'table inet host {',
      '  set games {',
      '    type inet_service;',
      '    flags interval;',
      '    elements = { 21010, 21020-21030 }',
      '  }',
      '  chain input {',
      '    type filter hook input priority filter;',
      '    policy drop;',
      '    iifname "lo" accept',
      '    tcp dport @games accept',
      '    udp dport { 21011, 21040-21050 } accept',
      '  }',
      '}',
      '',
    ].join('\n'),
    expect: [
      { spec: '21010/tcp', verdict: 'allows', rule: /@games/ },
      { spec: '21025/tcp', verdict: 'allows', rule: /@games/ },
      { spec: '21031/tcp', verdict: 'blocks' },
      { spec: '21045/udp', verdict: 'allows', rule: /21040-21050/ },
      { spec: '21012/udp', verdict: 'blocks' },
    ],
  },
  {
    name: 'interface jump into a zone chain, and an earlier base chain that drops',
    nft: [
      'table inet host {',
      '  chain zone_lan {',
      '    tcp dport 21060 accept',
      '    udp dport 21061 accept',
      '  }',
      '  chain input {',
      '    type filter hook input priority filter;',
      '    policy drop;',
      '    iifname "eth0" jump zone_lan',
      '  }',
      '}',
      'table ip early {',
      '  chain input {',
      '    type filter hook input priority -10;',
      '    policy accept;',
      '    udp dport 21061 drop',
      '  }',
      '}',
      '',
    ].join('\n'),
    expect: [
      { spec: '21060/tcp', verdict: 'allows', rule: /tcp dport 21060 accept/ },
      { spec: '21061/udp', verdict: 'blocks', rule: /udp dport 21061 drop/ },
      { spec: '21062/tcp', verdict: 'blocks', rule: /policy drop/ },
    ],
  },
  {
    name: 'legacy iptables, ufw-style chains',
    nft: '',
    iptablesLegacy: [
      '*filter',
      ':INPUT DROP [0:0]',
      ':ufw-user-input - [0:0]',
      '-A INPUT -i lo -j ACCEPT',
      '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      '-A INPUT -j ufw-user-input',
      '-A ufw-user-input -p tcp -m multiport --dports 21070,21080:21090 -j ACCEPT',
      '-A ufw-user-input -p udp -m udp --dport 21071 -j REJECT --reject-with icmp-port-unreachable',
      'COMMIT',
      '',
    ].join('\n'),
    expect: [
      { spec: '21085/tcp', verdict: 'allows', rule: /--dports 21070,21080:21090 -j ACCEPT/ },
      { spec: '21071/udp', verdict: 'blocks', rule: /-j REJECT/ },
      { spec: '21072/tcp', verdict: 'blocks', rule: /policy drop/ },
    ],
  },
];

function portsOf(proto: 'tcp' | 'udp'): number[] {
  return [...new Set(CASES.flatMap((c) => c.expect.filter((e) => e.spec.endsWith(proto)).map((e) => Number(e.spec.split('/')[0]))))];
}

describeLab('firewall: the verdict agrees with the kernel', () => {
  let lab: Lab;
  beforeAll(async () => {
    execFileSync(process.execPath, [join(REPO, 'scripts', 'build.mjs'), 'cli'], { cwd: REPO, stdio: 'inherit' });
    lab = await buildTopology({}, { tag: 'fw' });
    const listeners = (['tcp', 'udp'] as const).flatMap((proto) => portsOf(proto).map((port) => ({ proto, bind: '0.0.0.0', port })));
    await lab.startServer('pc', listeners);
  });
  afterAll(() => lab?.destroy());

  for (const c of CASES) {
    it(c.name, async () => {
      const pc = lab.host('pc').ns;
      await pc.exec(['nft', 'flush', 'ruleset']);
      await pc.exec(['sh', '-c', 'iptables-legacy -F && iptables-legacy -X && iptables-legacy -P INPUT ACCEPT']);
      if (c.nft) await pc.nft(c.nft);
      if (c.iptablesLegacy) await pc.exec(['sh', '-c', `printf '%s' '${c.iptablesLegacy}' | iptables-legacy-restore`]);

      const kernel = await lab.probe(
        'lan2',
        c.expect.map((e) => {
          const [port, proto] = e.spec.split('/');
          return { id: e.spec, proto: proto as 'tcp' | 'udp', host: LAN.pc, port: Number(port), timeoutMs: PROBE_TIMEOUT_MS };
        }),
      );
      for (const e of c.expect) {
        const r = await pc.exec([process.execPath, CLI, 'firewall', e.spec, '--json'], { allowFailure: true });
        const answer = JSON.parse(r.stdout) as FirewallAnswer;
        const truth = kernel.find((k) => k.id === e.spec)!;
        // The stand-in answers on every port, so "open" means the firewall let the connection in.
        const kernelVerdict = truth.state === 'open' ? 'allows' : 'blocks';
        expect({ spec: e.spec, kernel: kernelVerdict }).toEqual({ spec: e.spec, kernel: e.verdict });
        expect({ spec: e.spec, verdict: answer.verdict, exit: r.code }).toEqual({ spec: e.spec, verdict: kernelVerdict, exit: kernelVerdict === 'allows' ? 0 : 1 });
        if (e.rule) expect(answer.rules.map((x) => x.text).join('\n')).toMatch(e.rule);
        expect(answer.readers.find((x) => x.source === 'nftables')?.state).toBe('read');
      }
    });
  }
});
