// The one window factory: every BrowserWindow is created here, with all hardening applied.
import { BrowserWindow, app, shell } from 'electron';
import path from 'node:path';
import { hardenContents } from './window-hardening';
import { APP_ENTRY_URL, secureWebPreferences } from './window-policy';

export function createMainWindow(preloadPath: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    title: 'Port Doctor',
    show: false,
    // Linux window managers take the window icon from here (Windows/macOS use the packaged icon).
    icon: path.join(__dirname, 'icon.png'),
    webPreferences: secureWebPreferences(preloadPath, { packaged: app.isPackaged }),
  });
  hardenContents(win.webContents, (url) => void shell.openExternal(url));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}
