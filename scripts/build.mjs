// Builds every runtime: Node bundles with esbuild (main, preload, CLI, companion) and the renderer with Vite.
// Why not electron-vite: the CLI and the companion must build and run under plain Node with no
// Electron present, so one esbuild pass covers all Node entries alike; Vite stays for the renderer.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

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

const nodeEntries = [
  { name: 'main', entry: 'electron/main.ts', out: 'dist/electron/main.cjs', external: ['electron'] },
  // One CommonJS file so the preload runs with sandbox: true (sandboxed preloads cannot require files).
  { name: 'preload', entry: 'electron/preload.ts', out: 'dist/electron/preload.cjs', external: ['electron'], platform: 'browser' },
  { name: 'cli', entry: 'electron/cli/entry.ts', out: 'dist/cli/port-doctor.cjs', external: [] },
  { name: 'companion', entry: 'companion/main.ts', out: 'dist/companion/companion.cjs', external: [] },
];

for (const e of nodeEntries) {
  if (!want(e.name) || !existsSync(path.join(root, e.entry))) continue;
  await esbuild({
    ...common,
    entryPoints: [e.entry],
    outfile: e.out,
    external: e.external,
    ...(e.platform ? { platform: e.platform } : {}),
  });
}

if (want('renderer')) {
  rmSync(path.join(root, 'dist/renderer'), { recursive: true, force: true });
  await viteBuild({ configFile: path.join(root, 'renderer/vite.config.ts'), logLevel: 'warn' });
  // The one source image in assets/ is also the page's icon.
  copyFileSync(path.join(root, 'assets/icon.svg'), path.join(root, 'dist/renderer/icon.svg'));
}
