// A real `npm ci` of this repository on the machine's Node (CI: Node 20, the supported floor) is
// quiet (issue 16 item 4): no EBADENGINE, no allowScripts notice, no npm warning at all — while
// npm errors still print. Offline from npm's cache, which CI's own `npm ci` has just filled.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** A full install plus the postinstall build on a loaded 2-core machine. */
const NPM_CI_BUDGET_MS = 300_000;
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const work = mkdtempSync(path.join(tmpdir(), 'pd-npm-ci-'));
afterAll(() => rmSync(work, { recursive: true, force: true, maxRetries: 3 }), 60_000);

/** The environment of a user's shell: no npm_* settings inherited from the `npm test` that runs us. */
function userEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
}

function npm(args: string[]): SpawnSyncReturns<string> {
  return spawnSync(NPM, args, { cwd: work, env: userEnv(), encoding: 'utf8', timeout: NPM_CI_BUDGET_MS });
}

/** The files a fresh clone has (what git tracks), as they are in this working tree. */
function copyClone(): void {
  const files = spawnSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' });
  expect(files.status, files.stderr).toBe(0);
  for (const f of files.stdout.split('\0').filter(Boolean)) {
    if (!existsSync(path.join(root, f))) continue; // deleted in the working tree, not yet committed
    mkdirSync(path.dirname(path.join(work, f)), { recursive: true });
    cpSync(path.join(root, f), path.join(work, f));
  }
}

describe('npm ci on this Node', () => {
  it(`${process.version}: installs, builds and prints no warning`, () => {
    copyClone();
    const r = npm(['ci', '--offline']);
    const out = `${r.stdout}\n${r.stderr}`;
    expect(r.status, out).toBe(0);
    expect(out).not.toMatch(/EBADENGINE/);
    expect(out).not.toMatch(/allowScripts|allow-scripts/i);
    expect(out).not.toMatch(/npm warn/i);
    // The approved install script ran (esbuild's binary) and the postinstall build did.
    expect(spawnSync(path.join(work, 'node_modules/.bin/esbuild'), ['--version'], { encoding: 'utf8' }).status).toBe(0);
    expect(existsSync(path.join(work, 'dist/cli/port-doctor.cjs'))).toBe(true);
  }, NPM_CI_BUDGET_MS + 10_000);

  it('still prints npm errors', () => {
    const r = npm(['run', 'no-such-script']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/npm error Missing script: "no-such-script"/);
  });
});
