// What only the desktop shell does for reports: the native save dialog, and PDF printed by
// Chromium from the report's own HTML in a hidden window that runs no script.
import { app, BrowserWindow, dialog } from 'electron';
import path from 'node:path';
import type { DesktopReportSeams } from './handlers/report';

const FILTERS: Record<'md' | 'html' | 'json' | 'pdf', Electron.FileFilter> = {
  md: { name: 'Markdown', extensions: ['md'] },
  html: { name: 'Web page', extensions: ['html'] },
  json: { name: 'JSON', extensions: ['json'] },
  pdf: { name: 'PDF', extensions: ['pdf'] },
};

/** The PDF window loads one self-contained page; half a minute covers a slow first layout. */
const PDF_TIMEOUT_MS = 30_000;

export function desktopReportSeams(parent: () => BrowserWindow | null): DesktopReportSeams {
  return {
    async chooseSavePath(defaultName, format) {
      const options = { defaultPath: path.join(app.getPath('documents'), defaultName), filters: [FILTERS[format]] };
      const win = parent();
      const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    async printToPdf(html) {
      const win = new BrowserWindow({
        show: false,
        webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
      });
      const timer = setTimeout(() => win.destroy(), PDF_TIMEOUT_MS);
      try {
        await win.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`);
        return await win.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true });
      } finally {
        clearTimeout(timer);
        if (!win.isDestroyed()) win.destroy();
      }
    },
  };
}
