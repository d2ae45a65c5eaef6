// The application menu as plain data (no electron import, so it is unit-tested): only what the app
// needs. Electron's default menu carries Reload and Toggle Developer Tools into release builds.

/** The roles this app uses: a closed subset of Electron's, so main.ts type-checks the template. */
export type AppMenuRole =
  | 'about' | 'hide' | 'hideOthers' | 'unhide' | 'quit'
  | 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'selectAll'
  | 'reload' | 'forceReload' | 'toggleDevTools'
  | 'resetZoom' | 'zoomIn' | 'zoomOut' | 'togglefullscreen'
  | 'minimize' | 'zoom' | 'front' | 'close';

export type AppMenuItem = { type: 'separator' } | { role: AppMenuRole } | { label: string; submenu: AppMenuItem[] };

export interface MenuFacts {
  platform: NodeJS.Platform;
  /** app.isPackaged: a release build. Developer items exist only when this is false. */
  packaged: boolean;
  appName: string;
}

/** Roles a release build must never offer: they reload the page or open DevTools. */
export const DEVELOPER_ROLES: readonly AppMenuRole[] = ['reload', 'forceReload', 'toggleDevTools'];

const separator = { type: 'separator' } as const;

export function appMenuTemplate({ platform, packaged, appName }: MenuFacts): AppMenuItem[] {
  const mac = platform === 'darwin';
  const developer: AppMenuItem[] = packaged ? [] : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator];
  return [
    ...(mac
      ? [{ label: appName, submenu: [{ role: 'about' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }] } satisfies AppMenuItem]
      : [{ label: 'File', submenu: [{ role: 'quit' }] } satisfies AppMenuItem]),
    // Text fields (host, ports, filters) need the clipboard; on macOS its shortcuts live in this menu.
    { label: 'Edit', submenu: [{ role: 'undo' }, { role: 'redo' }, separator, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    { label: 'View', submenu: [...developer, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, separator, { role: 'togglefullscreen' }] },
    { label: 'Window', submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }] },
  ];
}

/** Every role in a template, depth first (for tests and for the release check in main.ts). */
export function menuRoles(items: readonly AppMenuItem[]): AppMenuRole[] {
  return items.flatMap((i) => ('role' in i ? [i.role] : 'submenu' in i ? menuRoles(i.submenu) : []));
}
