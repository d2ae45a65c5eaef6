// The one window factory: every BrowserWindow is created here, with all hardening applied.
import { BrowserWindow, shell, type Session, type WebContents } from 'electron';
import path from 'node:path';
import {
  APP_ENTRY_URL,
  isAllowedExternalUrl,
  isAllowedNavigation,
  secureWebPreferences,
} from './window-policy';

/** The parts of WebContents hardening touches; lets the test check the wiring on a recorder. */
export type HardenableContents = Pick<WebContents, 'setWindowOpenHandler' | 'on'>;

export function hardenContents(contents: HardenableContents, openExternal: (url: string) => void): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export type HardenableSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;

/** No camera, microphone, notifications, geolocation, HID, …: the app needs none of them. */
export function denyAllPermissions(session: HardenableSession): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export function createMainWindow(preloadPath: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    title: 'Port Doctor',
    show: false,
    icon: path.join(__dirname, '..', 'renderer', 'icon.png'),
    webPreferences: secureWebPreferences(preloadPath),
  });
  hardenContents(win.webContents, (url) => void shell.openExternal(url));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}
