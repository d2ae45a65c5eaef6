// The Listeners table as an ARIA grid, driven by the keyboard only: one tab stop (a roving
// tabindex), arrows, Home/End, Ctrl+Home/End and PageUp/PageDown move the focused cell through the
// virtualized rows, Enter opens the row's details. Real engine, 60 sockets this test opens.
import net from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { screenshot, startServe, type Served } from './serve';

/** More rows than the scroll box shows, so moving far means the virtualizer must render new rows. */
const SOCKETS = 60;

let serve: Served;
const servers: net.Server[] = [];

test.beforeAll(async () => {
  for (let i = 0; i < SOCKETS; i++) {
    const s = net.createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    servers.push(s);
  }
  serve = await startServe();
});

test.afterAll(async () => {
  await serve?.stop();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

/** Where focus is: the row's aria-rowindex and the cell's aria-colindex, or null outside the grid's cells. */
async function focused(page: Page): Promise<{ row: number; col: number; port: string | null } | null> {
  const cell = page.locator('[role=gridcell]:focus');
  if ((await cell.count()) === 0) return null;
  const row = page.locator('[role=row]:has([role=gridcell]:focus)');
  return { row: Number(await row.getAttribute('aria-rowindex')), col: Number(await cell.getAttribute('aria-colindex')), port: await row.getAttribute('data-port') };
}

const tabbableCells = (page: Page) => page.locator('[role=grid] [role=gridcell][tabindex="0"]');

test('the listeners grid is one tab stop and moves by arrows, Home/End, PageUp/PageDown; Enter opens details', async ({ page }, testInfo) => {
  await page.goto(`${serve.url}#/listeners`);
  const grid = page.getByRole('grid', { name: 'Listening sockets' });
  await expect(grid).toBeVisible();
  await expect(page.locator('[data-testid=listener-row]').first()).toBeVisible();
  const total = Number(await grid.getAttribute('aria-rowcount'));
  expect(total).toBeGreaterThan(SOCKETS);
  await expect(grid).toHaveAttribute('aria-colcount', '6');
  await expect(grid.getByRole('columnheader')).toHaveCount(6);
  // Virtualized: far fewer rows in the DOM than sockets in the list.
  expect(await grid.getByRole('row').count()).toBeLessThan(total);
  await expect(tabbableCells(page)).toHaveCount(1);

  // Tab from the last header control lands on the first cell: the grid's one tab stop.
  await grid.getByRole('columnheader').last().getByRole('link').focus();
  await page.keyboard.press('Tab');
  expect(await focused(page)).toMatchObject({ row: 2, col: 1 });

  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  expect(await focused(page)).toMatchObject({ row: 3, col: 3 });
  await expect(tabbableCells(page)).toHaveCount(1);
  await page.keyboard.press('End');
  expect(await focused(page)).toMatchObject({ row: 3, col: 6 });
  await page.keyboard.press('Home');
  expect(await focused(page)).toMatchObject({ row: 3, col: 1 });
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  expect(await focused(page)).toMatchObject({ row: 2, col: 1 });

  // PageDown moves by a screenful (more than one row), PageUp back.
  await page.keyboard.press('PageDown');
  const paged = await focused(page);
  expect(paged!.row).toBeGreaterThan(5);
  await page.keyboard.press('PageUp');
  expect(await focused(page)).toMatchObject({ row: 2, col: 1 });

  // Ctrl+End reaches the last row, which was not rendered before; it is scrolled into view.
  await page.keyboard.press('Control+End');
  expect(await focused(page)).toMatchObject({ row: total, col: 6 });
  const last = page.locator(`[role=row][aria-rowindex="${total}"]`);
  await expect(last).toBeInViewport();
  await expect(tabbableCells(page)).toHaveCount(1);

  // Enter opens the focused row's details; Escape closes them; focus stays on the cell.
  const port = (await focused(page))!.port!;
  await page.keyboard.press('Enter');
  const detail = page.getByTestId('listener-detail');
  await expect(detail).toBeVisible();
  await expect(detail).toContainText(`:${port}`);
  await expect(last).toHaveAttribute('aria-selected', 'true');
  await screenshot(page, (n) => testInfo.outputPath(n), 'listeners-grid-keyboard');
  await page.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);

  // Scrolled away and back by keyboard, the grid still has its one tab stop; Tab leaves the grid.
  await page.keyboard.press('Control+Home');
  expect(await focused(page)).toMatchObject({ row: 2, col: 1 });
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBeNull();
  await page.keyboard.press('Shift+Tab');
  expect(await focused(page)).toMatchObject({ row: 2, col: 1 });

  // Grouped by program, a group heading is a row of one cell spanning the grid; Enter there opens nothing.
  await page.getByTestId('group-toggle').check();
  await page.locator('[role=grid] [role=gridcell][tabindex="0"]').focus();
  await page.keyboard.press('Control+Home');
  const heading = page.locator('[role=row][aria-rowindex="2"] [role=gridcell]');
  await expect(heading).toHaveAttribute('aria-colspan', '6');
  await expect(heading).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(detail).toHaveCount(0);
  await page.keyboard.press('ArrowDown');
  expect(await focused(page)).toMatchObject({ row: 3, col: 1 });
  await expect(page.locator('[role=row][aria-rowindex="3"]')).toHaveAttribute('data-testid', 'listener-row');
  await expect(tabbableCells(page)).toHaveCount(1);
});
