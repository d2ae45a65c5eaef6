// The worker threads' entry files, and how they are bundled: one CommonJS file per worker, which
// imports what it needs like any module (no source text run with `eval`). scripts/build.mjs puts
// them beside the bundles that start them; the Vitest setup bundles them for tests run from source.
import { build } from 'esbuild';
import path from 'node:path';

/** entry → the bundled file's name, which the starting code looks for. */
export const WORKERS = [
  { entry: 'electron/services/listeners/linux/engine-worker.ts', file: 'listeners-worker.cjs' },
  // Started with `new Worker(workerFile('probe-shard'))` (electron/services/worker-file.ts).
  { entry: 'electron/services/probe/shard.worker.ts', file: 'probe-shard.worker.cjs' },
  // Started by electron/services/network/mac-vendor-client.ts; carries the IEEE registry (oui-data).
  { entry: 'electron/services/network/mac-vendor.worker.ts', file: 'mac-vendor.worker.cjs' },
];

/** Bundles every worker into `outdir`; `options` are esbuild options shared with the caller's build. */
export async function buildWorkers(root, outdir, options = {}) {
  for (const w of WORKERS) {
    await build({
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'warning',
      ...options,
      absWorkingDir: root,
      entryPoints: [w.entry],
      outfile: path.join(outdir, w.file),
    });
  }
}
