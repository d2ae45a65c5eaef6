// Lab: the firewall answer behind the exposure words (issue 16 item 20). Real nftables rules in the
// pc's namespace, real listening sockets there; `port-doctor listeners` run inside it must say
// "firewall blocks" exactly where a connection from another LAN device (lan2) does not get in, and
// the answers for many ports must come from one reading of the ruleset, not one per port.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeLab } from '../../../e2e/lab/netns';
import { LAN } from '../../../e2e/lab/scenario';
import { buildTopology, type Lab } from '../../../e2e/lab/topology';
import { runCommand, type CommandRequest, type CommandRunner } from '../os/command';
import { readFirewallSnapshot } from './snapshot';

const REPO = join(__dirname, '..', '..', '..');
const CLI = join(REPO, 'bin', 'port-doctor.cjs');
/** A dropped probe is "filtered" after this much silence; the lab answers open/closed in milliseconds. */
const PROBE_TIMEOUT_MS = 700;

const RULES = [
  'table inet host {',
  '  chain input {',
  '    type filter hook input priority filter;',
  '    policy drop;',
  '    iifname "lo" accept',
  '    ct state established,related accept',
  '    tcp dport 21101 accept',
  '    tcp dport 21104 accept',
  '  }',
  '}',
  '',
].join('\n');

/** Port → what the REACHABLE FROM column must say, and whether lan2 gets in (the kernel's answer). */
const EXPECT = [
  { proto: 'tcp', bind: '0.0.0.0', port: 21101, column: 'every network; firewall allows', open: true },
  { proto: 'tcp', bind: '0.0.0.0', port: 21102, column: 'every network; firewall blocks', open: false },
  { proto: 'udp', bind: '0.0.0.0', port: 21103, column: 'every network; firewall blocks', open: false },
  { proto: 'tcp', bind: LAN.pc, port: 21104, column: 'one network; firewall allows', open: true },
  { proto: 'tcp', bind: '127.0.0.1', port: 21105, column: 'this computer only', open: false },
] as const;

describeLab('exposure words take the host firewall into account', () => {
  let lab: Lab;
  beforeAll(async () => {
    execFileSync(process.execPath, [join(REPO, 'scripts', 'build.mjs'), 'cli'], { cwd: REPO, stdio: 'inherit' });
    lab = await buildTopology({}, { tag: 'fwexp' });
    await lab.startServer('pc', EXPECT.map(({ proto, bind, port }) => ({ proto, bind, port })));
    const pc = lab.host('pc').ns;
    await pc.exec(['nft', 'flush', 'ruleset']);
    await pc.nft(RULES);
  });
  afterAll(() => lab?.destroy());

  it('`listeners` says "firewall blocks" where lan2 cannot get in, "firewall allows" where it can', async () => {
    const kernel = await lab.probe(
      'lan2',
      EXPECT.filter((e) => e.bind !== '127.0.0.1').map((e) => ({ id: String(e.port), proto: e.proto, host: LAN.pc, port: e.port, timeoutMs: PROBE_TIMEOUT_MS })),
    );
    for (const k of kernel) expect({ port: k.id, open: k.state === 'open' }).toEqual({ port: k.id, open: EXPECT.find((e) => String(e.port) === k.id)!.open });

    const r = await lab.host('pc').ns.exec([process.execPath, CLI, 'listeners']);
    const rows = r.stdout.split('\n').map((line) => line.split(/\s{2,}/));
    for (const e of EXPECT) {
      const row = rows.find((c) => c[0] === e.proto && c[1]?.endsWith(`:${e.port}`));
      expect({ port: e.port, column: row?.[2] }).toEqual({ port: e.port, column: e.column });
    }
    expect(r.stdout).not.toMatch(/firewall was not read/);
  });

  it('answers for 200 ports come from one reading (nft run twice in all, not per port)', async () => {
    const calls: string[] = [];
    const inPc: CommandRunner = (q: CommandRequest) => {
      calls.push(q.file);
      return runCommand({ ...q, file: 'ip', args: ['netns', 'exec', lab.host('pc').ns.name, q.file, ...q.args] });
    };
    const snapshot = await readFirewallSnapshot({ platform: 'linux', run: inPc, frontEnds: false, interfaceName: null });
    const verdicts = new Map<number, string>();
    for (let port = 21100; port < 21300; port++) verdicts.set(port, snapshot.answer(port, 'tcp').verdict);
    expect(calls.sort()).toEqual(['iptables-legacy-save', 'iptables-save', 'nft', 'nft']);
    expect([verdicts.get(21101), verdicts.get(21102), verdicts.get(21104), verdicts.get(21299)]).toEqual(['allows', 'blocks', 'allows', 'blocks']);
  });
});
