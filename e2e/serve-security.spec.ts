// The web transport's secret in a real browser: a second web server on 127.0.0.1 never sees it,
// a planted cookie does not break the UI, a launch link works once and not after it expires, a
// page without a link gets a page that says what to do, and a lost engine is shown at once.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { readInstance } from '../electron/serve/instance-file';
import { LAUNCH_LINK_TTL_MS, launchUrl, mintLaunchToken } from '../electron/serve/launch';
import { screenshot, startServe, type Served } from './serve';

let serve: Served;
let launchKey = '';

test.beforeAll(async () => {
  serve = await startServe();
  launchKey = (await readInstance(serve.stateDir))!.launchKey;
});

test.afterAll(async () => {
  await serve?.stop();
});

/** The About page showing the engine's version means the bridge works. */
async function expectWorking(page: Page): Promise<void> {
  await page.locator('[data-nav=about]').click();
  await expect(page.getByTestId('about-version')).not.toBeEmpty();
  await expect(page.locator('[data-connection]')).toHaveCount(0);
}

interface Seen {
  url: string;
  headers: string;
}

/** Another web server on loopback, as any local dev server would be: records what browsers send it. */
async function otherLocalServer(): Promise<{ origin: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: JSON.stringify(req.headers) });
    if (req.url === '/plant') {
      // A hostile page plants cookies named like ours, for every path, the WebSocket path included.
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><title>other</title><script>
        document.cookie = 'pd_token=planted; path=/';
        document.cookie = 'pd_token=planted; path=/ws';
        document.cookie = 'pd.session=planted; path=/';
        document.cookie = 'launch=planted; path=/';
        document.title = 'planted';
      </script>`);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>other</title><p>another local web server</p>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    // A browser may hold a connection open with a request it has not finished sending (a
    // preconnect), which close() alone waits for: the test would then hang in its finally.
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

test('two origins: another loopback server never sees the secret; its planted cookies do not break the UI', async ({ page }) => {
  const other = await otherLocalServer();
  try {
    const link = serve.url;
    const launchToken = new URL(link).searchParams.get('launch')!;
    await page.goto(link);
    await expectWorking(page);
    const session = await page.evaluate<string | null>("sessionStorage.getItem('pd.session')");
    expect(session).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Nothing the engine handed out is a cookie, so nothing can travel to other ports with the browser.
    expect(await page.context().cookies()).toEqual([]);

    await page.goto(`${other.origin}/`);
    await page.goto(`${other.origin}/plant`);
    await expect(page).toHaveTitle('planted');
    await page.goto(`${other.origin}/after-planting`);
    expect(other.seen.filter((s) => s.url !== '/favicon.ico').map((s) => s.url)).toEqual(['/', '/plant', '/after-planting']);
    for (const s of other.seen) {
      for (const secret of [launchToken, session!]) {
        expect(s.url).not.toContain(secret);
        expect(s.headers).not.toContain(secret);
      }
    }

    // Back on Port Doctor (same tab, no link): the tab's session still works, planted cookies or not.
    await page.goto(`${serve.origin}/#/about`);
    await expectWorking(page);
    await page.reload();
    await expectWorking(page);
  } finally {
    await other.close();
  }
});

test('a page on another origin cannot open the bridge, even holding a valid launch token', async ({ page }) => {
  const other = await otherLocalServer();
  try {
    await page.goto(`${other.origin}/`);
    const token = mintLaunchToken(launchKey);
    const outcome = await page.evaluate(
      ([wsUrl, protocols]) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(wsUrl!, protocols!.split(' '));
          ws.onopen = () => resolve('open');
          ws.onclose = (e) => resolve(`closed ${e.code}`);
        }),
      [`ws://127.0.0.1:${serve.port}/ws`, `pd.v1 pd.launch.${token}`],
    );
    // The Origin check refuses the upgrade itself (an HTTP 403): the browser reports an abnormal close.
    expect(outcome).toBe('closed 1006');
    // The token was not spent by that attempt: it still opens Port Doctor.
    await page.goto(launchUrl(serve.port, token));
    await expectWorking(page);
  } finally {
    await other.close();
  }
});

test('a launch link works once; a reused, expired or foreign link gets the "open the latest link" page', async ({ browser }, testInfo) => {
  const link = serve.url;
  const first = await browser.newPage();
  await first.goto(link);
  await expectWorking(first);
  expect(first.url()).not.toContain('launch=');

  const second = await browser.newPage();
  await second.goto(link);
  await expect(second.locator('[data-connection=link-used]')).toBeVisible();
  await expect(second.getByRole('heading')).toHaveText('This link was already used');
  await expect(second.locator('[data-connection=link-used]')).toContainText('npm start');
  expect(second.url()).not.toContain('launch=');
  await screenshot(second, (n) => testInfo.outputPath(n), 'serve-link-used');

  const expired = launchUrl(serve.port, mintLaunchToken(launchKey, Date.now() - LAUNCH_LINK_TTL_MS - 1_000));
  await second.goto(expired);
  await expect(second.locator('[data-connection=link-expired]')).toBeVisible();

  const foreign = launchUrl(serve.port, mintLaunchToken('A'.repeat(43)));
  await second.goto(foreign);
  await expect(second.locator('[data-connection=unknown-credential]')).toBeVisible();
  await expect(second.locator('[data-connection=unknown-credential]')).toContainText('latest link');

  // The first tab keeps working: its session is its own.
  await first.reload();
  await expectWorking(first);
  await first.close();
  await second.close();
});

test('opened without a link: a page in the app’s look that says what to do', async ({ page }, testInfo) => {
  await page.goto(`${serve.origin}/`);
  const gate = page.locator('[data-connection=no-credential]');
  await expect(gate).toBeVisible();
  await expect(gate.getByRole('heading')).toHaveText('Open Port Doctor from the link in your terminal');
  await expect(gate).toContainText('npm start');
  await expect(gate.locator('code')).toHaveText(['npm start', 'npm start']);
  // The app's look: its stylesheet (panel colour, not the browser default white-on-nothing).
  const card = await page.evaluate<string>("getComputedStyle(document.querySelector('.gate-card')).borderRadius");
  expect(card).toBe('8px');
  await screenshot(page, (n) => testInfo.outputPath(n), 'serve-no-token');
});

test('when the engine stops, the page says so at once and its actions are off', async ({ page }, testInfo) => {
  const own = await startServe();
  await page.goto(`${own.url}#/listeners`);
  await expect(page.getByTestId('listeners-summary')).toBeVisible();
  const stoppedAt = Date.now();
  await own.stop();
  const banner = page.locator('[data-connection=lost]');
  await expect(banner).toBeVisible({ timeout: 3_000 });
  const noticedMs = Date.now() - stoppedAt;
  await expect(banner.getByRole('alert')).toContainText('Port Doctor’s engine stopped');
  await expect(banner.getByRole('alert')).toContainText('npm start');
  // Greyed and inert: the refresh button is still drawn but no click or key reaches it.
  const refresh = page.getByTestId('listeners-refresh');
  await expect(refresh).toBeVisible();
  expect(await page.evaluate<boolean>("document.querySelector('[data-testid=listeners-refresh]').closest('[inert]') !== null")).toBe(true);
  await expect(refresh.click({ timeout: 500 })).rejects.toThrow();
  await screenshot(page, (n) => testInfo.outputPath(n), 'serve-engine-lost');
  console.log(`[serve] engine loss shown ${noticedMs} ms after the engine was stopped`);
});
