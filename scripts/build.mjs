// Builds every runtime: Node bundles with esbuild (main, preload, CLI, companion) and the renderer with Vite.
// Why not electron-vite: the CLI and the companion must build and run under plain Node with no
// Electron present, so one esbuild pass covers all Node entries alike; Vite stays for the renderer.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { buildWorkers as buildWorkerFiles } from './workers.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const only = process.argv.slice(2);
const want = (name) => only.length === 0 || only.includes(name);

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  define: { __PD_VERSION__: JSON.stringify(pkg.version) },
  absWorkingDir: root,
};

/**
 * Worker threads are modules of their own, started with `new Worker(file)`: each (scripts/workers.mjs)
 * is bundled beside every bundle marked `workers` (the code finds it by `__dirname`).
 */

const nodeEntries = [
  { name: 'main', entry: 'electron/main.ts', out: 'dist/electron/main.cjs', external: ['electron'], workers: true },
  // One CommonJS file so the preload runs with sandbox: true (sandboxed preloads cannot require files).
  { name: 'preload', entry: 'electron/preload.ts', out: 'dist/electron/preload.cjs', external: ['electron'], platform: 'browser' },
  { name: 'cli', entry: 'electron/cli/entry.ts', out: 'dist/cli/port-doctor.cjs', external: [], split: true, workers: true },
  { name: 'companion', entry: 'companion/main.ts', out: 'dist/companion/companion.cjs', external: [] },
];

/**
 * A short CLI command should load only its own code (`port-doctor listeners` none of the probe
 * engine, web server or zod), so the CLI's dynamic imports become files of their own. esbuild splits
 * only ES modules, and Node 20's ESM loader costs about 10 ms more per run than CommonJS, so the
 * chunks are built as ESM and then rewritten in place to CommonJS (`import()` becomes `require`).
 * Chunks sit beside the entry so `__dirname` means the same in all of them.
 */
async function buildSplitCjs(e) {
  const outdir = path.dirname(e.out);
  rmSync(path.join(root, outdir), { recursive: true, force: true });
  const split = await esbuild({
    ...common,
    entryPoints: { [path.basename(e.out, '.cjs')]: e.entry },
    external: e.external,
    format: 'esm',
    splitting: true,
    outdir,
    outExtension: { '.js': '.cjs' },
    chunkNames: '[name]-[hash]',
    metafile: true,
  });
  await esbuild({
    ...common,
    bundle: false,
    entryPoints: Object.keys(split.metafile.outputs).filter((f) => f.endsWith('.cjs')),
    outdir,
    outbase: outdir,
    outExtension: { '.js': '.cjs' },
    allowOverwrite: true,
    supported: { 'dynamic-import': false },
  });
}

async function buildWorkers(e) {
  if (e.workers) await buildWorkerFiles(root, path.join(root, path.dirname(e.out)), { ...common, external: e.external });
}

for (const e of nodeEntries) {
  if (!want(e.name) || !existsSync(path.join(root, e.entry))) continue;
  if (e.split) {
    await buildSplitCjs(e);
    await buildWorkers(e);
    continue;
  }
  await esbuild({
    ...common,
    entryPoints: [e.entry],
    outfile: e.out,
    external: e.external,
    ...(e.platform ? { platform: e.platform } : {}),
  });
  await buildWorkers(e);
  // The main process sets the window icon from beside itself (generated from assets/icon.svg).
  if (e.name === 'main') copyFileSync(path.join(root, 'assets/icons/256x256.png'), path.join(root, 'dist/electron/icon.png'));
}

if (want('renderer')) {
  rmSync(path.join(root, 'dist/renderer'), { recursive: true, force: true });
  await viteBuild({ configFile: path.join(root, 'renderer/vite.config.ts'), logLevel: 'warn' });
  // The one source image in assets/ is also the page's icon.
  copyFileSync(path.join(root, 'assets/icon.svg'), path.join(root, 'dist/renderer/icon.svg'));
}
