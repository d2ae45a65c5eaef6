// Export report end to end: the real engine (`port-doctor serve`), a real browser. The preview is
// what gets downloaded, redaction is on by default, the HTML prints to PDF (pdftoppm renders the
// pages to PNGs that are looked at), light and dark.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { reportFixture } from '../shared/report/fixture.test-util';
import { redactReport, renderReport } from '../shared/report';
import { screenshot, startServe, type Served } from './serve';

let serve: Served;
const server = net.createServer();
let port = 0;

test.beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as net.AddressInfo).port;
  serve = await startServe();
});

test.afterAll(async () => {
  await serve?.stop();
  await new Promise((r) => server.close(r));
});

test('exports the listeners: redacted preview by default, the download is the preview, copy works', async ({ page, context }, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`${serve.url}#/listeners`);
  await expect(page.getByTestId('listeners-summary')).toBeVisible();
  await page.getByTestId('listeners-export').click();

  const dialog = page.getByTestId('report-dialog');
  await expect(dialog).toBeVisible();
  const preview = page.getByTestId('report-text-preview');
  await expect(preview).toContainText('# Port Doctor report — Listening programs');
  await expect(preview).toContainText(`${port}/tcp`);
  await expect(preview).toContainText('\\[computer\\]');
  expect(await preview.textContent()).not.toContain(os.hostname());
  await expect(page.getByTestId('report-redact')).toBeChecked();
  await screenshot(page, (n) => testInfo.outputPath(n), 'report-export-markdown');

  // Off: the preview shows the real computer name; back on, it is hidden again.
  await page.getByTestId('report-redact').uncheck();
  await expect(preview).toContainText(os.hostname());
  await page.getByTestId('report-redact').check();
  await expect(preview).toContainText('\\[computer\\]');
  const shown = (await preview.textContent()) ?? '';

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-save').click()]);
  expect(download.suggestedFilename()).toMatch(/^port-doctor-report-listening-programs-\d{4}-\d\d-\d\d\.md$/);
  const saved = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(saved);
  expect(readFileSync(saved, 'utf8')).toBe(shown);
  await expect(page.getByTestId('report-outcome')).toContainText('Downloaded');

  await page.getByTestId('report-copy').click();
  await expect(page.getByTestId('report-outcome')).toContainText('Markdown copied');
  expect(await page.evaluate('navigator.clipboard.readText()')).toBe(shown);

  await page.getByTestId('report-format-html').click();
  const html = page.getByTestId('report-html-preview');
  await expect(html.locator('h1')).toHaveText('Port Doctor report — Listening programs');
  await screenshot(page, (n) => testInfo.outputPath(n), 'report-export-html');

  // On paper only the report prints: the app around it and the dialog's controls do not.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('#root')).toBeHidden();
  await expect(page.getByTestId('report-save')).toBeHidden();
  await expect(html.locator('h1')).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('listeners-export')).toBeFocused();
});

test('the HTML report prints to PDF pages and reads well in light and dark', async ({ page }, testInfo) => {
  const html = renderReport(redactReport(reportFixture()), 'html');
  await page.setContent(html);
  // Its own CSP forbids every remote load: the page made no request at all.
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.setContent(html);
  expect(requests).toEqual([]);
  await screenshot(page, (n) => testInfo.outputPath(n), 'report-html-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, (n) => testInfo.outputPath(n), 'report-html-dark');

  const pdf = testInfo.outputPath('report.pdf');
  await page.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true, printBackground: true });
  const dir = testInfo.outputPath('pdf-pages');
  execFileSync('mkdir', ['-p', dir]);
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf, path.join(dir, 'page')]);
  const pages = readdirSync(dir).filter((f) => f.endsWith('.png'));
  expect(pages.length).toBeGreaterThanOrEqual(1);
  const shotDir = process.env.PD_SCREENSHOT_DIR;
  if (shotDir) for (const p of pages) writeFileSync(path.resolve(shotDir, `report-pdf-${p}`), readFileSync(path.join(dir, p)));
  // The PDF carries the report's words (pdftotext reads them back from the printed pages).
  const words = execFileSync('pdftotext', [pdf, '-']).toString();
  expect(words).toContain('Your router does not forward TCP 25565');
  expect(words).toContain('203.0.113.x (A)');
  expect(words).not.toContain('203.0.113.77');
});
