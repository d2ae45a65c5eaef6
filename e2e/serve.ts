// Starts the real engine (`port-doctor serve`) for a spec and hands back the URL it printed.
// Needs `npm run build` first (dist/cli and dist/renderer).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CHROMIUM = process.env.PD_CHROMIUM ?? '/usr/bin/chromium';
/** Flags for Chromium in a container as root, with nothing phoning home during tests. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];
/** The engine prints its URL within a second; a cold CI disk gets some slack. */
export const SERVE_START_MS = 15_000;
export const SERVE_URL = /(http:\/\/\S+)/;

export function assertBuilt(): void {
  for (const built of ['dist/cli/port-doctor.cjs', 'dist/renderer/index.html']) {
    if (!existsSync(path.join(ROOT, built))) throw new Error(`${built} is missing: run npm run build first`);
  }
}

export interface Served {
  url: string;
  /** The engine's output so far (for assertions on what it prints, e.g. never the token twice). */
  output: () => string;
  stop: () => Promise<void>;
}

export async function startServe(extraArgs: readonly string[] = []): Promise<Served> {
  assertBuilt();
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'bin/port-doctor.cjs'), 'serve', '--port', '0', '--no-open', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL within ${SERVE_START_MS} ms: ${out}`)), SERVE_START_MS);
    const look = () => {
      const m = SERVE_URL.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', look);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before printing its URL: ${out}`));
    });
  });
  return {
    url,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Saves a full-page screenshot with the test's output; with PD_SCREENSHOT_DIR set (as when the
 * README's pictures are refreshed) also there, so README images always come from a real run.
 */
export async function screenshot(page: import('@playwright/test').Page, outputPath: (name: string) => string, name: string): Promise<void> {
  await page.screenshot({ path: outputPath(`${name}.png`), fullPage: true });
  const dir = process.env.PD_SCREENSHOT_DIR;
  if (dir) await page.screenshot({ path: path.resolve(ROOT, dir, `${name}.png`), fullPage: true });
}
