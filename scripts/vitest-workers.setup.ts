// Vitest global setup: tests run the engine from source, but a worker thread needs a bundled entry
// file, so the workers are bundled once per run into the folder vitest.config.ts names.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWorkers } from './workers.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
/** Where tests' worker threads load from (defined as __PD_WORKER_DIR__ in vitest.config.ts). */
export const TEST_WORKER_DIR = path.join(root, 'dist/test-workers');

export default async function setup(): Promise<void> {
  await buildWorkers(root, TEST_WORKER_DIR);
}
