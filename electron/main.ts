// Electron main process: app lifecycle, the app:// protocol, the window, and IPC wiring.
import { Menu, app, net, protocol, session, shell, type BrowserWindow, type WebContents } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createEngine } from './engine';
import { desktopNotify } from './notify-desktop';
import { registerIpc } from './ipc';
import { desktopReportSeams } from './report-desktop';
import { rendererDir } from './paths';
import { createMainWindow } from './window';
import { denyAllPermissions, hardenContents } from './window-hardening';
import { appMenuTemplate } from './window-menu';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, appUrlToFile } from './window-policy';

// Must run before `ready`: app:// behaves like https (secure context, standard URL parsing).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

// A second launch hands over to the first (which brings its window forward) and starts nothing.
const primary = app.requestSingleInstanceLock();
if (!primary) app.quit();

const trustedIds = new Set<number>();

// Every webContents, including any a bug might create, gets the same navigation and popup rules.
app.on('web-contents-created', (_event, contents: WebContents) => {
  hardenContents(contents, (url) => void shell.openExternal(url));
});

app.whenReady().then(() => {
  if (!primary) return;
  const root = rendererDir();
  protocol.handle(APP_SCHEME, async (request) => {
    const file = appUrlToFile(request.url, root);
    if (!file) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
  denyAllPermissions(session.defaultSession);
  // Replaces Electron's default menu, which would carry Reload and DevTools into release builds.
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate({ platform: process.platform, packaged: app.isPackaged, appName: app.name })));
  let mainWindow: BrowserWindow | null = null;
  registerIpc(createEngine(undefined, desktopReportSeams(() => mainWindow), desktopNotify), trustedIds);

  const open = () => {
    const win = createMainWindow(path.join(__dirname, 'preload.cjs'));
    const id = win.webContents.id;
    trustedIds.add(id);
    mainWindow = win;
    win.on('closed', () => {
      trustedIds.delete(id);
      if (mainWindow === win) mainWindow = null;
    });
  };
  open();
  app.on('second-instance', () => {
    if (!mainWindow) return open();
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('activate', () => {
    if (!mainWindow) open();
  });
}, (e: unknown) => {
  process.stderr.write(`Port Doctor failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  app.exit(1);
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
