// Port reference and explainers end to end: the real engine (`port-doctor serve`), a socket this test
// opens on loopback, a real browser. Needs `npm run build` first (dist/cli and dist/renderer).
import net from 'node:net';
import { expect, test } from '@playwright/test';
import { EXPLAINER_IDS } from '../shared/explainers/ids';
import { screenshot, startServe, type Served } from './serve';

let serve: Served;
const tcp = net.createServer();
let tcpPort = 0;

test.beforeAll(async () => {
  await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
  tcpPort = (tcp.address() as net.AddressInfo).port;
  serve = await startServe();
});

test.afterAll(async () => {
  await serve?.stop();
  await new Promise((r) => tcp.close(r));
});

test('reference: a number, a name, a range, bad input, and the link to the Listeners row', async ({ page }, testInfo) => {
  await page.goto(`${serve.url}#/reference`);
  const input = page.getByTestId('ref-input');

  // Bad input is refused with the sentence, before the engine is asked.
  for (const [text, words] of [
    ['-1', '-1 is not a port: ports go from 0 to 65535, never below 0.'],
    ['65536', 'Port 65536 is too large'],
    ['abc-', "'abc-' is not a port (25565)"],
    ['1-65535', 'The range 1-65535 has 65,535 ports; look up at most 1,024 at a time.'],
  ]) {
    await input.fill(text!);
    await input.press('Enter');
    await expect(page.getByTestId('ref-input-error')).toContainText(words!);
    await expect(page.getByTestId('ref-answer')).toHaveCount(0);
  }

  // A name: games first, the risk note on RCON.
  await input.fill('minecraft');
  await input.press('Enter');
  await expect(page.getByTestId('ref-input-error')).toHaveCount(0);
  const first = page.getByTestId('ref-entry').first();
  await expect(first).toHaveAttribute('data-port', '25565');
  await expect(first).toContainText('Minecraft: Java Edition');
  await expect(page.locator('[data-testid=ref-entry][data-port="25575"] [data-testid=ref-risk]')).toContainText('RCON gives full control');

  // A risky port: risk, fix, and the explainer link for non-default ports.
  await input.fill('3389/tcp');
  await input.press('Enter');
  const rdp = page.locator('[data-testid=ref-entry][data-port="3389"][data-protocol=tcp]');
  await expect(rdp).toContainText('ms-wbt-server');
  await expect(rdp.getByTestId('ref-risk')).toContainText('BlueKeep');
  await expect(rdp.getByTestId('ref-risk')).toContainText('Fix: Do not forward 3389');
  await expect(page.getByTestId('ref-entry')).toHaveCount(1);
  await screenshot(page, (n) => testInfo.outputPath(n), 'reference');

  // A range lists what is known and counts the rest.
  await input.fill('27015-27030');
  await input.press('Enter');
  await expect(page.getByTestId('ref-summary')).toContainText('other pairs in the range: nothing registered, nothing listening');
  await expect(page.locator('[data-testid=ref-entry][data-port="27015"][data-protocol=udp]')).toContainText('Counter-Strike 2');

  // Our own socket: listening now, this process, and the link selects the row on the Listeners page.
  await input.fill(`${tcpPort}/tcp`);
  await input.press('Enter');
  const ours = page.locator(`[data-testid=ref-entry][data-port="${tcpPort}"]`);
  await expect(ours.getByTestId('ref-listening')).toContainText(`(pid ${process.pid}) on 127.0.0.1 — this computer only`);
  await ours.getByTestId('ref-listeners-link').click();
  await expect(page).toHaveURL(/#\/listeners$/);
  await expect(page.getByTestId('listener-detail')).toContainText(`127.0.0.1:${tcpPort}`);

  // And back: the detail panel looks the port up in the reference.
  await page.getByTestId('lookup-port').click();
  await expect(page).toHaveURL(/#\/reference$/);
  await expect(page.locator(`[data-testid=ref-entry][data-port="${tcpPort}"][data-protocol=tcp]`)).toBeVisible();
});

test('explainers: every topic opens by its link, the forwarding picture draws, table headers lead there', async ({ page }, testInfo) => {
  await page.goto(`${serve.url}#/explain`);
  for (const id of EXPLAINER_IDS) {
    await page.goto(`${serve.url}#/explain/${id}`);
    await expect(page.locator(`[data-explainer="${id}"] h2`)).toBeVisible();
  }
  await page.goto(`${serve.url}#/explain/port-forwarding`);
  const figure = page.getByTestId('forwarding-path');
  await expect(figure).toBeVisible();
  const box = await figure.boundingBox();
  expect(box!.width).toBeGreaterThan(400);
  await screenshot(page, (n) => testInfo.outputPath(n), 'explainer-port-forwarding');

  // Terms where they appear: the Listeners header and the Port check state column.
  await page.goto(`${serve.url}#/listeners`);
  await page.locator('[role=columnheader] [data-explain="bind-address"]').click();
  await expect(page).toHaveURL(/#\/explain\/bind-address$/);
  await expect(page.locator('[data-explainer="bind-address"]')).toContainText('127.0.0.1');
  // The port check's state column, after checking the port this test opened (loopback only).
  await page.goto(`${serve.url}#/port-check`);
  await page.getByTestId('pc-host').fill('127.0.0.1');
  await page.getByTestId('pc-ports').fill(String(tcpPort));
  await page.getByTestId('pc-start').click();
  await expect(page.locator(`[data-testid=pc-row][data-port="${tcpPort}"]`)).toHaveAttribute('data-state', 'open');
  await page.locator('th [data-explain="port-states"]').first().click();
  await expect(page.locator('[data-explainer="port-states"]')).toContainText('connection refused');
});
