// Launcher for lab-up.ts: bundles it with esbuild into dist/lab/ and runs it as root (`node e2e/lab/up.mjs <scenario>`).
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const labDir = dirname(fileURLToPath(import.meta.url));
const outfile = join(labDir, '..', '..', 'dist', 'lab', 'lab-up.mjs');

await build({ entryPoints: [join(labDir, 'lab-up.ts')], outfile, bundle: true, platform: 'node', target: 'node20', format: 'esm', logLevel: 'warning' });
// PD_LAB_DIR: the bundle lives in dist/, but the stand-in server and prober scripts stay here.
const child = spawn(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, PD_LAB_DIR: labDir } });
// The child gets Ctrl-C from the terminal itself; this launcher only waits and passes the exit code on.
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
