// `npm start`: the desktop app when the Electron runtime is installed; otherwise the same UI and
// engine in the browser through `port-doctor serve`, so a machine without Electron still gets the app.
//
// Electron's npm package fetches its runtime from the internet on first use. A network diagnosis
// tool should not make surprise connections (and our build machines have no route out), so the
// download happens only when asked for: `npm start -- --download-electron`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronPkg = path.join(root, 'node_modules/electron');
const argv = process.argv.slice(2);
const download = argv.includes('--download-electron');
const passOn = argv.filter((a) => a !== '--download-electron');

/** The Electron executable, or null when the runtime is not on disk. */
function electronBinary() {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = path.join(electronPkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (override) {
    const bin = path.join(override, relative ?? 'electron');
    return existsSync(bin) ? bin : null;
  }
  if (!relative) return null;
  const bin = path.join(electronPkg, 'dist', relative);
  return existsSync(bin) ? bin : null;
}

function ensureBuilt() {
  const outputs = ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/cli/port-doctor.cjs', 'dist/renderer/index.html'];
  if (outputs.every((f) => existsSync(path.join(root, f)))) return;
  const built = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (built.status !== 0) {
    console.error('Port Doctor could not be built; see the errors above.');
    process.exit(built.status ?? 1);
  }
}

/** Runs a child in the foreground: Ctrl+C reaches it, and its exit code becomes ours. */
function foreground(cmd, args) {
  // A development run: the engine checks each handler's answer against its schema (dispatch.ts).
  const child = spawn(cmd, args, { stdio: 'inherit', cwd: root, env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'development' } });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

ensureBuilt();

let electron = electronBinary();
if (!electron && download && existsSync(path.join(electronPkg, 'install.js'))) {
  console.log('Downloading the Electron runtime (electron package install script)…');
  spawnSync(process.execPath, [path.join(electronPkg, 'install.js')], { stdio: 'inherit', timeout: 300_000 });
  electron = electronBinary();
}

if (electron) {
  foreground(electron, [root, ...passOn]);
} else {
  console.log(
    download
      ? 'The Electron runtime could not be downloaded, so Port Doctor opens in your browser instead (same engine, same pages).'
      : 'The Electron runtime is not installed (run `npm start -- --download-electron` to fetch it), so Port Doctor opens in your browser instead (same engine, same pages).',
  );
  foreground(process.execPath, [path.join(root, 'bin/port-doctor.cjs'), 'serve', ...passOn]);
}
