// Every page from 800×600 up (issue 16 item 17): nothing runs off the right edge, the sidebar gives
// way to a top bar in small windows, the Listeners detail panel overlays instead of squeezing the
// table. Screenshots of each page at both sizes (docs/screenshots/ when PD_SCREENSHOT_DIR is set).
import dgram from 'node:dgram';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ROOT, screenshot, startServe, type Served } from './serve';

const PAGES = [...readFileSync(path.join(ROOT, 'renderer/src/pages/registry.ts'), 'utf8').matchAll(/\{ id: '([a-z-]+)'/g)].map((m) => m[1]!);
const SIZES = [
  { width: 800, height: 600 },
  { width: 1440, height: 900 },
] as const;

let serve: Served;
const tcp = net.createServer((c) => c.destroy());
const udp = dgram.createSocket('udp4');
let tcpPort = 0;

test.beforeAll(async () => {
  await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
  tcpPort = (tcp.address() as net.AddressInfo).port;
  await new Promise<void>((r) => udp.bind(0, '127.0.0.1', r));
  serve = await startServe();
});

test.afterAll(async () => {
  await serve?.stop();
  await new Promise((r) => tcp.close(r));
  udp.close();
});

/** Widths of the document and of the content area against the window (string: no DOM types here). */
function overflow(page: Page) {
  return page.evaluate<{ doc: number; docClient: number; main: number; mainClient: number; nav: number; navClient: number; win: number }>(`(() => {
    const main = document.querySelector('main#main');
    const nav = document.querySelector('nav[aria-label=Pages]');
    const list = nav.querySelector('ul');
    return {
      doc: document.documentElement.scrollWidth, docClient: document.documentElement.clientWidth,
      main: main.scrollWidth, mainClient: main.clientWidth,
      // The list inside the bar too: with the bar's overflow hidden, a list wider than it is still cut off.
      nav: Math.max(nav.scrollWidth, list.scrollWidth + list.offsetLeft - nav.offsetLeft), navClient: nav.clientWidth,
      win: innerWidth,
    };
  })()`);
}

for (const size of SIZES) {
  test(`every page fits ${size.width}×${size.height}`, async ({ page }, testInfo) => {
    await page.setViewportSize(size);
    for (const id of PAGES) {
      await page.goto(`${serve.url}#/${id}`);
      await expect(page.locator(`[data-page=${id}]`)).toBeVisible();
      // Let first loads (socket list, engine facts) draw before measuring.
      await page.waitForLoadState('networkidle');
      const o = await overflow(page);
      expect(o.doc, `${id}: the page is wider than the window`).toBeLessThanOrEqual(o.win);
      expect(o.doc, `${id}: the page scrolls sideways`).toBeLessThanOrEqual(o.docClient);
      expect(o.nav, `${id}: the navigation runs off the right edge or scrolls sideways`).toBeLessThanOrEqual(o.navClient);
      expect(o.main, `${id}: content runs off the right edge`).toBeLessThanOrEqual(o.mainClient + 1);
      await screenshot(page, (n) => testInfo.outputPath(n), `${id}-${size.width}`);
    }
  });
}

test('at 800×600 the sidebar is a top bar, and the Listeners detail panel overlays the table', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await page.goto(`${serve.url}#/listeners`);
  const nav = page.locator('nav[aria-label=Pages]');
  const navBox = (await nav.boundingBox())!;
  expect(navBox.width).toBeGreaterThan(700);
  expect(navBox.height).toBeLessThan(80);
  await page.getByTestId('listeners-search').fill(String(tcpPort));
  const row = page.locator(`[data-testid=listener-row][data-port="${tcpPort}"]`);
  await row.click();
  const detail = page.getByTestId('listener-detail');
  await expect(detail).toBeVisible();
  // The table keeps its full width under the panel (it was squeezed to two columns).
  const table = (await page.locator('.lst-table').boundingBox())!;
  expect(table.width).toBeGreaterThan(700);
  await screenshot(page, (n) => testInfo.outputPath(n), 'listeners-detail-800');
  await page.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);
});
