// Test from outside on a port a program already holds, when this computer's connection table cannot
// be read: the real engine runs with a /proc whose net/tcp is not the kernel's (a tmpfs over /proc in
// a private mount namespace, as root), so the real Linux reader fails on real input. The panel must
// say it cannot watch, and why, and end at once. The held port and a silent STUN socket are opened
// by this spec on loopback, so nothing leaves this computer.
import dgram from 'node:dgram';
import net from 'node:net';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { assertBuilt, CHROMIUM, CHROMIUM_ARGS, launchLinks, ROOT, screenshot, SERVE_START_MS, SERVE_URL, tempStateDir, type LaunchLinks } from './serve';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
test.skip(!isRoot, 'needs root to mount a private /proc (CI runs as root)');
test.use({ launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS } });

/** Replaces /proc in a new mount namespace with a tmpfs whose net/tcp is not a kernel table, then runs the engine. */
const BROKEN_PROC = 'mount -t tmpfs none /proc && mkdir -p /proc/net && printf "not a kernel table\\n" > /proc/net/tcp && exec "$0" "$@"';

let engine: ChildProcess;
let links: LaunchLinks;
let held: net.Server;
let silentStun: dgram.Socket;
const stateDir = tempStateDir();

test.beforeAll(async () => {
  assertBuilt();
  held = net.createServer((s) => s.destroy());
  await new Promise<void>((r) => held.listen(0, '127.0.0.1', r));
  silentStun = dgram.createSocket('udp4');
  await new Promise<void>((r) => silentStun.bind(0, '127.0.0.1', r));
  engine = spawn('unshare', ['-m', 'sh', '-c', BROKEN_PROC, process.execPath, path.join(ROOT, 'bin/port-doctor.cjs'), 'serve', '--port', '0', '--no-open'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PD_STATE_DIR: stateDir, PD_CHECK_RESPONSES: '1', PD_STUN_SERVERS: `127.0.0.1:${silentStun.address().port}` },
  });
  let out = '';
  engine.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
  const printed = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL within ${SERVE_START_MS} ms: ${out}`)), SERVE_START_MS);
    engine.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = SERVE_URL.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    engine.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
  links = await launchLinks(stateDir, printed);
});

test.afterAll(async () => {
  if (engine && engine.exitCode === null) {
    await new Promise((r) => {
      engine.once('exit', r);
      engine.kill('SIGTERM');
    });
  }
  held?.close();
  silentStun?.close();
  rmSync(stateDir, { recursive: true, force: true });
});

test('a held TCP port whose connection table cannot be read: the panel says it cannot watch, why, and ends', async ({ page }, testInfo) => {
  const port = (held.address() as net.AddressInfo).port;
  await page.goto(`${links.url}#/outside`);
  await page.getByTestId('outside-port').fill(String(port));
  await page.getByTestId('outside-start').click();
  const ready = page.getByTestId('outside-ready');
  await expect(ready).toHaveAttribute('data-mode', 'port-held', { timeout: 20_000 });
  await expect(page.locator('[data-testid=outside-note][data-note=tcp-held-unwatched]')).toContainText('could not read this system\'s connection table');
  await expect(page.getByTestId('outside-watch-error')).toHaveText('(/proc/net/tcp is not a socket table: /proc/net format: missing-header at line 1: first line is not the "sl" header)');
  await expect(page.getByTestId('outside-ended')).toHaveText('The test ended at once: nothing could be watched on this port.');
  // Nothing can see a visit, so no link, QR code or friend code invites one.
  await expect(page.getByTestId('outside-lan')).toHaveCount(0);
  await expect(page.getByTestId('outside-qr')).toHaveCount(0);
  await expect(page.getByTestId('outside-arrivals')).toHaveCount(0);
  await screenshot(page, (n) => testInfo.outputPath(n), 'outside-unwatched');
});
