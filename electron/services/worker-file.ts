// Where a worker thread's entry file is. scripts/build.mjs bundles each worker (scripts/workers.mjs)
// beside every Node bundle that starts one, so `__dirname` finds it in the CLI, `serve` and the
// packaged app alike (Electron reads workers from inside app.asar since v18). Under Vitest the code
// runs from source, so the test setup bundles the same entries into a folder it names here.
import path from 'node:path';

declare const __PD_WORKER_DIR__: string | undefined;

export function workerFile(name: string): string {
  const dir = typeof __PD_WORKER_DIR__ === 'string' ? __PD_WORKER_DIR__ : __dirname;
  return path.join(dir, `${name}.worker.cjs`);
}
