// Generates every app icon from the one source image, assets/icon.svg, by rendering it in
// Debian's Chromium: assets/icons/<size>x<size>.png (Linux set) and assets/icons/icon.png (1024,
// from which electron-builder derives .icns and .ico). Run after editing the SVG; output is committed.
import { chromium } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const svg = readFileSync(path.join(root, 'assets/icon.svg'), 'utf8');
const out = path.join(root, 'assets/icons');
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.PD_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  const page = await browser.newPage();
  for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg style="display:block;width:${size}px;height:${size}px" `)}</body></html>`);
    const file = size === 1024 ? 'icon.png' : `${size}x${size}.png`;
    await page.screenshot({ path: path.join(out, file), omitBackground: true });
  }
} finally {
  await browser.close();
}
