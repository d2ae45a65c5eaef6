// bench:diagnose — the whole automatic diagnosis (no phone/friend step), timed in the lab: real
// catalog scenarios, the real companion on the lab's internet, `port-doctor diagnose` run as a whole
// process inside the pc namespace, several runs per case. Targets (issue #13): ≤ 2 s when the ports
// answer, ≤ 4 s when something is silent. Also prints which checklist step took the time.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CATALOG, GAME, type CatalogEntry } from '../e2e/lab/catalog.js';
import { labSupport, type NsProcess } from '../e2e/lab/ns-core.js';
import { DC } from '../e2e/lab/scenario.js';
import { buildTopology } from '../e2e/lab/topology.js';

const ROOT = process.cwd();
const CLI = path.join(ROOT, 'bin', 'port-doctor.cjs');
const RUNS = Number(process.env.PD_BENCH_RUNS ?? 5);
/**
 * Pause between runs, as between a user's "Check" and "Check again". Back to back (0), each run's
 * tracepath drains the lab routers' ICMP rate limit (Linux's default: time-exceeded at 1/s per
 * destination after a small burst, as real routers do), and the next run's path step then waits
 * about a second per hop that stayed silent: PD_BENCH_GAP_MS=0 shows that case.
 */
const GAP_MS = Number(process.env.PD_BENCH_GAP_MS ?? 3000);
const TARGET_S = { answers: 2, silent: 4 } as const;
type Group = keyof typeof TARGET_S;
/** Node start-up plus bind on a busy 2-core box (as in the companion's lab helpers). */
const COMPANION_READY_MS = 20_000;
const COMPANION = `http://${DC.companion}:8080`;
const LAB_COMPANION_ARGS = ['--allow-targets', '198.51.100.0/24', '203.0.113.0/24', '100.64.0.0/10', '--checks-per-minute', '0', '--checks-per-hour', '0'];

/**
 * The cases: catalog scenarios, grouped by whether every tested port answers from outside. The
 * verdict is checked too: a fast wrong answer is not a result.
 */
const CASES: { name: string; group: Group; verdict: string }[] = [
  { name: 'forward-ok', group: 'answers', verdict: 'reachable' },
  { name: 'hairpin-on', group: 'answers', verdict: 'reachable' },
  { name: 'not-running-but-path-ready', group: 'answers', verdict: 'not-listening' },
  { name: 'no-forward-router-drops', group: 'silent', verdict: 'no-forward' },
  { name: 'host-firewall-drops', group: 'silent', verdict: 'host-firewall' },
  { name: 'tcp-forwarded-game-needs-udp', group: 'silent', verdict: 'wrong-protocol' },
  { name: 'cgnat', group: 'silent', verdict: 'cgnat' },
];

interface Run {
  seconds: number;
  verdict: string;
  pipelineMs: number;
  steps: Record<string, { ms: number; state: string }>;
}

const portsArg = (e: CatalogEntry): string => (e.gamePorts ?? [{ proto: 'tcp', port: GAME }, { proto: 'udp', port: GAME }]).map((p) => `${p.port}/${p.proto}`).join(',');
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (s: number) => `${s.toFixed(2)} s`;

async function measure(entry: CatalogEntry): Promise<Run[]> {
  const lab = await buildTopology(entry.scenario, { tag: `bd-${entry.name}`.slice(0, 20) });
  let companion: NsProcess | null = null;
  try {
    companion = lab.host('companion').ns.spawn([process.execPath, CLI, 'companion', ...LAB_COMPANION_ARGS]);
    await companion.waitForLine(/^Port Doctor companion listening/, COMPANION_READY_MS);
    const argv = [process.execPath, CLI, 'diagnose', '--port', portsArg(entry), '--companion', COMPANION, '--json'];
    // One run first, not counted: it warms the page cache for the CLI bundle, as a second use would be.
    const r = await lab.host('pc').ns.exec([process.execPath, path.join(ROOT, 'bench/diagnose-timer.mjs'), String(RUNS + 1), JSON.stringify(argv), String(GAP_MS)], { timeoutMs: (RUNS + 1) * (60_000 + GAP_MS) });
    return (JSON.parse(r.stdout) as Run[]).slice(1);
  } finally {
    await companion?.stop();
    await lab.destroy();
  }
}

async function main(): Promise<number> {
  const support = labSupport();
  if (!support.ok) {
    console.log(`bench:diagnose needs the lab (${support.reason}).`);
    return process.env.PD_REQUIRE_LAB === '1' ? 1 : 0;
  }
  execFileSync(process.execPath, ['scripts/build.mjs', 'cli', 'companion'], { cwd: ROOT, stdio: 'inherit' });
  console.log(`port-doctor diagnose --json, run as a whole process in the lab's pc namespace with the companion on the lab's internet; NODE_EXTRA_CA_CERTS unset (as on a user's machine); ${RUNS} runs per case after one warm-up, ${GAP_MS / 1000} s apart (PD_BENCH_GAP_MS); load average ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} on ${os.cpus().length} cores`);
  const byGroup: Record<Group, number[]> = { answers: [], silent: [] };
  let wrong = 0;
  for (const c of CASES) {
    const entry = CATALOG.find((e) => e.name === c.name);
    if (!entry) throw new Error(`no catalog scenario ${c.name}`);
    const runs = await measure(entry);
    const secs = runs.map((r) => r.seconds);
    byGroup[c.group].push(...secs);
    const verdicts = [...new Set(runs.map((r) => r.verdict))];
    if (verdicts.length !== 1 || verdicts[0] !== c.verdict) wrong++;
    // Which step took the time: each step's median duration, slowest first.
    const stepIds = Object.keys(runs[0]?.steps ?? {});
    const stepMedians = stepIds
      .map((id) => ({ id, ms: median(runs.map((r) => r.steps[id]?.ms ?? 0)), state: runs[0]!.steps[id]!.state }))
      .filter((s) => s.state !== 'skipped')
      .sort((a, b) => b.ms - a.ms);
    console.log(
      `${c.group.padEnd(7)} ${c.name.padEnd(30)} median ${fmt(median(secs))}, max ${fmt(Math.max(...secs))} (pipeline median ${median(runs.map((r) => r.pipelineMs)).toFixed(0)} ms); verdict ${verdicts.join('/')}${verdicts.length === 1 && verdicts[0] === c.verdict ? '' : ` — EXPECTED ${c.verdict}`}`,
    );
    console.log(`        steps (median ms): ${stepMedians.map((s) => `${s.id} ${s.ms.toFixed(0)}`).join(', ')}`);
  }
  let missed = 0;
  for (const g of ['answers', 'silent'] as const) {
    const secs = byGroup[g];
    const ok = Math.max(...secs) <= TARGET_S[g];
    if (!ok) missed++;
    console.log(`${g === 'answers' ? 'ports answer    ' : 'something silent'}: median ${fmt(median(secs))}, max ${fmt(Math.max(...secs))} over ${secs.length} runs — target ≤ ${TARGET_S[g]} s: ${ok ? 'met' : 'NOT met'}`);
  }
  if (wrong > 0) console.log(`${wrong} case(s) got a verdict other than the catalog's truth`);
  return missed > 0 || wrong > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`bench:diagnose: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
