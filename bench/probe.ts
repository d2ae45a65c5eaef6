// bench:probe — `port-doctor probe` vs `nmap -sT -T4` in the lab, same run, alternating rounds:
// (a) all 65535 TCP ports of a host with 100 open ports; (b) the 1,000 ports nmap's --top-ports
// picks (read from nmap now, never shipped) on a host whose firewall drops almost everything.
// Prints median wall times, their ratio (target ≤ 1.0), and whether every verdict matched. Port
// Doctor runs as on a user's machine: NODE_EXTRA_CA_CERTS (set in this build environment) unset.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { labSupport, teardownAll, type Netns } from '../e2e/lab/ns-core.js';
import { buildPair, type LabPair } from '../e2e/lab/lab-pair.js';
import { parseNmapXml, type NmapRun } from '../e2e/lab/nmap-oracle.js';
import { formatPortList } from '../shared/ports/port-spec.js';

const ROOT = process.cwd();
const CLI = path.join(ROOT, 'bin/port-doctor.cjs');
const SERVERS = path.join(ROOT, 'e2e/lab/lab-game-servers.mjs');
const ROUNDS_A = Number(process.env.PD_BENCH_ROUNDS ?? 5);
/** nmap needs ~20 s a round on the drop-everything host; three rounds give a median. */
const ROUNDS_B = Number(process.env.PD_BENCH_ROUNDS_B ?? 3);
const TARGET_RATIO = 1.0;
/** The open ports of (a): 100 distinct ports spread over the whole range. */
const OPEN_A = Array.from({ length: 100 }, (_, i) => 17 + i * 655);
/** The few ports (b)'s firewall lets through: typical of a locked-down host. */
const OPEN_B = [22, 80, 443];
/** As a user's machine runs it: no extra CA bundle to parse at start-up (~45 ms per Node start). */
const USER_ENV = ['env', '-u', 'NODE_EXTRA_CA_CERTS'];

const loadAverage = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ')[0] ?? '?';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

interface Verdicts {
  open: number[];
  counts: Record<string, number>;
}

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const v = await f();
  return [v, (performance.now() - t) / 1000];
}

/** Runs the CLI as a user would (its table, not --json: both tools then print a compact report). */
async function ours(ns: Netns, address: string, ports: string): Promise<Verdicts> {
  const r = await ns.exec([...USER_ENV, process.execPath, CLI, 'probe', address, ports], { timeoutMs: 300_000 });
  const counts: Record<string, number> = {};
  const open: number[] = [];
  // The summary line shared with the Port check page (shared/render/probe.ts notListedText).
  const hidden = /^\s*([\d,]+) ports? “([^”]+)” not listed\./m.exec(r.stdout);
  if (hidden) counts[hidden[2] as string] = Number((hidden[1] as string).replace(/,/g, ''));
  for (const m of r.stdout.matchAll(/^(\d+)\/tcp\s+(\S+)\s/gm)) {
    const state = m[2] as string;
    counts[state] = (counts[state] ?? 0) + 1;
    if (state === 'open') open.push(Number(m[1]));
  }
  return { open, counts };
}

async function nmap(ns: Netns, ...args: string[]): Promise<[Verdicts, NmapRun]> {
  const r = await ns.exec(['nmap', '-n', '-oX', '-', ...args], { timeoutMs: 300_000 });
  const run = parseNmapXml(r.stdout);
  const counts: Record<string, number> = { ...run.extra };
  for (const p of run.ports) counts[p.state] = (counts[p.state] ?? 0) + 1;
  return [{ open: run.ports.filter((p) => p.state === 'open').map((p) => p.port), counts }, run];
}

const same = (a: Verdicts, b: Verdicts): boolean =>
  JSON.stringify(a.open) === JSON.stringify(b.open) && JSON.stringify(Object.entries(a.counts).sort()) === JSON.stringify(Object.entries(b.counts).sort());

async function compare(name: string, rounds: number, runOurs: () => Promise<Verdicts>, runNmap: () => Promise<Verdicts>): Promise<{ ratio: number; identical: boolean }> {
  const oursS: number[] = [];
  const nmapS: number[] = [];
  const ratios: number[] = [];
  let identical = true;
  for (let i = 0; i < rounds; i++) {
    // Alternate who goes first so neither always runs on a warmer machine.
    const pair = i % 2 === 0 ? [runOurs, runNmap] : [runNmap, runOurs];
    const [[r1, t1], [r2, t2]] = [await timed(pair[0] as () => Promise<Verdicts>), await timed(pair[1] as () => Promise<Verdicts>)];
    const [o, to, n, tn] = i % 2 === 0 ? [r1, t1, r2, t2] : [r2, t2, r1, t1];
    oursS.push(to);
    nmapS.push(tn);
    ratios.push(to / tn);
    const ok = same(o, n);
    identical &&= ok;
    process.stdout.write(`  ${name} round ${i + 1}: port-doctor ${to.toFixed(2)} s, nmap ${tn.toFixed(2)} s, ratio ${(to / tn).toFixed(2)}, verdicts ${ok ? 'identical' : `DIFFER: ours ${JSON.stringify(o.counts)} nmap ${JSON.stringify(n.counts)}`}\n`);
  }
  const ratio = median(ratios);
  process.stdout.write(`${name}: median port-doctor ${median(oursS).toFixed(2)} s, median nmap ${median(nmapS).toFixed(2)} s, median ratio ${ratio.toFixed(2)} (target ≤ ${TARGET_RATIO}), verdicts ${identical ? 'identical in every round' : 'NOT identical'}\n`);
  return { ratio, identical };
}

async function main(): Promise<number> {
  const support = labSupport();
  if (!support.ok) {
    process.stderr.write(`bench:probe needs the lab: ${support.reason}\n`);
    return 1;
  }
  execFileSync(process.execPath, ['scripts/build.mjs', 'cli'], { cwd: ROOT, stdio: 'inherit' });
  process.stdout.write(`port-doctor runs as on a user's machine: NODE_EXTRA_CA_CERTS unset; 1-min load average ${loadAverage()} on ${os.cpus().length} CPUs\n`);
  try {
    const a: LabPair = await buildPair('bench-a');
    const sa = a.target.spawn(['node', SERVERS, '--tcp', OPEN_A.join(',')]);
    await sa.waitForLine(/^ready$/, 30_000);
    process.stdout.write(`(a) all 65535 TCP ports of ${a.v4}, ${OPEN_A.length} open: port-doctor probe … all vs nmap -sT -p- -T4\n`);
    const pa = a;
    const resA = await compare('(a)', ROUNDS_A, () => ours(pa.prober, pa.v4, 'all'), async () => (await nmap(pa.prober, '-sT', '-p-', '-T4', pa.v4))[0]);

    const b: LabPair = await buildPair('bench-b');
    await b.target.nft(`
table inet bench_b {
  chain input {
    type filter hook input priority 0; policy drop;
    ct state established,related accept
    iif "lo" accept
    tcp dport { ${OPEN_B.join(', ')} } accept
  }
}
`);
    const sb = b.target.spawn(['node', SERVERS, '--tcp', OPEN_B.join(',')]);
    await sb.waitForLine(/^ready$/, 30_000);
    const pb = b;
    // nmap's own choice of the top 1,000 ports, read from its scaninfo (its data is not ours to ship).
    const [, probeRun] = await nmap(pb.prober, '-sT', '--top-ports', '1000', '-T4', '--max-retries', '0', '--host-timeout', '1ms', pb.v4);
    const top = probeRun.services;
    if (top.length !== 1000) throw new Error(`nmap listed ${top.length} top ports, expected 1000`);
    const spec = formatPortList(top);
    process.stdout.write(`(b) nmap's top 1000 TCP ports of ${b.v4}, firewall drops all but ${OPEN_B.join(', ')}: port-doctor probe vs nmap -sT --top-ports 1000 -T4\n`);
    const resB = await compare('(b)', ROUNDS_B, () => ours(pb.prober, pb.v4, spec), async () => (await nmap(pb.prober, '-sT', '--top-ports', '1000', '-T4', pb.v4))[0]);

    process.stdout.write(`1-min load average at the end: ${loadAverage()}\n`);
    const pass = resA.ratio <= TARGET_RATIO && resB.ratio <= TARGET_RATIO && resA.identical && resB.identical;
    process.stdout.write(`\nbench:probe ratio (a) ${resA.ratio.toFixed(2)}, ratio (b) ${resB.ratio.toFixed(2)}, verdicts ${resA.identical && resB.identical ? 'identical' : 'DIFFER'} → ${pass ? 'PASS' : 'MISS'}\n`);
    return pass ? 0 : 1;
  } finally {
    await teardownAll();
  }
}

process.exitCode = await main();
