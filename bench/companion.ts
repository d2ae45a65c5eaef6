// bench:companion — the companion under load in a lab namespace pair (companion ↔ callers, one veth):
//  1. 200 concurrent callers (200 source addresses) checking an open port, then a closed one: saturating
//     checks/s with p50/p99, then p50/p99 at the 1,000 checks/s target offered as a steady (open-loop) load.
//     No peer tool does a connect-back with proof, so the figures stand against the issue's targets.
//  2. 2,000 concurrent checks (2,000 source addresses) against a dropped port: peak memory, peak descriptors
//     and probe sockets against the probe cap, and how fast everything is released after the last deadline.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { labSupport, Netns, teardownAll, veth, type NsProcess } from '../e2e/lab/ns-core.js';

const ROOT = process.cwd();
const COMPANION_IP = '10.78.0.1';
const CALLERS_LINK_IP = '10.78.0.2';
const PROBE_CAP = 256;
const OPEN_PORT = 20000;
const CLOSED_PORT = 20001;
const DROPPED_PORT = 20002;
const CALLERS = 200;
const FLOOD = 2000;
const LOOP_MS = Number(process.env.PD_BENCH_SECONDS ?? 10) * 1000;
/** Slack above the probe cap: listening sockets, the STUN socket, stdio, epoll and friends. */
const FD_SLACK = 32;
const TARGETS = { checksPerSecond: 1000, p99Ms: 100, releaseMs: 3000 };

const addressOf = (i: number) => `10.77.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface LoadResult {
  checks: number;
  errors: number;
  statuses: Record<string, number>;
  states: Record<string, number>;
  wallMs: number;
  lastResponseAt: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
}

function load(ns: Netns, spec: object): { proc: NsProcess; result: Promise<LoadResult> } {
  const proc = ns.spawn([process.execPath, path.join(ROOT, 'bench/companion-load.mjs'), JSON.stringify({ host: COMPANION_IP, port: 8080, ...spec })]);
  return { proc, result: proc.waitForLine(/^\{.*\}$/, 300_000).then(([line]) => JSON.parse(line) as LoadResult) };
}

/** CPU seconds (user + system) a process has used, from /proc/PID/stat (clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function fdCount(pid: number): number {
  return fs.readdirSync(`/proc/${pid}/fd`).length;
}

/** Socket inodes of the companion's HTTP connections (local port 8080, any state but LISTEN). */
async function httpInodes(ns: Netns): Promise<Set<string>> {
  const r = await ns.exec(['ss', '-Htane', 'sport = :8080']);
  const out = new Set<string>();
  for (const line of r.stdout.split('\n')) {
    if (line.startsWith('LISTEN')) continue;
    const m = / ino:(\d+)/.exec(line);
    if (m) out.add(m[1]!);
  }
  return out;
}

/** Descriptors split into HTTP connections and everything else (probe sockets, listeners, stdio…). */
async function classifyFds(ns: Netns, pid: number): Promise<{ total: number; http: number; other: number }> {
  const before = await httpInodes(ns);
  // A descriptor closed between readdir and readlink is gone: it is not counted at all.
  const links = fs.readdirSync(`/proc/${pid}/fd`).flatMap((fd) => {
    try {
      return [fs.readlinkSync(`/proc/${pid}/fd/${fd}`)];
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
  });
  const after = await httpInodes(ns);
  let http = 0;
  for (const l of links) {
    const m = /^socket:\[(\d+)\]$/.exec(l);
    if (m && (before.has(m[1]!) || after.has(m[1]!))) http++;
  }
  return { total: links.length, http, other: links.length - http };
}

function rssKb(pid: number, field = 'VmRSS'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
}

async function countSockets(ns: Netns, filter: string[]): Promise<number> {
  const r = await ns.exec(['ss', '-Htn', ...filter]);
  return r.stdout.split('\n').filter((l) => l.trim()).length;
}

async function main(): Promise<number> {
  const support = labSupport();
  if (!support.ok) {
    console.log(`bench:companion needs the lab (${support.reason}).`);
    return process.env.PD_REQUIRE_LAB === '1' ? 1 : 0;
  }
  execFileSync(process.execPath, ['scripts/build.mjs', 'companion'], { cwd: ROOT, stdio: 'inherit' });
  const comp = await Netns.create('bench-cmp');
  const callers = await Netns.create('bench-clr');
  await veth(comp, 'eth0', callers, 'eth0');
  // The callers' 2,000 addresses live on their loopback behind one next hop: one neighbour entry,
  // so the (global, not per-namespace) neighbour table limits never come into play.
  await comp.ip(['addr', 'add', `${COMPANION_IP}/30`, 'dev', 'eth0']);
  await callers.ip(['addr', 'add', `${CALLERS_LINK_IP}/30`, 'dev', 'eth0']);
  await comp.ip(['route', 'add', '10.77.0.0/16', 'via', CALLERS_LINK_IP]);
  const batch = Array.from({ length: FLOOD }, (_, i) => `addr add ${addressOf(i)}/32 dev lo`).join('\n');
  await callers.exec(['ip', '-batch', '-'], { input: `${batch}\n` });
  for (const ns of [comp, callers]) {
    await ns.sysctl('net.core.somaxconn', 8192);
  }
  await callers.nft(['table inet pd_bench {', '  chain input {', '    type filter hook input priority 0;', '    policy accept;', `    tcp dport ${DROPPED_PORT} drop`, '  }', '}'].join('\n'));

  const companion = comp.spawn([
    process.execPath, path.join(ROOT, 'dist/companion/companion.cjs'),
    '--host', COMPANION_IP, '--http-port', '8080', '--udp-port', '3478', '--stun-alt-port', '0',
    '--allow-targets', '10.77.0.0/16',
    // Bench-only relaxations: no per-source rate limit (each caller checks hundreds of times), room for 2,000
    // HTTP connections and a queue behind the 256-probe cap. The cap itself and one-per-destination stay.
    '--checks-per-minute', '0', '--checks-per-hour', '0', '--max-connections', '8192', '--max-queued-probes', '4096',
    '--max-concurrent-probes', String(PROBE_CAP), '--log-level', 'warn',
  ]);
  for (let i = 0; i < 200 && (await countSockets(comp, ['-l', 'sport = :8080'])) === 0; i++) await sleep(100);
  const pid = companion.pid;
  const idleFds = fdCount(pid);
  console.log(`companion pid ${pid}: ${idleFds} descriptors idle, ${rssKb(pid)} KB resident; load average ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} on ${os.cpus().length} cores`);
  /** Wall-clock figures depend on whatever else the machine runs; CPU per check does not. */
  const measured = async (spec: object) => {
    const before = cpuSeconds(pid);
    const r = await load(callers, spec).result;
    return { ...r, cpuUsPerCheck: ((cpuSeconds(pid) - before) * 1e6) / Math.max(1, r.checks) };
  };

  // The callers' "game server", in its own process (as it would be): greets every connect-back at once,
  // so the companion finishes on the newline instead of waiting for its greeting timeout.
  const server = callers.spawn([process.execPath, '-e', `require('net').createServer(s=>{s.on('error',()=>s.destroy());s.end('PORT-DOCTOR benchbenchbenchbench01\\n')}).listen({port:${OPEN_PORT},host:'0.0.0.0',backlog:4096},()=>console.log('ready'))`]);
  await server.waitForLine(/^ready$/, 20_000);

  // Phase 1: open and closed ports, 200 callers back to back.
  const open = await measured({ sources: Array.from({ length: CALLERS }, (_, i) => addressOf(i)), targetPort: OPEN_PORT, mode: 'loop', durationMs: LOOP_MS });
  const closed = await measured({ sources: Array.from({ length: CALLERS }, (_, i) => addressOf(i)), targetPort: CLOSED_PORT, mode: 'loop', durationMs: LOOP_MS / 2 });
  const paced = await measured({ sources: Array.from({ length: CALLERS }, (_, i) => addressOf(i)), targetPort: OPEN_PORT, mode: 'paced', warmupMs: 1000, intervalMs: (CALLERS * 1000) / TARGETS.checksPerSecond, durationMs: LOOP_MS });
  const pacedClosed = await measured({ sources: Array.from({ length: CALLERS }, (_, i) => addressOf(i)), targetPort: CLOSED_PORT, mode: 'paced', warmupMs: 1000, intervalMs: (CALLERS * 1000) / TARGETS.checksPerSecond, durationMs: LOOP_MS / 2 });
  const rate = (r: LoadResult) => r.checks / (r.wallMs / 1000);
  const cpu = (r: { cpuUsPerCheck: number }) => `${r.cpuUsPerCheck.toFixed(0)} µs companion CPU/check (≈ ${(1e6 / r.cpuUsPerCheck).toFixed(0)} checks/s per core)`;
  console.log(`open:   ${rate(open).toFixed(0)} checks/s, p50 ${open.p50?.toFixed(1)} ms, p99 ${open.p99?.toFixed(1)} ms (${JSON.stringify(open.states)}, errors ${open.errors}, statuses ${JSON.stringify(open.statuses)}); ${cpu(open)}`);
  console.log(`closed: ${rate(closed).toFixed(0)} checks/s, p50 ${closed.p50?.toFixed(1)} ms, p99 ${closed.p99?.toFixed(1)} ms (${JSON.stringify(closed.states)}, errors ${closed.errors}); ${cpu(closed)}`);
  console.log(`at ${TARGETS.checksPerSecond} checks/s offered (200 callers, one check each per ${(CALLERS * 1000) / TARGETS.checksPerSecond} ms):`);
  console.log(`  open:   ${rate(paced).toFixed(0)} checks/s served, p50 ${paced.p50?.toFixed(1)} ms, p99 ${paced.p99?.toFixed(1)} ms (${JSON.stringify(paced.states)}, errors ${paced.errors})`);
  console.log(`  closed: ${rate(pacedClosed).toFixed(0)} checks/s served, p50 ${pacedClosed.p50?.toFixed(1)} ms, p99 ${pacedClosed.p99?.toFixed(1)} ms (${JSON.stringify(pacedClosed.states)}, errors ${pacedClosed.errors})`);

  await server.stop();

  // Phase 2: 2,000 concurrent checks against a dropped port.
  const flood = load(callers, { sources: Array.from({ length: FLOOD }, (_, i) => addressOf(i)), targetPort: DROPPED_PORT, mode: 'once' });
  let maxFds = 0;
  let maxProbeSockets = 0;
  let maxOverHttp = 0;
  let peakRss = 0;
  let done: LoadResult | null = null;
  void flood.result.then((r) => (done = r));
  let releasedAt: number | null = null;
  for (;;) {
    const probes = await countSockets(comp, ['state', 'syn-sent']);
    const fdsNow = await classifyFds(comp, pid);
    const fds = fdsNow.total;
    maxFds = Math.max(maxFds, fds);
    maxProbeSockets = Math.max(maxProbeSockets, probes);
    maxOverHttp = Math.max(maxOverHttp, fdsNow.other);
    peakRss = Math.max(peakRss, rssKb(pid));
    const finished: LoadResult | null = done;
    if (finished !== null && probes === 0 && fds <= idleFds + 4) {
      releasedAt = Date.now() - (finished as LoadResult).lastResponseAt;
      break;
    }
    if (finished !== null && Date.now() - (finished as LoadResult).lastResponseAt > 15_000) break;
    await sleep(100);
  }
  const f = (await flood.result) as LoadResult;
  console.log(`flood:  ${FLOOD} concurrent checks to a dropped port: ${JSON.stringify(f.states)} in ${(f.wallMs / 1000).toFixed(1)} s (statuses ${JSON.stringify(f.statuses)}, errors ${f.errors})`);
  console.log(`        peak descriptors ${maxFds} total; ${maxOverHttp} besides HTTP connections = ${maxOverHttp - idleFds} probe sockets + ${idleFds} idle (cap ${PROBE_CAP}, cap + slack ${PROBE_CAP + FD_SLACK})`);
  console.log(`        ss saw at most ${maxProbeSockets} SYN-SENT sockets (its dump is not atomic while sockets churn, so it may overcount by a few)`);
  console.log(`        peak resident memory ${(peakRss / 1024).toFixed(1)} MB (high-water ${(rssKb(pid, 'VmHWM') / 1024).toFixed(1)} MB); all released ${releasedAt === null ? 'NOT within 15 s' : `${releasedAt} ms`} after the last answer`);

  await companion.stop();
  const verdicts = [
    ['open checks/s ≥ 1000', rate(open) >= TARGETS.checksPerSecond],
    [`p99 open < 100 ms at ${TARGETS.checksPerSecond} checks/s`, (paced.p99 ?? Infinity) < TARGETS.p99Ms],
    [`p99 closed < 100 ms at ${TARGETS.checksPerSecond} checks/s`, (pacedClosed.p99 ?? Infinity) < TARGETS.p99Ms],
    [`probe descriptors ≤ cap (${PROBE_CAP})`, maxOverHttp - idleFds <= PROBE_CAP],
    [`descriptors besides HTTP ≤ cap + ${FD_SLACK}`, maxOverHttp <= PROBE_CAP + FD_SLACK],
    ['released within 3 s', releasedAt !== null && releasedAt <= TARGETS.releaseMs],
  ] as const;
  for (const [name, ok] of verdicts) console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}`);
  return verdicts.every(([, ok]) => ok) ? 0 : 1;
}

main()
  .then(async (code) => {
    await teardownAll();
    process.exit(code);
  })
  .catch(async (e: unknown) => {
    console.error(e);
    await teardownAll();
    process.exit(1);
  });
