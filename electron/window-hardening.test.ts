// The hardening wiring on recording stand-ins for WebContents and Session: which handlers are
// installed and what they answer. (Electron itself cannot run here; this checks our side only.)
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { denyAllPermissions, hardenContents, type HardenableContents, type HardenableSession } from './window-hardening';
import { APP_ENTRY_URL } from './window-policy';

class RecordedEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

class RecordingContents extends EventEmitter implements HardenableContents {
  windowOpenHandlers: Array<(details: { url: string }) => { action: 'deny' }> = [];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandlers.push(handler);
  }
}

class RecordingSession implements HardenableSession {
  requestHandlers: Array<(wc: unknown, permission: string, callback: (granted: boolean) => void) => void> = [];
  checkHandlers: Array<(wc: unknown, permission: string) => boolean> = [];
  setPermissionRequestHandler(handler: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void): void {
    this.requestHandlers.push(handler);
  }
  setPermissionCheckHandler(handler: (wc: unknown, permission: string) => boolean): void {
    this.checkHandlers.push(handler);
  }
}

const URLS = [APP_ENTRY_URL, 'https://github.com/', 'http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'about:blank'];

function hardened(allowlist?: readonly string[]) {
  const contents = new RecordingContents();
  const opened: string[] = [];
  hardenContents(contents, (url) => opened.push(url), allowlist);
  return { contents, opened };
}

describe('hardenContents', () => {
  it('installs one window-open handler and one listener per navigation event', () => {
    const { contents } = hardened();
    expect(contents.windowOpenHandlers).toHaveLength(1);
    expect(contents.eventNames().sort()).toEqual(['will-attach-webview', 'will-navigate', 'will-redirect']);
    for (const name of contents.eventNames()) expect(contents.listenerCount(name), String(name)).toBe(1);
  });

  it.each(URLS)('window.open(%s) is denied', (url) => {
    const { contents } = hardened();
    expect(contents.windowOpenHandlers[0]!({ url })).toEqual({ action: 'deny' });
  });

  it('hands only the exact listed pages to the system browser', () => {
    const { contents, opened } = hardened(['https://www.iana.org/x']);
    for (const url of [...URLS, 'https://github.com@evil.example/', 'https://www.iana.org/x', 'https://www.iana.org/y']) contents.windowOpenHandlers[0]!({ url });
    expect(opened).toEqual(['https://www.iana.org/x']);
  });

  it('with the app\'s own list (no links today) nothing is handed to the system browser', () => {
    const { contents, opened } = hardened();
    for (const url of [...URLS, 'https://github.com/owner/repo', 'https://www.iana.org/x']) contents.windowOpenHandlers[0]!({ url });
    expect(opened).toEqual([]);
  });

  it.each(['will-navigate', 'will-redirect'])('%s is cancelled for every URL, the app\'s own included', (name) => {
    const { contents } = hardened();
    for (const url of URLS) {
      const event = new RecordedEvent();
      contents.emit(name, event, url);
      expect(event.defaultPrevented, url).toBe(true);
    }
  });

  it('will-attach-webview is cancelled', () => {
    const { contents } = hardened();
    const event = new RecordedEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('denyAllPermissions', () => {
  const PERMISSIONS = ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid', 'serial', 'usb', 'fullscreen', 'unknown'];

  it('installs one request handler and one check handler', () => {
    const session = new RecordingSession();
    denyAllPermissions(session);
    expect(session.requestHandlers).toHaveLength(1);
    expect(session.checkHandlers).toHaveLength(1);
  });

  it.each(PERMISSIONS)('a %s request is answered once, with false', (permission) => {
    const session = new RecordingSession();
    denyAllPermissions(session);
    const answers: boolean[] = [];
    session.requestHandlers[0]!({}, permission, (granted) => answers.push(granted));
    expect(answers).toEqual([false]);
  });

  it.each(PERMISSIONS)('a %s check returns false', (permission) => {
    const session = new RecordingSession();
    denyAllPermissions(session);
    expect(session.checkHandlers[0]!(null, permission)).toBe(false);
  });
});
