// The engine's error frames reach the page in Chromium: the page's WebSocket to the real engine is
// passed through Playwright's WebSocket route, which adds frames the engine itself would send.
import { expect, test } from '@playwright/test';
import { screenshot, startServe, type Served } from './serve';

let serve: Served;
test.beforeAll(async () => {
  serve = await startServe();
});
test.afterAll(async () => {
  await serve?.stop();
});

test('an error frame naming no call shows in a banner over the page until dismissed; one naming a call fails that call', async ({ page }, testInfo) => {
  let toPage: ((frame: string) => void) | null = null;
  let failNextCall: string | null = null;
  await page.routeWebSocket(/\/ws$/, (ws) => {
    const server = ws.connectToServer();
    toPage = (frame) => ws.send(frame);
    ws.onMessage((message) => {
      const call = JSON.parse(String(message)) as { id: number; channel: string };
      if (failNextCall && call.channel === failNextCall) {
        failNextCall = null;
        // What the engine answers a message it could read an id from but not take as a call.
        ws.send(JSON.stringify({ t: 'error', id: call.id, code: 'INVALID_INPUT', message: 'The message was not a call.' }));
        return;
      }
      server.send(message);
    });
  });
  await page.goto(`${serve.url}#/about`);
  await expect(page.getByTestId('about-version')).toBeVisible();
  await expect(page.getByTestId('engine-error')).toHaveCount(0);

  toPage!(JSON.stringify({ t: 'error', code: 'INVALID_INPUT', message: 'The message was not valid JSON.' }));
  const banner = page.getByTestId('engine-error');
  await expect(banner.getByRole('alert')).toContainText('Port Doctor\'s engine could not read a message from this page (“The message was not valid JSON.”).');
  await screenshot(page, (n) => testInfo.outputPath(n), 'engine-error-banner');
  await banner.getByRole('button', { name: 'Dismiss' }).click();
  await expect(banner).toHaveCount(0);

  // The Listeners page's call fails with the engine's reason instead of waiting forever.
  failNextCall = 'listeners:list';
  await page.locator('[data-nav=listeners]').click();
  await expect(page.locator('[data-page=listeners] .error-banner')).toHaveText(/The message was not a call\./);
  await expect(page.getByTestId('engine-error')).toHaveCount(0);
});
