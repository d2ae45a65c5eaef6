// Entry for `npm run bench:probe`: compiles bench/probe.ts with esbuild on the fly, runs it.
import { build } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outfile = path.join(root, 'dist/bench/probe.mjs');
await build({ entryPoints: [path.join(root, 'bench/probe.ts')], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
process.chdir(root);
await import(pathToFileURL(outfile).href);
