// The app shell end to end: the real renderer in Chromium, the real engine behind the real
// WebSocket transport of `port-doctor serve`. Navigation, keyboard, themes and the About panel.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ROOT, screenshot, startServe, type Served } from './serve';

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
const NAV = ['listeners', 'port-check', 'about'];

let serve: Served;

test.beforeAll(async () => {
  serve = await startServe();
});

test.afterAll(async () => {
  await serve?.stop();
});

/** Frames the page sends over the bridge's WebSocket, decoded. */
function recordBridgeCalls(page: Page): string[] {
  const channels: string[] = [];
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => {
      const msg = JSON.parse(String(f.payload)) as { t?: string; channel?: string };
      if (msg.t === 'call' && msg.channel) channels.push(msg.channel);
    });
  });
  return channels;
}

test('About shows the engine’s real app:info, fetched over the WebSocket bridge', async ({ page }, testInfo) => {
  const calls = recordBridgeCalls(page);
  await page.goto(`${serve.url}`);
  await page.locator('[data-nav=about]').click();
  await expect(page.locator('[data-page=about]')).toBeVisible();
  await expect(page.getByTestId('about-version')).toHaveText(pkg.version);
  await expect(page.getByTestId('about-platform')).toHaveText(`Linux (${process.arch})`);
  await expect(page.getByTestId('about-transport')).toHaveText('the local web server (port-doctor serve)');
  // The engine runs as the same user as this test: root here and in CI sees every owner.
  const root = process.getuid?.() === 0;
  await expect(page.getByTestId('about-capability')).toContainText(root ? 'Visible' : 'Hidden');
  expect(calls).toContain('app:info');
  await screenshot(page, (n) => testInfo.outputPath(n), 'about');
  // The token moved from the URL to a cookie: nothing secret is left in the address bar.
  expect(page.url()).not.toContain('token=');
});

test('navigation lists exactly the pages that exist, and each one opens', async ({ page }) => {
  await page.goto(serve.url);
  const items = page.locator('nav[aria-label=Pages] [data-nav]');
  await expect(items).toHaveCount(NAV.length);
  const ids: Array<string | null> = [];
  for (const item of await items.all()) ids.push(await item.getAttribute('data-nav'));
  expect(ids).toEqual(NAV);
  for (const id of NAV) {
    await page.locator(`[data-nav=${id}]`).click();
    await expect(page.locator(`[data-page=${id}]`)).toBeVisible();
    await expect(page.locator(`[data-nav=${id}]`)).toHaveAttribute('aria-current', 'page');
    expect(new URL(page.url()).hash).toBe(`#/${id}`);
  }
  // A deep link opens its page directly.
  await page.goto(`${serve.url}#/port-check`);
  await expect(page.locator('[data-page=port-check]')).toBeVisible();
});

test('keyboard: Ctrl+number jumps, arrows/Home/End move through the sidebar, skip link reaches content', async ({ page }) => {
  await page.goto(`${serve.url}#/listeners`);
  await expect(page.locator('[data-page=listeners]')).toBeVisible();
  await page.keyboard.press('Control+3');
  await expect(page.locator('[data-page=about]')).toBeVisible();
  await expect(page.locator('[data-nav=about]')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.locator('[data-page=port-check]')).toBeVisible();
  await expect(page.locator('[data-nav=port-check]')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(page.locator('[data-page=listeners]')).toBeVisible();
  await page.keyboard.press('End');
  await expect(page.locator('[data-page=about]')).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('[data-page=listeners]')).toBeVisible();
  // One tab stop for the sidebar: only the current page's entry is tabbable.
  expect(await page.locator('nav [data-nav][tabindex="0"]').count()).toBe(1);

  // A fresh load (not a same-document hash change) so focus starts at the top of the page.
  await page.reload();
  await expect(page.locator('[data-page=listeners]')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.locator('.skip-link')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
});

test('light and dark themes follow the OS', async ({ page }, testInfo) => {
  // A string expression: this file is type-checked without DOM types (it runs in Node).
  const background = () => page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(`${serve.url}#/about`);
  await expect(page.getByTestId('about-version')).toHaveText(pkg.version);
  const light = await background();
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(background).not.toBe(light);
  await screenshot(page, (n) => testInfo.outputPath(n), 'about-dark');
});

test('without the launch token the engine refuses the page and the bridge', async ({ browser }) => {
  const stranger = await browser.newContext();
  const page = await stranger.newPage();
  const origin = new URL(serve.url).origin;
  const response = await page.goto(`${origin}/`);
  expect(response?.status()).toBe(401);
  // A page on another origin cannot open the bridge either.
  const opened = await page.evaluate(
    (wsUrl) =>
      new Promise<boolean>((resolve) => {
        const ws = new WebSocket(wsUrl);
        ws.onopen = () => resolve(true);
        ws.onerror = () => resolve(false);
      }),
    `${origin.replace('http', 'ws')}/ws`,
  );
  expect(opened).toBe(false);
  await stranger.close();
});

test('when the engine goes away the page says so instead of hanging', async ({ page }) => {
  const own = await startServe();
  await page.goto(`${own.url}#/listeners`);
  await expect(page.getByTestId('listeners-summary')).toBeVisible();
  await own.stop();
  await page.getByTestId('listeners-refresh').click();
  await expect(page.getByRole('alert')).toContainText("The connection to Port Doctor's engine was lost");
});
