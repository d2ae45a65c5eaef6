// Typed ports on the pages go through the one <port>[/proto] reader (shared/ports/port-spec.ts):
// each mistake is named in the same sentence the CLI prints. Real engine (`port-doctor serve`), real browser.
import { expect, test } from '@playwright/test';
import { startServe, type Served } from './serve';

let serve: Served;
test.beforeAll(async () => {
  serve = await startServe();
});
test.afterAll(async () => {
  await serve?.stop();
});

test('the wizard names the typed port that is wrong, and only a readable list can be checked', async ({ page }) => {
  await page.goto(`${serve.url}#/wizard`);
  await page.locator('[data-preset="custom"]').click();
  const ports = page.locator('#wz-ports');
  await ports.fill('7777/udp, 70000');
  await expect(page.locator('.wz-warning')).toHaveText('70000 is not a port: ports go from 1 to 65535.');
  await expect(ports).toHaveAttribute('aria-invalid', 'true');
  await ports.fill('7777/sctp');
  await expect(page.locator('.wz-warning')).toHaveText("'/sctp' is not a protocol Port Doctor checks: write /tcp or /udp.");
  await page.screenshot({ path: 'docs/screenshots/wizard-typed-port-error.png' });
  await ports.fill('7777/udp, 25565');
  await expect(page.locator('.wz-warning')).toHaveCount(0);
  await expect(ports).toHaveAttribute('aria-invalid', 'false');
});

test('who-has says what is wrong with the typed port', async ({ page }) => {
  await page.goto(`${serve.url}#/listeners`);
  await page.getByTestId('who-has-input').fill('80/tcp/udp');
  await expect(page.getByTestId('who-has-answer')).toHaveText("'80/tcp/udp' names more than one protocol: write one, like 80/tcp.");
  await page.getByTestId('who-has-input').fill('http');
  await expect(page.getByTestId('who-has-answer')).toHaveText("'http' is not a port number: write a port from 1 to 65535, optionally with /tcp or /udp (for example 25565 or 19132/udp).");
  await page.getByTestId('who-has-answer').screenshot({ path: 'docs/screenshots/who-has-typed-port-error.png' });
});
