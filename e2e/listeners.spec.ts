// Listeners page end to end: the real engine (`port-doctor serve`), sockets this test opens on
// loopback, a real browser. Needs `npm run build` first (dist/cli and dist/renderer).
import dgram from 'node:dgram';
import net from 'node:net';
import { expect, test } from '@playwright/test';
import { screenshot, startServe, type Served } from './serve';

let serve: Served;
const tcp = net.createServer();
const udp = dgram.createSocket('udp4');
let tcpPort = 0;
let udpPort = 0;

test.beforeAll(async () => {
  await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
  tcpPort = (tcp.address() as net.AddressInfo).port;
  await new Promise<void>((r) => udp.bind(0, '127.0.0.1', r));
  udpPort = udp.address().port;
  serve = await startServe();
});

test.afterAll(async () => {
  await serve?.stop();
  await new Promise((r) => tcp.close(r));
  udp.close();
});

test('lists the sockets this test opened; filters, who-holds and details work', async ({ page }, testInfo) => {
  await page.goto(`${serve.url}#/listeners`);
  await expect(page.getByTestId('listeners-summary')).toContainText('read from the Linux kernel');

  const search = page.getByTestId('listeners-search');
  await search.fill(String(tcpPort));
  const ours = page.locator(`[data-testid=listener-row][data-port="${tcpPort}"]`);
  await expect(ours).toHaveCount(1);
  await expect(ours).toContainText(`127.0.0.1:${tcpPort}`);
  await expect(ours.locator('[data-exposure]')).toHaveText('This computer only');

  // Protocol filter: the UDP socket appears under UDP only, the TCP one disappears.
  await search.fill('');
  await page.getByTestId('filter-protocol').selectOption('udp');
  await expect(page.locator(`[data-testid=listener-row][data-port="${udpPort}"][data-protocol=udp]`)).toHaveCount(1);
  await expect(page.locator(`[data-testid=listener-row][data-port="${tcpPort}"]`)).toHaveCount(0);
  await page.getByTestId('filter-protocol').selectOption('any');

  // "Who holds port N?" names this very process.
  await page.getByTestId('who-has-input').fill(`${tcpPort}/tcp`);
  await expect(page.getByTestId('who-has-answer')).toContainText(`(pid ${process.pid}) holds TCP 127.0.0.1:${tcpPort} — this computer only`);
  await page.getByTestId('who-has-input').fill('1/udp');
  await expect(page.getByTestId('who-has-answer')).toContainText('Nothing is listening on port 1/udp');

  // Details: words for the exposure, the program's path.
  await search.fill(String(tcpPort));
  await ours.click();
  const detail = page.getByTestId('listener-detail');
  await expect(detail).toContainText('Only programs on this computer can connect');
  await expect(detail).toContainText(process.execPath);
  await screenshot(page, (n) => testInfo.outputPath(n), 'listeners');

  // Grouping puts our rows under one header naming this process.
  await search.fill('');
  await page.getByTestId('group-toggle').check();
  await expect(page.locator('.lst-group', { hasText: `(pid ${process.pid})` })).toHaveCount(1);
  await page.getByTestId('group-toggle').uncheck();

  // Refresh sees a socket opened after the page loaded.
  const late = net.createServer();
  await new Promise<void>((r) => late.listen(0, '::1', r));
  const latePort = (late.address() as net.AddressInfo).port;
  await page.getByTestId('listeners-refresh').click();
  await search.fill(String(latePort));
  await expect(page.locator(`[data-testid=listener-row][data-port="${latePort}"]`)).toContainText(`[::1]:${latePort}`);
  await new Promise((r) => late.close(r));
});
