// Network page end to end, in the lab: a home behind carrier-grade NAT whose router answers NAT-PMP,
// the real companion (whoami + STUN) on the lab's internet, and the real engine and browser both on
// the pc. The picture must show computer → router → carrier NAT → internet with the lab's addresses,
// and the firewall answer must match the pc's nftables rules. Nothing leaves the lab: the companion
// and STUN servers are the lab's, and the gateway NAT-PMP asks is the lab router.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startCompanionIn } from '../companion/lab/lab-helpers';
import { assertBuilt, CHROMIUM_ARGS, ROOT, screenshot, SERVE_START_MS, SERVE_URL, launchLinks, tempStateDir, type LaunchLinks, chromiumInNamespace } from './serve';
import { labSupport, RUN_PREFIX, teardownAll, type NsProcess } from './lab/ns-core';
import { CGNAT, DC, ISP, LAN } from './lab/scenario';
import { buildTopology, type Lab } from './lab/topology';

const TAG = 'net-e2e';
/** A Raspberry Pi's prefix, B827EB in oui-data's index.json (read by hand); the lab's own MACs are random. */
const PI_MAC = 'b8:27:eb:4c:61:62';
const PI = 'Raspberry Pi Foundation';
/** One TCP connect to a closed port: done when the refusal is back, so both neighbour tables hold each other. */
const KNOCK = "require('node:net').connect(9, process.argv[1]).on('error', () => process.exit(0)).on('connect', () => process.exit(0))";
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
  lab = await buildTopology({ upstream: 'cgnat', pcFirewall: [{ action: 'drop', proto: 'udp', port: 34197 }] }, { tag: TAG });
  await startCompanionIn(lab.host('companion').ns, []);
  // lan2 gets a Raspberry Pi's MAC and knocks on the pc once, so the pc's neighbour table holds it
  // beside the router, whose bridge keeps the kernel's random MAC (U/L bit set, like a phone's
  // private Wi-Fi address).
  await lab.host('lan2').ns.ip(['link', 'set', 'dev', 'eth0', 'address', PI_MAC]);
  await lab.host('lan2').ns.exec([process.execPath, '-e', KNOCK, LAN.pc]);
  const responder = lab.host('router').ns.spawn([process.execPath, path.join(ROOT, 'electron/services/network/lab/nat-pmp-responder.mjs'), LAN.router, CGNAT.routerWan]);
  await responder.waitForLine(/^ready$/, 20_000);
  serve = lab.host('pc').ns.spawn([process.execPath, path.join(ROOT, 'bin/port-doctor.cjs'), 'serve', '--port', '0', '--no-open'], {
    env: { ...process.env, PD_STATE_DIR: (stateDir = tempStateDir()), PD_COMPANION_URL: `http://${DC.companion}:8080`, PD_STUN_SERVERS: `${DC.companion}:3478,${DC.companion}:3479` },
  });
  // Launch links work once: every test mints its own, as a second `npm start` would.
  links = await launchLinks(stateDir, (await serve.waitForLine(SERVE_URL, SERVE_START_MS))[1] ?? '');
});

test.afterAll(async () => {
  await teardownAll();
  rmSync(WRAPPER, { force: true });
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

test('draws the path out behind carrier-grade NAT, with addresses and meaning', async ({ page }, testInfo) => {
  await page.goto(`${links.url}#/network`);
  await page.getByTestId('net-run').click();
  const picture = page.getByTestId('net-picture');
  await expect(picture).toBeVisible({ timeout: 30_000 });
  await expect(picture.locator('[data-box]')).toHaveCount(4);
  expect(await Promise.all((await picture.locator('[data-box]').all()).map((b) => b.getAttribute('data-box')))).toEqual(['computer', 'router', 'second-nat', 'internet']);
  await expect(picture.locator('[data-box="computer"]')).toContainText(`${LAN.pc}/24 on eth0`);
  await expect(picture.locator('[data-box="router"]')).toContainText(`LAN side: ${LAN.router}`);
  await expect(picture.locator('[data-box="router"]')).toContainText(`Internet side: ${CGNAT.routerWan}`);
  await expect(picture.locator('[data-box="second-nat"]')).toContainText('Carrier-grade NAT (your provider)');
  await expect(picture.locator('[data-box="second-nat"]')).toContainText(`Seen on the way out: ${CGNAT.gateway}`);
  await expect(picture.locator('[data-box="internet"]')).toContainText(`Your public address: ${ISP.upstreamWan}`);
  const verdict = page.getByTestId('net-verdict');
  await expect(verdict).toHaveAttribute('data-kind', 'cgnat');
  await expect(verdict).toContainText(`Your router's internet-side address is ${CGNAT.routerWan}, inside the range ISPs use for carrier-grade NAT`);
  await screenshot(page, (n) => testInfo.outputPath(n), 'network-cgnat');

  // Devices on this network: lan2 by its maker, the router by what its made-up MAC is.
  const devices = page.getByTestId('net-devices');
  const lan2Row = devices.locator('tr', { hasText: LAN.lan2 });
  await expect(lan2Row).toContainText(PI_MAC);
  await expect(lan2Row).toContainText(PI);
  await expect(lan2Row).toHaveAttribute('data-mac-kind', 'universal');
  const routerRow = devices.locator('tr', { hasText: `${LAN.router} (router)` });
  await expect(routerRow).toContainText('private (randomized) address');
  await expect(routerRow).toHaveAttribute('data-mac-kind', 'local');
  await expect(page.getByTestId('net-interfaces').locator('tr', { hasText: 'eth0 (default route)' })).toContainText('private (randomized) address');
  await devices.scrollIntoViewIfNeeded();
  await devices.screenshot({ path: testInfo.outputPath('network-devices.png') });
  if (process.env.PD_SCREENSHOT_DIR) await devices.screenshot({ path: path.resolve(ROOT, process.env.PD_SCREENSHOT_DIR, 'network-devices.png') });

  // Export: the same facts as a report, the public address hidden, the CGNAT address kept (it is the proof).
  await page.getByTestId('net-export').click();
  const preview = page.getByTestId('report-text-preview');
  await expect(preview).toContainText('# Port Doctor report — Network');
  await expect(preview).toContainText(`${CGNAT.routerWan} (told by the router over NAT-PMP)`);
  await expect(preview).toContainText('Carrier-grade NAT');
  // MACs shrink to the maker's prefix; the maker's name stays.
  await expect(preview).toContainText(`MAC b8:27:eb:xx:xx:xx · ${PI} · on eth0`);
  expect(await preview.textContent()).not.toContain(PI_MAC);
  await expect(preview).toContainText(`| Device ${LAN.router} | MAC xx:xx:xx:xx:xx:xx · private (randomized) address · on eth0 |`);
  expect(await preview.textContent()).not.toContain(`| ${ISP.upstreamWan} `);
  await screenshot(page, (n) => testInfo.outputPath(n), 'network-export');
  await page.getByTestId('report-close').click();
});

test('answers the firewall question for a typed port, and explains a malformed one', async ({ page }, testInfo) => {
  await page.goto(`${links.url}#/network`);
  await page.getByTestId('fw-port').fill('70000');
  await page.getByTestId('fw-check').click();
  await expect(page.getByRole('alert')).toContainText('70000 is not a port');
  await page.getByTestId('fw-port').fill('34197/udp');
  await page.getByTestId('fw-check').click();
  const answer = page.getByTestId('fw-answer');
  await expect(answer).toHaveAttribute('data-verdict', 'blocks');
  await expect(answer).toContainText('drops new connections to 34197/udp');
  await expect(answer).toContainText('udp dport 34197 drop');
  await page.getByTestId('fw-port').fill('34197/tcp');
  await page.getByTestId('fw-check').click();
  await expect(answer).toHaveAttribute('data-verdict', 'allows');
  await page.getByTestId('fw-port').fill('34197/udp');
  await page.getByTestId('fw-check').click();
  await expect(answer).toHaveAttribute('data-verdict', 'blocks');
  await screenshot(page, (n) => testInfo.outputPath(n), 'network-firewall');
});
