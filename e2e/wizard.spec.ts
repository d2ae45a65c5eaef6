// The wizard end to end, in the lab: a home whose router forwards Minecraft's port correctly but whose
// pc firewall drops it. The real engine and Chromium run on the pc, the real companion on the lab's
// internet. The wizard is the home screen; it must say "host firewall", then, after the rule is
// removed, "Check again" must say friends can join. Nothing leaves the lab (companion, STUN and the
// gateway NAT-PMP asks are all lab hosts).
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startCompanionIn } from '../companion/lab/lab-helpers';
import { assertBuilt, CHROMIUM_ARGS, ROOT, screenshot, SERVE_START_MS, SERVE_URL, launchLinks, tempStateDir, type LaunchLinks, chromiumInNamespace } from './serve';
import { labSupport, RUN_PREFIX, teardownAll, type NsProcess } from './lab/ns-core';
import { DC, ISP } from './lab/scenario';
import { buildTopology, type Lab } from './lab/topology';

const TAG = 'wiz-e2e';
const support = labSupport();
if (!support.ok && process.env.PD_REQUIRE_LAB === '1') throw new Error(`PD_REQUIRE_LAB=1 but the network lab cannot run: ${support.reason}`);
test.skip(!support.ok, `needs the network lab: ${support.ok ? '' : support.reason}`);

const WRAPPER = chromiumInNamespace(`${RUN_PREFIX}-${TAG}-pc`);
test.use({ launchOptions: { executablePath: WRAPPER, args: CHROMIUM_ARGS } });

let lab: Lab;
let serve: NsProcess;
let links: LaunchLinks;
// The engine's own state folder: a root-namespace engine's instance record must never be found instead.
let stateDir = '';

test.beforeAll(async () => {
  test.setTimeout(120_000);
  assertBuilt();
  lab = await buildTopology(
    {
      forwards: [{ proto: 'tcp', port: 25565 }],
      servers: { pc: [{ proto: 'tcp', bind: '0.0.0.0', port: 25565 }] },
      pcFirewall: [{ action: 'drop', proto: 'tcp', port: 25565 }],
    },
    { tag: TAG },
  );
  await startCompanionIn(lab.host('companion').ns, ['--allow-targets', '198.51.100.0/24', '203.0.113.0/24', '--checks-per-minute', '0', '--checks-per-hour', '0']);
  serve = lab.host('pc').ns.spawn([process.execPath, path.join(ROOT, 'bin/port-doctor.cjs'), 'serve', '--port', '0', '--no-open'], {
    env: { ...process.env, PD_STATE_DIR: (stateDir = tempStateDir()), PD_COMPANION_URL: `http://${DC.companion}:8080`, PD_STUN_SERVERS: `${DC.companion}:3478,${DC.companion}:3479` },
  });
  links = await launchLinks(stateDir, (await serve.waitForLine(SERVE_URL, SERVE_START_MS))[1] ?? '');
});

test.afterAll(async () => {
  await teardownAll();
  rmSync(WRAPPER, { force: true });
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

test('the wizard is home: pick Minecraft, Check, host firewall with the fix; fixed, Check again says friends can join', async ({ page }, testInfo) => {
  const shot = (name: string) => screenshot(page, (n) => testInfo.outputPath(n), name);
  await page.goto(links.url);
  await expect(page.locator('[data-page="wizard"]')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Pages' }).getByRole('button').first()).toContainText("Friends can't join");

  await page.getByLabel('Which game are you hosting?').fill('mine');
  await expect(page.locator('[data-preset]')).toHaveCount(2);
  await page.locator('[data-preset="minecraft-java"]').click();
  await expect(page.getByTestId('wz-preset')).toContainText('Friends need: TCP 25565');
  await shot('wizard-pick');

  await page.getByRole('button', { name: 'Check', exact: true }).click();
  // The checklist fills in as the engine reports each step.
  await expect(page.locator('[data-step="listeners"]')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await shot('wizard-checklist');

  const verdict = page.locator('.wz-verdict');
  await expect(verdict).toHaveAttribute('data-cause', 'host-firewall', { timeout: 30_000 });
  await expect(verdict.getByRole('heading', { level: 2 })).toHaveText("This computer's firewall blocks TCP 25565.");
  await expect(verdict.locator('.wz-fix li')).not.toHaveCount(0);
  // The verdict links to the explainer it rests on (issue #15).
  await expect(verdict.locator('.wz-why [data-explain="host-firewall"]')).toHaveText('What this means');
  await expect(verdict.locator('.wz-friends')).toContainText('only players on your home network can join');
  await expect(page.locator('[data-step="outside"]')).toHaveAttribute('data-state', 'done');
  await shot('wizard-verdict-firewall');

  // The user fixes it: the pc's firewall rule goes away.
  await lab.host('pc').ns.exec(['nft', 'flush', 'ruleset']);
  await verdict.getByRole('button', { name: 'Check again', exact: true }).click();
  await expect(page.locator('.wz-verdict')).toHaveAttribute('data-cause', 'reachable', { timeout: 30_000 });
  await expect(page.locator('.wz-friends')).toContainText(`Friends connect to ${ISP.routerWan}:25565`);
  await shot('wizard-verdict-reachable');

  // Export: the report of this verdict, redacted by default; the download is exactly the preview.
  await page.getByTestId('wz-export').click();
  const preview = page.getByTestId('report-text-preview');
  await expect(preview).toContainText('# Port Doctor report — Minecraft: Java Edition');
  await expect(preview).toContainText('25565/tcp');
  const shown = (await preview.textContent()) ?? '';
  expect(shown).not.toContain(ISP.routerWan);
  // Masked but told apart: the same letter wherever this address appears.
  expect(shown).toMatch(new RegExp(`Friends connect to ${ISP.routerWan.split('.').slice(0, 3).join('\\.')}\\.x \\([A-Z]\\):25565`));
  await shot('wizard-export');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-save').click()]);
  expect(download.suggestedFilename()).toMatch(/^port-doctor-report-minecraft-java-\d{4}-\d\d-\d\d\.md$/);
  const saved = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(saved);
  expect(readFileSync(saved, 'utf8')).toBe(shown);
});
