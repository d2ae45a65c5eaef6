// Test from outside, end to end in the lab: the real engine (`port-doctor serve`) and a real browser
// run on the pc behind a home router; the lab companion answers STUN (never a public server); a
// friend on the internet and a phone on the LAN open the links with curl. The QR code is decoded
// from the screenshot and must equal the link. Needs `npm run build`, root, `ip` and `nft`.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { assertBuilt, CHROMIUM_ARGS, launchLinks, ROOT, screenshot, SERVE_START_MS, SERVE_URL, tempStateDir, type LaunchLinks, chromiumInNamespace } from './serve';
import { labSupport, RUN_PREFIX, teardownAll, type NsProcess } from './lab/ns-core';
import { DC, LAN } from './lab/scenario';
import { buildTopology, type Lab } from './lab/topology';

const TAG = 'oute2e';
const CLI = path.join(ROOT, 'bin/port-doctor.cjs');

const support = labSupport();
if (!support.ok && process.env.PD_REQUIRE_LAB === '1') throw new Error(`PD_REQUIRE_LAB=1 but the network lab cannot run: ${support.reason}`);
test.skip(!support.ok, `needs the network lab: ${support.ok ? '' : support.reason}`);

// The browser lives in the pc's namespace to reach the engine on its loopback (see port-check.spec.ts).
const WRAPPER = chromiumInNamespace(`${RUN_PREFIX}-${TAG}-pc`);
test.use({ launchOptions: { executablePath: WRAPPER, args: CHROMIUM_ARGS }, permissions: ['clipboard-read', 'clipboard-write'] });

let lab: Lab;
/** A fresh single-use launch link on every read of `links.url`. */
let links: LaunchLinks;
const stateDir = tempStateDir();
const children: NsProcess[] = [];

test.beforeAll(async () => {
  assertBuilt();
  lab = await buildTopology(
    { hairpin: true, forwards: [{ proto: 'tcp', port: 8080, to: 'pc' }, { proto: 'udp', port: 34197, to: 'lan2' }] },
    { tag: TAG },
  );
  const companion = lab.host('companion').ns.spawn([process.execPath, CLI, 'companion']);
  children.push(companion);
  await companion.waitForLine(/^Port Doctor companion listening/, 20_000);
  // The engine's STUN default is overridden: the lab companion, never a public server.
  // Its own state folder: the engine in the namespace must not find (or replace) anyone else's instance file.
  const serve = lab.host('pc').ns.spawn([process.execPath, CLI, 'serve', '--port', '0', '--no-open'], {
    env: { ...process.env, PD_STUN_SERVERS: `${DC.companion}:3478`, PD_STATE_DIR: stateDir },
  });
  children.push(serve);
  links = await launchLinks(stateDir, (await serve.waitForLine(SERVE_URL, SERVE_START_MS))[1] ?? '');
});

test.afterAll(async () => {
  for (const c of children) await c.stop();
  await teardownAll();
  rmSync(WRAPPER, { force: true });
  rmSync(stateDir, { recursive: true, force: true });
});

function decodeQr(png: Buffer): string | null {
  const img = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length), img.width, img.height)?.data ?? null;
}

async function curl(host: 'friend' | 'lan2', link: string): Promise<string> {
  return (await lab.host(host).ns.exec(['curl', '-sS', '--http1.1', '--max-time', '5', link], { allowFailure: true, timeoutMs: 15_000 })).stdout;
}

test('a phone on the LAN and a friend on the internet open the links; the QR code decodes to the public link', async ({ page }, testInfo) => {
  await page.goto(`${links.url}#/outside`);
  await page.getByTestId('outside-port').fill('8080');
  await page.getByTestId('outside-start').click();
  await expect(page.getByTestId('outside-ready')).toBeVisible();
  const publicLink = (await page.getByTestId('outside-public').textContent()) ?? '';
  const lanLink = (await page.getByTestId('outside-lan').textContent()) ?? '';
  expect(publicLink).toMatch(new RegExp(`^http://${lab.addr.publicIp.replaceAll('.', '\\.')}:8080/[A-Za-z0-9_-]{22}$`));
  expect(lanLink).toBe(publicLink.replace(lab.addr.publicIp, LAN.pc));
  await expect(page.getByTestId('outside-code')).toHaveText(/^PD-/);
  await expect(page.getByTestId('outside-countdown')).toHaveText(/^[23]:\d\d left$/);

  // What a phone's camera sees: the pixels on screen, decoded by an independent QR reader.
  const fromScreen = decodeQr(await page.getByTestId('outside-qr').screenshot());
  expect(fromScreen).toBe(publicLink);

  await page.getByTestId('outside-public-copy').click();
  expect(await page.evaluate('navigator.clipboard.readText()')).toBe(publicLink);

  expect(await curl('friend', publicLink)).toContain('Port Doctor test on port 8080');
  const internet = page.locator('[data-testid=outside-arrival][data-path=internet]');
  await expect(internet).toHaveCount(1);
  await expect(internet).toContainText(`A device at ${lab.addr.friendPublic} — outside your network — reached this computer`);
  expect(await curl('lan2', lanLink)).toContain('Port Doctor test on port 8080');
  await expect(page.locator('[data-testid=outside-arrival][data-path=lan]')).toContainText(`A device at ${LAN.lan2} — on your network`);
  // The public link opened from inside: the router loops it back (hairpin), and the panel says it proves nothing.
  expect(await curl('lan2', publicLink)).toContain('Port Doctor test on port 8080');
  const hairpin = page.locator('[data-testid=outside-arrival][data-path=hairpin]');
  await expect(hairpin).toContainText('NOT proof friends can connect');
  await screenshot(page, (n) => testInfo.outputPath(n), 'outside');
  // The full-page screenshot decodes to the same link (what the README shows).
  expect(decodeQr(readFileSync(testInfo.outputPath('outside.png')))).toBe(publicLink);

  await page.getByTestId('outside-cancel').click();
  await expect(page.getByTestId('outside-ended')).toHaveText('Test cancelled.');
  expect((await lab.host('pc').ns.exec(['ss', '-Htln', 'sport = :8080'])).stdout.trim()).toBe('');
});

test('a bad port is explained before anything starts', async ({ page }) => {
  await page.goto(`${links.url}#/outside`);
  await page.getByTestId('outside-port').fill('70000');
  await expect(page.getByTestId('outside-start')).toBeDisabled();
  await expect(page.getByText('A port is a whole number from 1 to 65535.')).toBeVisible();
});

test('Test a friend\'s server: the code from a running invite is acknowledged; a mistyped code is explained', async ({ page }, testInfo) => {
  const host = lab.host('lan2').ns.spawn([process.execPath, CLI, 'invite', '34197/udp', '--json', '--timeout', '60', '--stun', `${DC.companion}:3478`]);
  children.push(host);
  const ready = JSON.parse((await host.waitForLine(/^(\{"event":"ready".*)$/, 20_000))[1]!) as { code: string };
  await page.goto(`${links.url}#/friend`);
  const middle = Math.floor(ready.code.length / 2) + (ready.code[Math.floor(ready.code.length / 2)] === '-' ? 1 : 0);
  await page.getByTestId('friend-code').fill(`${ready.code.slice(0, middle)}${ready.code[middle] === 'A' ? 'B' : 'A'}${ready.code.slice(middle + 1)}`);
  await page.getByTestId('friend-start').click();
  await expect(page.getByRole('alert')).toContainText('mistyped');
  await page.getByTestId('friend-code').fill(ready.code);
  await page.getByTestId('friend-start').click();
  await expect(page.getByTestId('friend-result')).toHaveAttribute('data-outcome', 'acknowledged');
  await expect(page.getByTestId('friend-result')).toContainText(`Reached your friend's computer at ${lab.addr.publicIp}:34197 (UDP)`);
  await host.waitForLine(/"event":"arrival".*"path":"hairpin"/, 10_000);
  await screenshot(page, (n) => testInfo.outputPath(n), 'friend');
});
