// Two projects: fast unit/integration tests, and lab tests (*.lab.test.ts: network namespaces, root).
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { TEST_WORKER_DIR } from './scripts/vitest-workers.setup';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
// A fresh object per use: Vitest deletes the keys it moves to globalThis from the object it is
// given, so one shared object left the project with no defines (APP_VERSION read 0.0.0-dev).
const define = () => ({ __PD_VERSION__: JSON.stringify(pkg.version), __PD_WORKER_DIR__: JSON.stringify(TEST_WORKER_DIR) });
/** Bundles the worker threads' entry files, which tests start from source otherwise. */
const WORKER_SETUP = 'scripts/vitest-workers.setup.ts';
const roots = '{shared,electron,renderer,companion,scripts,e2e}';

export default defineConfig({
  define: define(),
  test: {
    projects: [
      {
        define: define(),
        test: {
          name: 'unit',
          globalSetup: [WORKER_SETUP],
          include: [`${roots}/**/*.test.{ts,tsx}`],
          exclude: ['**/*.lab.test.ts', '**/node_modules/**', 'e2e/*.spec.ts'],
          testTimeout: 20_000,
        },
      },
      {
        define: define(),
        test: {
          name: 'lab',
          globalSetup: [WORKER_SETUP],
          include: [`${roots}/**/*.lab.test.ts`],
          // Lab scenarios build kernels' worth of namespaces; running two at once on 2 cores only
          // makes both slower and muddies timing-sensitive verdicts (filtered vs open).
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
