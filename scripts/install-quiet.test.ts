// What a quiet `npm ci` (loglevel=error in .npmrc, issue 16 item 4) no longer warns about is held
// here instead: every dependency with install scripts has a decision in package.json's
// allowScripts, and the only packages whose engines refuse Node 20.19 (the CLI's floor) are the
// Electron tooling the README names, all fine on Node 22.12.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (f: string) => readFileSync(path.join(root, f), 'utf8');
const pkg = JSON.parse(read('package.json')) as { engines: { node: string }; allowScripts?: Record<string, boolean> };
const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { version?: string; engines?: { node?: string } | string[]; hasInstallScript?: boolean }> };
// npm's own range reader (a dependency of npm and of our tooling), not a copy of its rules.
const semver = createRequire(import.meta.url)('semver') as { satisfies(v: string, range: string): boolean; minVersion(range: string): { version: string } };

const CLI_FLOOR = semver.minVersion(pkg.engines.node).version;
// Electron's tooling wants 22.12; ESLint 10 wants ^20.19 || ^22.13 || >=24.
const DEV_FLOORS = ['22.13.0', '24.0.0'];

function nameOf(key: string): string {
  return key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

function refusing(version: string): string[] {
  const out = new Set<string>();
  for (const [key, p] of Object.entries(lock.packages)) {
    if (key === '' || !p.engines || Array.isArray(p.engines) || !p.engines.node) continue;
    if (!semver.satisfies(version, p.engines.node)) out.add(nameOf(key));
  }
  return [...out].sort();
}

describe('a quiet npm ci', () => {
  it('every dependency with install scripts is approved or denied in allowScripts', () => {
    const withScripts = Object.entries(lock.packages).filter(([key, p]) => key !== '' && p.hasInstallScript).map(([key]) => nameOf(key));
    expect(withScripts.length).toBeGreaterThan(0);
    const decided = Object.keys(pkg.allowScripts ?? {}).map((k) => k.replace(/(?<=.)@[^@/]+$/, ''));
    for (const name of withScripts) expect(decided, `${name} has install scripts but no allowScripts decision`).toContain(name);
  });

  it.each(DEV_FLOORS)('on Node %s no package\'s engines refuse the install', (version) => {
    expect(refusing(version)).toEqual([]);
  });

  it(`on Node ${CLI_FLOOR} only the Electron tooling the README names refuses, and nothing the CLI bundles`, () => {
    const line = /Electron tooling that wants Node ≥ 22\.12 \(needed only to run or pack the desktop app\): ([^.]+)\./.exec(read('README.md').replace(/\s+/g, ' '))?.[1];
    expect(line, 'README names the packages').toBeDefined();
    const named = (line ?? '').split(', ').map((s) => s.replace(/`/g, '')).sort();
    expect(refusing(CLI_FLOOR)).toEqual(named);
  });
});
