// Port check page end to end, in the lab: the real engine (`port-doctor serve`) and a real browser
// both run inside a prober namespace; the target namespace has game stand-ins behind nftables.
// Needs `npm run build` first (dist/cli and dist/renderer), root, `ip` and `nft`.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { assertBuilt, CHROMIUM_ARGS, launchLinks, ROOT, screenshot, SERVE_START_MS, SERVE_URL, tempStateDir, type LaunchLinks, chromiumInNamespace } from './serve';
import { labSupport, RUN_PREFIX, teardownAll, type NsProcess } from './lab/ns-core';
import { buildPair, type LabPair } from './lab/lab-pair';

const PAIR_TAG = 'pc-e2e';

const support = labSupport();
if (!support.ok && process.env.PD_REQUIRE_LAB === '1') throw new Error(`PD_REQUIRE_LAB=1 but the network lab cannot run: ${support.reason}`);
test.skip(!support.ok, `needs the network lab: ${support.ok ? '' : support.reason}`);

// The browser must live in the prober namespace to reach the engine on that namespace's loopback:
// Playwright talks to it over a pipe, which `ip netns exec` (exec in place) keeps.
const WRAPPER = chromiumInNamespace(`${RUN_PREFIX}-${PAIR_TAG}-p`);
test.use({ launchOptions: { executablePath: WRAPPER, args: CHROMIUM_ARGS } });

let lab: LabPair;
let serve: NsProcess;
let links: LaunchLinks;
const stateDir = tempStateDir();

test.beforeAll(async () => {
  assertBuilt();
  lab = await buildPair(PAIR_TAG);
  await lab.target.nft(`
table inet pc_e2e {
  chain input {
    type filter hook input priority 0; policy accept;
    tcp dport 2002 drop
    tcp dport 2003 reject with tcp reset
    tcp dport 30000-39999 drop
  }
}
`);
  const servers = lab.target.spawn(['node', path.join(ROOT, 'e2e/lab/lab-game-servers.mjs'),
    '--tcp', '2001,2002', '--ssh', '22', '--minecraft', '25565', '--bedrock', '19132', '--a2s', '27015']);
  await servers.waitForLine(/^ready$/, 10_000);
  // Its own state folder: the engine in the namespace must not find (or replace) anyone else's instance file.
  serve = lab.prober.spawn(['env', `PD_STATE_DIR=${stateDir}`, 'node', path.join(ROOT, 'bin/port-doctor.cjs'), 'serve', '--port', '0', '--no-open']);
  const line = await serve.waitForLine(SERVE_URL, SERVE_START_MS);
  links = await launchLinks(stateDir, line[1] ?? '');
});

test.afterAll(async () => {
  await teardownAll();
  rmSync(WRAPPER, { force: true });
  rmSync(stateDir, { recursive: true, force: true });
});

test('checks a lab host over TCP: verdicts in words, the Minecraft server and SSH confirmed', async ({ page }, testInfo) => {
  await page.goto(`${links.url}#/port-check`);
  await page.getByTestId('pc-host').fill(lab.v4);
  await page.getByTestId('pc-ports').fill('22,2001-2003,25565');
  await page.getByTestId('pc-start').click();
  await expect(page.getByTestId('pc-summary')).toContainText(`Checked ${lab.v4}`);
  const row = (port: number) => page.locator(`[data-testid=pc-row][data-port="${port}"]`);
  await expect(row(25565)).toHaveAttribute('data-state', 'open');
  await expect(row(25565).getByTestId('pc-service')).toHaveText('Minecraft Java 1.21.4 — 3/20 players — “Lab Minecraft”');
  await expect(row(22).getByTestId('pc-service')).toHaveText('SSH-2.0-LabSSH_1.0');
  await expect(row(2001)).toHaveAttribute('data-state', 'open');
  await expect(row(2002)).toHaveAttribute('data-state', 'filtered');
  await expect(row(2002)).toContainText('silently dropping');
  await expect(row(2003)).toHaveAttribute('data-state', 'closed');
  await expect(row(2003)).toContainText('nothing is listening');
  await expect(row(2003).getByTestId('pc-reason')).toHaveText('conn-refused');
  // What nothing confirmed shows IANA's registration, from the registry chunk loaded on first use.
  await expect(row(2003).getByTestId('pc-service')).toHaveText('brutus');
  await expect(row(2003).getByTestId('pc-service').locator('span[title]')).toHaveAttribute('title', 'Registered with IANA as “Brutus Server”');
  await expect(row(2002).getByTestId('pc-reason')).toHaveText('no-response');
  // Progress belongs to a running scan only (issue 16 item 11): the summary replaces it.
  await expect(page.getByTestId('pc-progress')).toHaveCount(0);
  await expect(page.locator('[data-testid=pc-row]')).toHaveCount(5);
  await screenshot(page, (n) => testInfo.outputPath(n), 'port-check-tcp');
});

test('checks game ports over UDP: Bedrock and Steam answer their pings', async ({ page }, testInfo) => {
  await page.goto(`${links.url}#/port-check`);
  await page.getByTestId('pc-host').fill(lab.v4);
  await page.getByTestId('pc-ports').fill('19132,27015');
  await page.getByTestId('pc-udp').check();
  await page.getByTestId('pc-start').click();
  const row = (port: number) => page.locator(`[data-testid=pc-row][data-port="${port}"]`);
  await expect(row(19132).getByTestId('pc-service')).toHaveText('Minecraft Bedrock 1.21.50 — 1/8 players — “Lab Bedrock”');
  await expect(row(27015).getByTestId('pc-service')).toHaveText('Valheim “Lab Valheim” — 2/10 players — map Midgard');
  await expect(row(27015)).toHaveAttribute('data-state', 'open');
  await screenshot(page, (n) => testInfo.outputPath(n), 'port-check-udp');
});

test('shows live progress on a long scan and stops on cancel', async ({ page }, testInfo) => {
  await page.goto(`${links.url}#/port-check`);
  await page.getByTestId('pc-host').fill(lab.v4);
  await page.getByTestId('pc-ports').fill('30000-39999');
  await page.getByTestId('pc-start').click();
  const progress = page.getByTestId('pc-progress');
  await expect(progress).toHaveAttribute('data-total', '10000');
  // Dropped ports are decided a deadline at a time: progress moves, and is far from done.
  await expect.poll(async () => Number(await progress.getAttribute('data-done')), { timeout: 15_000 }).toBeGreaterThan(0);
  await expect(progress).toContainText('left');
  await screenshot(page, (n) => testInfo.outputPath(n), 'port-check-progress');
  await page.getByTestId('pc-cancel').click();
  const summary = page.getByTestId('pc-summary');
  await expect(summary).toContainText(/^Cancelled after [\d,]+ of 10,000 ports/);
  const done = Number((/after ([\d,]+) of/.exec((await summary.textContent()) ?? '')?.[1] ?? '').replace(/,/g, ''));
  expect(done).toBeLessThan(10000);
  await expect(progress).toHaveCount(0);
  await expect(page.getByTestId('pc-start')).toBeVisible();
});
