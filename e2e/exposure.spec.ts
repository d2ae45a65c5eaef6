// Exposure audit end to end: the real engine (`port-doctor serve`) with the real socket table and the
// real host-firewall reader, sockets this test binds (no traffic is sent), a real browser.
import net from 'node:net';
import { expect, test } from '@playwright/test';
import { screenshot, startServe, type Served } from './serve';

let serve: Served;
const risky = net.createServer();
const local = net.createServer();
let riskyPort = 0;
let localPort = 0;

/** Binds a known-risky port on every address (the first free of these); listening sends nothing. */
async function listenRisky(): Promise<number> {
  for (const port of [6379, 27017, 3306, 5432]) {
    const ok = await new Promise<boolean>((resolve) => {
      risky.once('error', () => resolve(false));
      risky.listen(port, '0.0.0.0', () => resolve(true));
    });
    if (ok) return port;
  }
  throw new Error('no risky test port free');
}

test.beforeAll(async () => {
  riskyPort = await listenRisky();
  await new Promise<void>((r) => local.listen(0, '127.0.0.1', r));
  localPort = (local.address() as net.AddressInfo).port;
  serve = await startServe();
});

test.afterAll(async () => {
  await serve?.stop();
  await new Promise((r) => risky.close(r));
  await new Promise((r) => local.close(r));
});

test('the Listeners summary line counts exposure; the audit groups and flags with the fix', async ({ page }, testInfo) => {
  await page.goto(`${serve.url}#/listeners`);
  await expect(page.getByTestId('listeners-exposure')).toContainText('known-risky service');
  await page.getByTestId('open-audit').click();
  await expect(page).toHaveURL(/#\/exposure$/);

  const item = page.locator(`[data-testid=audit-item][data-port="${riskyPort}"][data-protocol=tcp]`);
  await expect(item).toHaveCount(1);
  const group = await item.getAttribute('data-group');
  // This machine's own firewall decides: not blocked → the farthest group, flagged with the fix.
  if (group === 'internet-if-forwarded') {
    await expect(item).toHaveAttribute('data-flagged', 'true');
    await expect(item.getByTestId('audit-advice')).toContainText('listens on every network and the firewall');
    await expect(item.getByTestId('audit-advice')).toContainText('127.0.0.1');
  } else {
    expect(group).toBe('this-computer');
    await expect(item).toHaveAttribute('data-flagged', 'false');
  }
  await expect(page.locator(`[data-testid=audit-group][data-group=this-computer] [data-testid=audit-item][data-port="${localPort}"]`)).toHaveCount(1);
  await expect(page.getByTestId('audit-summary')).toContainText('other devices could reach');
  await screenshot(page, (n) => testInfo.outputPath(n), 'exposure-audit');

  // The footnote's terms lead to their explainers.
  await page.locator('.au-footnote [data-explain=cgnat]').click();
  await expect(page.locator('[data-explainer=cgnat]')).toContainText('100.64.0.0/10');
});
