// The wizard without a companion, end to end in the lab: the router forwards Minecraft's port to the
// pc where the server runs, but no companion is configured, so the automatic diagnosis cannot test
// from the internet and says so. The wizard offers the phone link / friend code right there,
// pre-filled with the port; a friend on the lab's internet opens the public link with curl; the
// arrival is evidence and the verdict becomes "friends can join". Only lab hosts are asked (the
// lab companion serves STUN only, never a public server).
import { rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startCompanionIn } from '../companion/lab/lab-helpers';
import { assertBuilt, CHROMIUM_ARGS, ROOT, screenshot, SERVE_START_MS, SERVE_URL, launchLinks, tempStateDir, type LaunchLinks, chromiumInNamespace } from './serve';
import { labSupport, RUN_PREFIX, teardownAll, type NsProcess } from './lab/ns-core';
import { DC, ISP } from './lab/scenario';
import { buildTopology, type Lab } from './lab/topology';

const TAG = 'wizout';
const support = labSupport();
if (!support.ok && process.env.PD_REQUIRE_LAB === '1') throw new Error(`PD_REQUIRE_LAB=1 but the network lab cannot run: ${support.reason}`);
test.skip(!support.ok, `needs the network lab: ${support.ok ? '' : support.reason}`);

const WRAPPER = chromiumInNamespace(`${RUN_PREFIX}-${TAG}-pc`);
test.use({ launchOptions: { executablePath: WRAPPER, args: CHROMIUM_ARGS } });

let lab: Lab;
let serve: NsProcess;
let links: LaunchLinks;
let stateDir = '';

test.beforeAll(async () => {
  test.setTimeout(120_000);
  assertBuilt();
  lab = await buildTopology({ forwards: [{ proto: 'tcp', port: 25565 }] }, { tag: TAG });
  // The "game": like a real one it keeps a connection open waiting for its own protocol (the lab's
  // stand-in answers and closes at once, which with curl's unread request is a reset that can come
  // and go between two reads of the socket table).
  const game = lab.host('pc').ns.spawn([process.execPath, '-e', "require('net').createServer((s) => { s.on('error', () => s.destroy()); s.resume(); }).listen(25565, '0.0.0.0', () => console.log('ready'))"]);
  await game.waitForLine(/^ready$/, 20_000);
  // The lab companion only as a STUN server: no PD_COMPANION_URL, so the diagnosis has no companion.
  await startCompanionIn(lab.host('companion').ns, ['--allow-targets', '198.51.100.0/24', '203.0.113.0/24']);
  serve = lab.host('pc').ns.spawn([process.execPath, path.join(ROOT, 'bin/port-doctor.cjs'), 'serve', '--port', '0', '--no-open'], {
    env: { ...process.env, PD_STATE_DIR: (stateDir = tempStateDir()), PD_COMPANION_URL: '', PD_STUN_SERVERS: `${DC.companion}:3478,${DC.companion}:3479` },
  });
  links = await launchLinks(stateDir, (await serve.waitForLine(SERVE_URL, SERVE_START_MS))[1] ?? '');
});

test.afterAll(async () => {
  await teardownAll();
  rmSync(WRAPPER, { force: true });
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

test('no companion: the wizard offers the phone/friend link for the port; the friend opens it and the verdict becomes "friends can join"', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const shot = (name: string) => screenshot(page, (n) => testInfo.outputPath(n), name);
  await page.goto(links.url);
  await page.getByLabel('Which game are you hosting?').fill('minecraft java');
  await page.locator('[data-preset="minecraft-java"]').click();
  await page.getByRole('button', { name: 'Check', exact: true }).click();

  const verdict = page.locator('.wz-verdict');
  await expect(verdict).toHaveAttribute('data-cause', 'unknown', { timeout: 30_000 });
  await expect(verdict.getByRole('heading', { level: 2 })).toHaveText('We could not test from the internet, so we cannot tell yet.');
  await expect(page.locator('[data-step="outside"]')).toHaveAttribute('data-state', 'skipped');
  // The offer sits where the outside check would have been, pre-filled with the diagnosis's port.
  const offer = page.getByTestId('wz-outside-test');
  await expect(offer).toBeVisible();
  await expect(offer.getByTestId('outside-port')).toHaveValue('25565');
  await expect(offer.getByTestId('outside-tcp')).toBeChecked();
  await shot('wizard-outside-offer');

  await offer.getByTestId('outside-start').click();
  const ready = offer.getByTestId('outside-ready');
  // The game holds the port: the link reaches the game, and the friend's connection is seen in the socket table.
  await expect(ready).toHaveAttribute('data-mode', 'port-held', { timeout: 20_000 });
  const link = (await offer.getByTestId('outside-public').textContent()) ?? '';
  expect(link).toMatch(new RegExp(`^http://${ISP.routerWan.replaceAll('.', '\\.')}:25565/`));
  await ready.scrollIntoViewIfNeeded();
  await shot('wizard-outside-listening');

  // The friend, on the lab's internet behind its own NAT, opens the link. The game holds it without a
  // web page (curl gives up after 3 s), so curl's own outcome proves nothing; the host's arrival does.
  await lab.host('friend').ns.exec(['curl', '-sS', '--http1.1', '--max-time', '3', link], { allowFailure: true, timeoutMs: 15_000 });
  await expect(offer.locator('[data-testid="outside-arrival"][data-path="internet"]')).toHaveCount(1, { timeout: 20_000 });
  await expect(verdict).toHaveAttribute('data-cause', 'reachable', { timeout: 20_000 });
  await expect(verdict.getByRole('heading', { level: 2 })).toHaveText(`Friends can reach TCP 25565 at ${ISP.routerWan}.`);
  await expect(page.locator('.wz-friends')).toContainText(`Friends connect to ${ISP.routerWan}:25565`);
  await expect(page.locator('[data-step="outside"]')).toHaveAttribute('data-state', 'done');
  await expect(page.locator('[data-step="outside"] .wz-step-note')).toHaveText('your test link for TCP 25565 reached this computer from the internet');
  await offer.getByTestId('outside-cancel').click();
  await expect(offer.getByTestId('outside-ended')).toBeVisible({ timeout: 20_000 });
  await expect(verdict).toHaveAttribute('data-cause', 'reachable');
  // The page scrolls inside its own box: bring the new verdict and the arrival into the picture.
  await offer.getByTestId('outside-arrivals').scrollIntoViewIfNeeded();
  await shot('wizard-outside-reachable');
});
