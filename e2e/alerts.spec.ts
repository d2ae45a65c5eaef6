// New-listener alerts end to end: with auto-refresh on, a socket this test opens after the page
// loaded shows highlighted as "new since HH:MM"; sockets from the first list never are.
import net from 'node:net';
import { expect, test } from '@playwright/test';
import { screenshot, startServe, type Served } from './serve';

let serve: Served;
const early = net.createServer();
const late = net.createServer();
let earlyPort = 0;

test.beforeAll(async () => {
  await new Promise<void>((r) => early.listen(0, '127.0.0.1', r));
  earlyPort = (early.address() as net.AddressInfo).port;
  serve = await startServe();
});

test.afterAll(async () => {
  await serve?.stop();
  await new Promise((r) => early.close(r));
  if (late.listening) await new Promise((r) => late.close(r));
});

test('auto-refresh highlights a program that starts listening after the first list', async ({ page }, testInfo) => {
  await page.goto(`${serve.url}#/listeners`);
  const earlyRow = page.locator(`[data-testid=listener-row][data-port="${earlyPort}"]`);
  await expect(earlyRow).toHaveCount(1);
  await expect(earlyRow).not.toHaveAttribute('data-new', 'true');

  await page.getByLabel('Auto-refresh').check();
  await new Promise<void>((r) => late.listen(0, '127.0.0.1', r));
  const latePort = (late.address() as net.AddressInfo).port;
  const opened = new Date();

  await page.getByTestId('listeners-search').fill(String(latePort));
  const lateRow = page.locator(`[data-testid=listener-row][data-port="${latePort}"]`);
  // Auto-refresh runs every 5 s; allow two rounds on a loaded machine.
  await expect(lateRow).toHaveAttribute('data-new', 'true', { timeout: 15_000 });
  const badge = await lateRow.getByTestId('new-since').textContent();
  const m = /^new since (\d{2}):(\d{2})/.exec(badge ?? '');
  expect(m, badge ?? '').not.toBeNull();
  // The time shown is when the list that first had it was read: the minute we opened it or the next.
  const shown = Number(m![1]) * 60 + Number(m![2]);
  const at = opened.getHours() * 60 + opened.getMinutes();
  expect([at, (at + 1) % 1440]).toContain(shown);
  await page.getByTestId('listeners-search').fill('');
  await page.getByTestId('listeners-search').fill('127.0.0.1');
  await screenshot(page, (n) => testInfo.outputPath(n), 'listeners-new-since');
  await expect(earlyRow).not.toHaveAttribute('data-new', 'true');

  // OS notifications are the desktop app's: once the engine has said it is the web server, the
  // Listeners page offers no notification setting (Electron's Notification is not run here).
  await page.locator('[data-nav=about]').click();
  await expect(page.getByTestId('about-transport')).toHaveText('the local web server (port-doctor serve)');
  await page.locator('[data-nav=listeners]').click();
  await expect(page.getByTestId('listeners-refresh')).toBeVisible();
  await expect(page.getByTestId('notify-toggle')).toHaveCount(0);
});
