// Every invariant of the window's security policy, as data and pure decisions.
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  EXTERNAL_URL_ALLOWLIST,
  appUrlToFile,
  isAllowedExternalUrl,
  isAllowedNavigation,
  isTrustedSender,
  secureWebPreferences,
  type SenderFacts,
} from './window-policy';

describe('secureWebPreferences', () => {
  it('is exactly the hardened set (a new key, or a weakened one, fails here)', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toEqual({
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
      preload: '/app/preload.cjs',
    });
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/));
  const csp = new Map(directives.map(([name, ...values]) => [name!, values]));

  it('names each directive once', () => {
    expect(csp.size).toBe(directives.length);
  });

  it('starts from deny-all and allows scripts only from the app itself', () => {
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('gives the renderer no network: it talks to the engine over IPC only', () => {
    expect(csp.get('connect-src')).toEqual(["'none'"]);
  });

  it('has no unsafe-* keyword, wildcard, or scheme-wide source anywhere', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|\*|'strict-dynamic'/);
    for (const [name, values] of csp) {
      const allowed = name === 'img-src' ? ["'self'", "'none'", 'data:'] : ["'self'", "'none'"];
      for (const v of values) expect(allowed, `${name} ${v}`).toContain(v);
    }
  });
});

describe('isAllowedExternalUrl', () => {
  it.each(['https://github.com/owner/port-doctor/issues', 'https://www.iana.org/assignments/service-names', 'https://datatracker.ietf.org/doc/html/rfc6887', 'https://GitHub.com/x', 'https://github.com:443/x'])(
    'allows %s',
    (url) => expect(isAllowedExternalUrl(url)).toBe(true),
  );

  it.each([
    ['plain http', 'http://github.com/'],
    ['file', 'file:///etc/passwd'],
    ['javascript', 'javascript:alert(1)'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['ftp', 'ftp://github.com/'],
    ['wss', 'wss://github.com/'],
    ['the app scheme', APP_ENTRY_URL],
    ['userinfo that looks like the host', 'https://github.com@evil.example/'],
    ['userinfo before the real host', 'https://user:pass@github.com/'],
    ['a username only', 'https://x@github.com/'],
    ['a backslash that hides the real host', 'https://evil.example\\@github.com/'],
    ['a lookalike suffix', 'https://github.com.evil.example/'],
    ['a lookalike prefix', 'https://evilgithub.com/'],
    ['a subdomain not on the list', 'https://gist.github.com/'],
    ['a trailing dot', 'https://github.com./'],
    ['a homoglyph', 'https://gіthub.com/'],
    ['an explicit port', 'https://github.com:8443/'],
    ['an IP address', 'https://140.82.112.3/'],
    ['loopback', 'https://127.0.0.1/'],
    ['not a URL', 'github.com'],
    ['empty', ''],
  ])('refuses %s', (_label, url) => expect(isAllowedExternalUrl(url)).toBe(false));

  it('uses the allowlist it is given', () => {
    expect(isAllowedExternalUrl('https://example.org/', ['example.org'])).toBe(true);
    expect(isAllowedExternalUrl('https://github.com/', ['example.org'])).toBe(false);
  });

  it('whatever it allows, the browser would open an https origin on the allowlist', () => {
    const origins = new Set(EXTERNAL_URL_ALLOWLIST.map((h) => `https://${h}`));
    const piece = fc.constantFrom('https:', '//', 'github.com', 'evil.example', '@', ':', '8443', '/', '\\', '.', 'user', '%40', '#', '?', 'www.iana.org');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }).map((ps) => ps.join('')), (raw) => {
        if (isAllowedExternalUrl(raw)) expect(origins).toContain(new URL(raw).origin);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('isAllowedNavigation', () => {
  it.each([APP_ENTRY_URL, `${APP_ORIGIN}/other.html`, 'https://github.com/', 'about:blank', 'file:///etc/passwd', ''])('refuses %j', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });
});

describe('isTrustedSender', () => {
  const trusted = new Set([7]);
  const ours: SenderFacts = { frameUrl: APP_ENTRY_URL, isMainFrame: true, webContentsId: 7 };

  it('accepts the main frame of our window on the app origin', () => {
    expect(isTrustedSender(ours, trusted)).toBe(true);
    expect(isTrustedSender({ ...ours, frameUrl: `${APP_ORIGIN}/assets/x.html#y` }, trusted)).toBe(true);
  });

  it.each<[string, Partial<SenderFacts>]>([
    ['a subframe', { isMainFrame: false }],
    ['a frame that is gone', { frameUrl: null }],
    ['another webContents', { webContentsId: 8 }],
    ['file://', { frameUrl: 'file:///opt/port-doctor/index.html' }],
    ['https with our host name', { frameUrl: 'https://port-doctor/index.html' }],
    ['another app:// host', { frameUrl: 'app://evil/index.html' }],
    ['a host that starts like ours', { frameUrl: 'app://port-doctor.evil/index.html' }],
    ['our host with a port', { frameUrl: 'app://port-doctor:8080/index.html' }],
    ['about:blank', { frameUrl: 'about:blank' }],
    ['a data: URL', { frameUrl: 'data:text/html,hi' }],
    ['not a URL', { frameUrl: 'port-doctor' }],
    ['an empty URL', { frameUrl: '' }],
  ])('refuses %s', (_label, change) => {
    expect(isTrustedSender({ ...ours, ...change }, trusted)).toBe(false);
  });

  it('trusts nobody when no window is registered', () => {
    expect(isTrustedSender(ours, new Set())).toBe(false);
  });
});

describe('appUrlToFile', () => {
  const root = path.resolve('/opt/port-doctor/renderer');

  it.each([
    [`${APP_ORIGIN}/`, 'index.html'],
    [APP_ENTRY_URL, 'index.html'],
    [`${APP_ORIGIN}/assets/index-abc.js`, 'assets/index-abc.js'],
    [`${APP_ORIGIN}/assets/a%20b.css?v=1#x`, 'assets/a b.css'],
    // The URL parser resolves dot segments before we see the path: these stay inside the root.
    [`${APP_ORIGIN}/../package.json`, 'package.json'],
    [`${APP_ORIGIN}/%2e%2e/%2E%2E/package.json`, 'package.json'],
  ])('maps %s into the renderer folder', (url, rel) => {
    expect(appUrlToFile(url, root)).toBe(path.join(root, rel));
  });

  it.each([
    `${APP_ORIGIN}/..%2fpackage.json`,
    `${APP_ORIGIN}/assets/..%2f..%2fpackage.json`,
    `${APP_ORIGIN}/..%2frenderer-evil%2fx.js`,
    `${APP_ORIGIN}/%2f`,
    `${APP_ORIGIN}/index.html%00.js`,
    `${APP_ORIGIN}/%E0%A4%A`,
    'app://evil/index.html',
    'app://port-doctor:1/index.html',
    'file:///opt/port-doctor/renderer/index.html',
    'https://port-doctor/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(appUrlToFile(url, root)).toBeNull();
  });

  it('never answers with a path outside the renderer folder, whatever the URL path', () => {
    const piece = fc.constantFrom('..', '.', '/', '%2f', '%2F', '%2e', '%2E', '%5c', '\\', '%00', '%', 'a', 'index.html', '%252e');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }).map((ps) => `${APP_ORIGIN}/${ps.join('')}`), (url) => {
        const file = appUrlToFile(url, root);
        if (file === null) return;
        const rel = path.relative(root, file);
        expect(rel === '' || rel.split(path.sep)[0] === '..' || path.isAbsolute(rel), `${url} → ${file}`).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });
});
