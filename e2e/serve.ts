// Starts the real engine (`port-doctor serve`) for a spec and hands back the URL it printed.
// Needs `npm run build` first (dist/cli and dist/renderer).
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readInstance } from '../electron/serve/instance-file';
import { launchUrl, mintLaunchToken } from '../electron/serve/launch';

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
  /** A fresh single-use launch link on every read (links work once, like the ones users get). */
  readonly url: string;
  /** The address without any secret: what a user who lost the link would type. */
  readonly origin: string;
  readonly port: number;
  /** The per-user state folder this engine wrote its instance file to (a temp folder per spec). */
  readonly stateDir: string;
  /** The engine's output so far (for assertions on what it prints, e.g. never the token twice). */
  output: () => string;
  stop: () => Promise<void>;
}

export async function startServe(extraArgs: readonly string[] = []): Promise<Served> {
  assertBuilt();
  // Each engine gets its own state folder, so specs never find each other's instance (or a developer's).
  const stateDir = tempStateDir();
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'bin/port-doctor.cjs'), 'serve', '--port', '0', '--no-open', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // PD_CHECK_RESPONSES: every answer and event the UI gets is checked against its schema first.
    env: { ...process.env, PD_STATE_DIR: stateDir, PD_CHECK_RESPONSES: '1' },
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
  const links = await launchLinks(stateDir, url);
  return {
    get url() {
      return links.url;
    },
    origin: links.origin,
    port: links.port,
    stateDir,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(stateDir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
      }),
  };
}

export interface LaunchLinks {
  /** A fresh single-use launch link on every read. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
}

/** Mints links for the engine whose instance file is in `stateDir` (the way a second `npm start` does). */
export async function launchLinks(stateDir: string, printed: string): Promise<LaunchLinks> {
  const record = await readInstance(stateDir);
  if (!record) throw new Error(`serve printed ${printed} but wrote no instance file to ${stateDir}`);
  return {
    get url() {
      return launchUrl(record.port, mintLaunchToken(record.launchKey));
    },
    origin: `http://127.0.0.1:${record.port}`,
    port: record.port,
  };
}

/**
 * A Chromium launcher that starts the browser inside a lab namespace, so pages see the lab's
 * network (its routers, its NAT) as a browser on that host would. The caller removes the file.
 */
export function chromiumInNamespace(namespace: string): string {
  const file = path.join(os.tmpdir(), `${namespace}-chromium.sh`);
  writeFileSync(file, `#!/bin/sh\nexec ip netns exec ${namespace} ${CHROMIUM} "$@"\n`);
  chmodSync(file, 0o755);
  return file;
}

/** A private state folder for one engine started by a spec (removed by the caller). */
export function tempStateDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'pd-e2e-state-'));
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
