// `npm test`: everything that proves Port Doctor works, in order, with one total at the end.
//   build → typecheck → lint → unit tests → lab tests (network namespaces) → browser tests.
// Every step runs even after a failure (one run shows every problem); the exit code is non-zero
// if anything failed. The last line is `N passed, N failed`, the test runners' own totals, with a
// failed build/typecheck/lint step counted as a failure so the line can never read clean by omission.
//
// PD_REQUIRE_LAB=1 (set by .ci/run) turns a missing lab capability (root, ip, nft) into a failure
// instead of a skip, and makes any skipped test a failure: in CI nothing may hide behind a skip.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reports = path.join(root, 'e2e/.report');
const strict = process.env.PD_REQUIRE_LAB === '1';
const bin = (name) => path.join(root, 'node_modules/.bin', name);

rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];

function step(title, cmd, args) {
  console.log(`\n── ${title} ──`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  const ok = r.status === 0;
  console.log(`── ${title}: ${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${secs} s ──`);
  if (!ok) problems.push(title);
  return ok;
}

/** A check that is not a test runner (build, typecheck, lint): one failure if it fails. */
function check(title, cmd, args) {
  if (!step(title, cmd, args)) totals.failed += 1;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Vitest's JSON report → totals; a run that wrote no report counts as one failure. */
function vitest(title, project) {
  const out = path.join(reports, `vitest-${project}.json`);
  const ran = step(title, bin('vitest'), ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  const report = readJson(out);
  if (!report) {
    totals.failed += 1;
    problems.push(`${title}: no report`);
    return;
  }
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
  // Failures outside any test (a file that does not load, an unhandled error) have no test count.
  if (!ran && report.numFailedTests === 0) totals.failed += 1;
}

/** Playwright's JSON report (configured in e2e/playwright.config.ts) → totals. */
function playwright(title) {
  const out = path.join(reports, 'results.json');
  const ran = step(title, bin('playwright'), ['test', '-c', 'e2e/playwright.config.ts']);
  const report = existsSync(out) ? readJson(out) : null;
  if (!report?.stats) {
    totals.failed += 1;
    problems.push(`${title}: no report`);
    return;
  }
  const { expected, unexpected, flaky, skipped } = report.stats;
  totals.passed += expected;
  totals.failed += unexpected + flaky;
  totals.skipped += skipped;
  if (!ran && unexpected + flaky === 0) totals.failed += 1;
}

check('build', process.execPath, ['scripts/build.mjs']);
check('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
check('typecheck (renderer)', bin('tsc'), ['-p', 'tsconfig.web.json', '--noEmit']);
check('typecheck (shared)', bin('tsc'), ['-p', 'tsconfig.shared.json', '--noEmit']);
check('lint', bin('eslint'), ['.']);
vitest('unit tests', 'unit');
vitest('lab tests (network namespaces)', 'lab');
playwright('browser tests (Chromium)');

if (strict && totals.skipped > 0) {
  problems.push(`${totals.skipped} skipped test(s) under PD_REQUIRE_LAB=1`);
  totals.failed += totals.skipped;
}

console.log('');
if (problems.length) console.log(`Failed: ${problems.join('; ')}`);
if (totals.skipped) console.log(`${totals.skipped} skipped`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 && problems.length === 0 ? 0 : 1);
