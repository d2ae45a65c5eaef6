// Runs inside the benchmark's pc namespace: runs `port-doctor diagnose --json` back to back and times
// each whole process (start to exit), as a user's one command would take. Prints one JSON line: per
// run the seconds, the verdict, the pipeline's own duration and each checklist step's duration.
// Runs as on a user's machine: NODE_EXTRA_CA_CERTS unset (this build environment sets an extra CA
// bundle, whose parsing costs Node ~45 ms at every start).
// usage: node diagnose-timer.mjs <runs> '<json argv of the CLI command>' [gap ms between runs]
import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

const runs = Number(process.argv[2]);
const argv = JSON.parse(process.argv[3]);
const gapMs = Number(process.argv[4] ?? 0);
const env = { ...process.env };
delete env.NODE_EXTRA_CA_CERTS;
/** A diagnosis has a 20 s budget; a run past a minute is wedged, not slow. */
const RUN_TIMEOUT_MS = 60_000;

const out = [];
for (let r = 0; r < runs; r++) {
  if (r > 0 && gapMs > 0) await sleep(gapMs);
  const t0 = process.hrtime.bigint();
  const res = spawnSync(argv[0], argv.slice(1), { env, encoding: 'utf8', timeout: RUN_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  let doc;
  try {
    doc = JSON.parse(res.stdout);
  } catch {
    throw new Error(`${argv.join(' ')} exited ${res.status} without a JSON document: ${res.stderr || res.stdout}`);
  }
  out.push({
    seconds,
    verdict: doc.verdict.cause,
    pipelineMs: doc.evidence.durationMs,
    steps: Object.fromEntries(doc.evidence.steps.map((s) => [s.id, { ms: s.durationMs, state: s.state }])),
  });
}
process.stdout.write(`${JSON.stringify(out)}\n`);
