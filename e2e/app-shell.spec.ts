// The app shell end to end: the real renderer in Chromium, the real engine behind the real
// WebSocket transport of `port-doctor serve`. Navigation, keyboard, themes and the About panel.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ROOT, screenshot, startServe, type Served } from './serve';

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
/** The navigation as the page registry lists it, in order (pages added by others are included). */
const NAV = [...readFileSync(path.join(ROOT, 'renderer/src/pages/registry.ts'), 'utf8').matchAll(/\{ id: '([a-z-]+)'/g)].map((m) => m[1]!);
/**
 * The shortcut's target (1-based, as the G-then-number shortcut counts; only the first nine pages have
 * one) and the page just above it: Test from outside, then Port check — neither takes focus on arrival.
 */
const JUMP = 'outside';
const ABOUT_KEY = NAV.indexOf(JUMP) + 1;
const ABOVE_ABOUT = NAV[NAV.indexOf(JUMP) - 1]!;

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
  // Only what is true here (issue 16 item 19): no promise that every program can be named, no fixes it does not make.
  await expect(page.getByTestId('about-capability')).not.toContainText('every listening program can be named');
  await expect(page.getByTestId('about-lede')).not.toContainText('how to fix it');
  expect(calls).toContain('app:info');
  await screenshot(page, (n) => testInfo.outputPath(n), 'about');
  // The launch token was taken out of the address bar at once: nothing secret is left in it.
  expect(page.url()).not.toContain('launch=');
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

test('keyboard: G then number jumps, arrows/Home/End move through the sidebar, skip link reaches content', async ({ page }) => {
  await page.goto(`${serve.url}#/listeners`);
  await expect(page.locator('[data-page=listeners]')).toBeVisible();
  // Ctrl+number is the browser's (switch tab): the page leaves it alone (issue 16 item 18).
  await page.keyboard.press(`Control+${ABOUT_KEY}`);
  await expect(page.locator('[data-page=listeners]')).toBeVisible();
  // The shortcut is shown next to each page.
  await expect(page.locator(`[data-nav=${JUMP}] kbd`)).toHaveText(`G ${ABOUT_KEY}`);
  // Typing g and a digit into a field is text, not a shortcut.
  await page.getByTestId('listeners-search').fill('');
  await page.getByTestId('listeners-search').pressSequentially(`g${ABOUT_KEY}`);
  await expect(page.locator('[data-page=listeners]')).toBeVisible();
  await page.getByTestId('listeners-search').fill('');
  await page.locator('main#main').focus();
  await page.keyboard.press('g');
  await page.keyboard.press(String(ABOUT_KEY));
  await expect(page.locator(`[data-page=${JUMP}]`)).toBeVisible();
  await expect(page.locator(`[data-nav=${JUMP}]`)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.locator(`[data-page=${ABOVE_ABOUT}]`)).toBeVisible();
  await expect(page.locator(`[data-nav=${ABOVE_ABOUT}]`)).toBeFocused();
  await page.keyboard.press('Home');
  await expect(page.locator(`[data-page=${NAV[0]}]`)).toBeVisible();
  await page.keyboard.press('End');
  await expect(page.locator(`[data-page=${NAV.at(-1)}]`)).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator(`[data-page=${NAV[0]}]`)).toBeVisible();
  // One tab stop for the sidebar: only the current page's entry is tabbable.
  expect(await page.locator('nav [data-nav][tabindex="0"]').count()).toBe(1);

  // A fresh load (not a same-document hash change) so focus starts at the top of the page.
  await page.reload();
  await expect(page.locator(`[data-page=${NAV[0]}]`)).toBeVisible();
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
