// Browser tests: Debian's Chromium (Playwright's own browsers cannot be downloaded on our machines)
// driving the real renderer against the real engine under `port-doctor serve`.
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

const chromium = process.env.PD_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  // A missing browser is a failure, never a silent skip: the e2e suite is how the UI is verified.
  throw new Error(`Chromium not found at ${chromium}: install Debian's chromium (apt-get install chromium) or set PD_CHROMIUM`);
}

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: './test-results',
  // One engine and one browser at a time: the lab specs own namespaces and 2 cores are shared.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: './.report/results.json' }]],
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    },
  },
});
