// Port check (and who-has) as a new user meets them (issue 16 items 5, 7, 8, 11, 12, 13, 14): pasted hosts, the error
// headline, progress only while a scan runs, readable typed text, presets that stay chosen, and
// answers tied to this computer's own listeners. Real engine (`port-doctor serve`), real browser,
// and only sockets this test opens on loopback are probed.
import dgram from 'node:dgram';
import net from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { startServe, type Served } from './serve';

let serve: Served;
const tcp = net.createServer((c) => c.destroy());
/** Bound and silent: a "game" on this computer that ignores probes it does not understand. */
const silentUdp: dgram.Socket[] = [];
let tcpPort = 0;
let udpPorts: number[] = [];

test.beforeAll(async () => {
  await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
  tcpPort = (tcp.address() as net.AddressInfo).port;
  for (let i = 0; i < 12; i++) {
    const s = dgram.createSocket('udp4');
    await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
    silentUdp.push(s);
  }
  udpPorts = silentUdp.map((s) => s.address().port);
  serve = await startServe();
});

test.afterAll(async () => {
  await serve?.stop();
  await new Promise((r) => tcp.close(r));
  for (const s of silentUdp) s.close();
});

async function open(page: Page) {
  await page.goto(`${serve.url}#/port-check`);
  await expect(page.getByTestId('pc-host')).toBeVisible();
}

test('a pasted host:port or URL fills the port; impossible addresses are refused without a lookup', async ({ page }) => {
  await open(page);
  const host = page.getByTestId('pc-host');
  const ports = page.getByTestId('pc-ports');
  await host.fill(`127.0.0.1:${tcpPort}`);
  await host.blur();
  await expect(host).toHaveValue('127.0.0.1');
  await expect(ports).toHaveValue(String(tcpPort));
  await host.fill('http://[::1]:25565/');
  await host.blur();
  await expect(host).toHaveValue('::1');
  await expect(ports).toHaveValue('25565');

  await host.fill('999.1.1.1');
  await page.getByTestId('pc-start').click();
  await expect(page.getByTestId('pc-host-error')).toHaveText(/'999\.1\.1\.1' is not an IPv4 address: each of the four numbers must be 0 to 255/);
  await expect(host).toHaveAttribute('aria-invalid', 'true');
  // Nothing was sent: no run, no progress, no summary.
  await expect(page.getByTestId('pc-progress')).toHaveCount(0);
  await expect(page.getByTestId('pc-summary')).toHaveCount(0);
});

test('the Ports field starts empty with an example; a chosen preset stays shown until edited', async ({ page }) => {
  await open(page);
  const ports = page.getByTestId('pc-ports');
  const preset = page.getByTestId('pc-preset');
  await expect(ports).toHaveValue('');
  await expect(ports).toHaveAttribute('placeholder', /25565/);
  await preset.selectOption('valheim');
  await expect(preset).toHaveValue('valheim');
  await expect(ports).toHaveValue('2456-2458');
  await expect(page.getByTestId('pc-udp')).toBeChecked();
  await ports.fill('2456');
  await expect(preset).toHaveValue('');
  await expect(preset.locator('option:checked')).toHaveText('Custom');
});

test('typed text is drawn in the text colour, not the placeholder grey', async ({ page }) => {
  await open(page);
  const host = page.getByTestId('pc-host');
  await host.fill('127.0.0.1');
  // A string runs in the page: this file is type-checked for Node, without the DOM library.
  const colours = await page.evaluate<{ typed: string; placeholder: string; body: string }>(`(() => {
    const el = document.querySelector('[data-testid=pc-host]');
    return { typed: getComputedStyle(el).color, placeholder: getComputedStyle(el, '::placeholder').color, body: getComputedStyle(document.body).color };
  })()`);
  expect(colours.typed).toBe(colours.body);
  expect(colours.typed).not.toBe(colours.placeholder);
});

test('progress shows only while a scan runs; a finished scan leaves the summary alone', async ({ page }) => {
  await open(page);
  await page.getByTestId('pc-host').fill('127.0.0.1');
  await page.getByTestId('pc-ports').fill(String(tcpPort));
  await page.getByTestId('pc-start').click();
  await expect(page.getByTestId('pc-summary')).toContainText('Checked 127.0.0.1');
  await expect(page.getByTestId('pc-progress')).toHaveCount(0);
  await expect(page.locator(`[data-testid=pc-row][data-port="${tcpPort}"]`)).toHaveAttribute('data-state', 'open');
});

test('a cancelled scan says how far it got, with no time left', async ({ page }) => {
  await open(page);
  await page.getByTestId('pc-host').fill('127.0.0.1');
  await page.getByTestId('pc-udp').check();
  await page.getByTestId('pc-ports').fill(udpPorts.join(','));
  await page.getByTestId('pc-start').click();
  await expect(page.getByTestId('pc-progress')).toBeVisible();
  await page.getByTestId('pc-cancel').click();
  const summary = page.getByTestId('pc-summary');
  await expect(summary).toHaveText(new RegExp(`^Cancelled after \\d+ of ${udpPorts.length} ports`));
  await expect(page.getByTestId('pc-progress')).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText(/about 0 s left/);
});

test('on this computer, verdicts are tied to the programs that hold the port', async ({ page }) => {
  await open(page);
  // The server listens on IPv4 only; asking ::1 finds it closed, and the page says why.
  await page.getByTestId('pc-host').fill('::1');
  await page.getByTestId('pc-ports').fill(String(tcpPort));
  await page.getByTestId('pc-start').click();
  const v6row = page.locator(`[data-testid=pc-row][data-port="${tcpPort}"]`);
  await expect(v6row).toHaveAttribute('data-state', 'closed');
  await expect(v6row.getByTestId('pc-local')).toContainText(`A program on this computer (node, pid ${process.pid}) listens on port ${tcpPort} over IPv4 only (127.0.0.1)`);

  // A bound UDP port that ignores the probe: "held by a program", not a bare "No answer".
  await page.getByTestId('pc-host').fill('127.0.0.1');
  await page.getByTestId('pc-udp').check();
  await page.getByTestId('pc-ports').fill(String(udpPorts[0]));
  await page.getByTestId('pc-start').click();
  const udpRow = page.locator(`[data-testid=pc-row][data-port="${udpPorts[0]}"]`);
  await expect(udpRow).toHaveAttribute('data-state', 'open|filtered');
  await expect(udpRow.getByTestId('pc-local')).toContainText(`A program on this computer (node, pid ${process.pid}) holds this port but did not answer the probe`);
});

test('an engine error leads with the specific reason', async ({ page }) => {
  await open(page);
  await page.getByTestId('pc-host').fill('127.0.0.1');
  await page.getByTestId('pc-ports').fill('80-70');
  await page.getByTestId('pc-start').click();
  const banner = page.getByRole('alert');
  await expect(banner.locator('strong')).toHaveText(/runs backwards/i);
  await expect(page.getByTestId('pc-progress')).toHaveCount(0);
});

test('who holds port 0? explains "any free port" instead of "a program can use it"', async ({ page }) => {
  await page.goto(`${serve.url}#/listeners`);
  await page.getByTestId('who-has-input').fill('0');
  const answer = page.getByTestId('who-has-answer');
  await expect(answer).toContainText('Port 0 means "any free port"');
  await expect(answer).not.toContainText('a program can use it');
});

test('Listeners: Escape closes the details; a search with no match says so and clears', async ({ page }) => {
  await page.goto(`${serve.url}#/listeners`);
  const search = page.getByTestId('listeners-search');
  await search.fill(String(tcpPort));
  await page.locator(`[data-testid=listener-row][data-port="${tcpPort}"]`).click();
  await expect(page.getByTestId('listener-detail')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('listener-detail')).toHaveCount(0);

  await search.fill('no-program-is-called-this');
  await expect(page.getByTestId('listeners-nothing')).toContainText('Nothing matches these filters.');
  await page.getByTestId('listeners-clear-filters').click();
  await expect(search).toHaveValue('');
  await expect(page.locator('[data-testid=listener-row]').first()).toBeVisible();
});
