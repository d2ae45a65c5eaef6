// The app menu: release builds offer no reload and no DevTools; development builds keep them.
import { describe, expect, it } from 'vitest';
import { DEVELOPER_ROLES, appMenuTemplate, menuRoles } from './window-menu';

const PLATFORMS = ['linux', 'win32', 'darwin'] as const;

describe('appMenuTemplate', () => {
  it.each(PLATFORMS)('a release build on %s has no developer item anywhere', (platform) => {
    const roles = menuRoles(appMenuTemplate({ platform, packaged: true, appName: 'Port Doctor' }));
    for (const r of DEVELOPER_ROLES) expect(roles).not.toContain(r);
    // Only the app's own needs: quitting, the clipboard for text fields, zoom, window management.
    expect(roles).toEqual(expect.arrayContaining(['quit', 'copy', 'paste', 'selectAll', 'minimize']));
  });

  it.each(PLATFORMS)('a development build on %s keeps reload and DevTools', (platform) => {
    const roles = menuRoles(appMenuTemplate({ platform, packaged: false, appName: 'Port Doctor' }));
    for (const r of DEVELOPER_ROLES) expect(roles).toContain(r);
  });

  it('macOS gets the app-name menu first; the others a File menu', () => {
    const mac = appMenuTemplate({ platform: 'darwin', packaged: true, appName: 'Port Doctor' });
    expect(mac[0]).toMatchObject({ label: 'Port Doctor' });
    expect(menuRoles([mac[0]!])).toEqual(['about', 'hide', 'hideOthers', 'unhide', 'quit']);
    const linux = appMenuTemplate({ platform: 'linux', packaged: true, appName: 'Port Doctor' });
    expect(linux.map((m) => ('label' in m ? m.label : null))).toEqual(['File', 'Edit', 'View', 'Window']);
  });

  it('uses no role that brings a default submenu (those carry DevTools back in)', () => {
    for (const platform of PLATFORMS) {
      const roles: string[] = menuRoles(appMenuTemplate({ platform, packaged: true, appName: 'x' }));
      for (const r of ['viewMenu', 'windowMenu', 'appMenu', 'fileMenu', 'editMenu', 'help']) expect(roles).not.toContain(r);
    }
  });
});
