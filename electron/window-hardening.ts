// Wires the window policy into a webContents and a session. No runtime electron import, so the
// wiring is tested on recording objects (importing `electron` outside Electron fails, or downloads).
import { EXTERNAL_URLS, isAllowedExternalUrl, isAllowedNavigation } from './window-policy';

/** The event object Electron hands to navigation listeners: all hardening needs is to cancel it. */
export interface CancellableEvent {
  preventDefault(): void;
}

/**
 * The parts of WebContents hardening touches, declared structurally so Electron's WebContents
 * satisfies it and a test double needs nothing more than these methods.
 */
export interface HardenableContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate', listener: (event: CancellableEvent, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: CancellableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: CancellableEvent) => void): unknown;
}

export function hardenContents(
  contents: HardenableContents,
  openExternal: (url: string) => void,
  allowlist: readonly string[] = EXTERNAL_URLS,
): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url, allowlist)) openExternal(url);
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

/** The parts of Session permission hardening touches (Electron's Session satisfies it). */
export interface HardenableSession {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
}

/** No camera, microphone, notifications, geolocation, HID, …: the app needs none of them. */
export function denyAllPermissions(session: HardenableSession): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
