// Security policy for the Electron window as plain data and pure decisions (no electron import),
// so every invariant is unit-tested; window.ts and ipc.ts only wire these into Electron.
import path from 'node:path';

/** The app's own origin: pages load from app://port-doctor/, never file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'port-doctor';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The renderer talks to the engine over IPC only: no network, no inline code, no framing. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

export interface SecureWebPreferences {
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  experimentalFeatures: false;
  navigateOnDragDrop: false;
  spellcheck: false;
  /** Only in development builds: a release build cannot open DevTools at all. */
  devTools: boolean;
  preload: string;
}

export function secureWebPreferences(preloadPath: string, build: { packaged: boolean }): SecureWebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: !build.packaged,
    preload: preloadPath,
  };
}

/**
 * The exact pages the app may open in the user's browser: the URLs its pages link to, nothing
 * else. A host-wide rule (any path on github.com) would let a compromised renderer open any
 * repository, gist or user page there. A page that adds a link adds its exact URL here.
 */
export const EXTERNAL_URLS: readonly string[] = [];

/** https only, no credentials, and the normalised URL equal to one on the list (query and fragment included). */
export function isAllowedExternalUrl(raw: string, allowlist: readonly string[] = EXTERNAL_URLS): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return false;
  return allowlist.some((entry) => {
    try {
      return new URL(entry).href === url.href;
    } catch {
      return false;
    }
  });
}

/** No in-app navigation ever: the UI is a single page; links to the world go through openExternal. */
export function isAllowedNavigation(_url: string): boolean {
  return false;
}

export interface SenderFacts {
  /** URL of the frame that sent the message (senderFrame.url), null when the frame is gone. */
  frameUrl: string | null;
  /** Whether that frame is the top frame of its page (senderFrame.parent === null). */
  isMainFrame: boolean;
  /** webContents id of the sender. */
  webContentsId: number;
}

/** An IPC message is honoured only from our own window's main frame on the app origin. */
export function isTrustedSender(sender: SenderFacts, trustedWebContentsIds: ReadonlySet<number>): boolean {
  if (!trustedWebContentsIds.has(sender.webContentsId) || !sender.isMainFrame || sender.frameUrl === null) return false;
  try {
    const u = new URL(sender.frameUrl);
    return `${u.protocol}//${u.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

/** Maps an app:// request to a file of the built renderer, refusing other hosts and traversal. */
export function appUrlToFile(rawUrl: string, rendererRoot: string): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (rel.includes('\0')) return null;
  const base = path.resolve(rendererRoot);
  const full = path.resolve(base, rel === '/' ? 'index.html' : rel.replace(/^\/+/, ''));
  return full.startsWith(base + path.sep) ? full : null;
}
