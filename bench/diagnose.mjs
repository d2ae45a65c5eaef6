// Entry for `npm run bench:diagnose`: compiles bench/diagnose.ts with esbuild on the fly, runs it.
import { build } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outfile = path.join(root, 'dist/bench/diagnose.mjs');
await build({ entryPoints: [path.join(root, 'bench/diagnose.ts')], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
process.chdir(root);
// The bundle lives in dist/; the lab's stand-in server and prober scripts stay in e2e/lab/.
process.env.PD_LAB_DIR = path.join(root, 'e2e/lab');
await import(pathToFileURL(outfile).href);
