// Every invariant of the window's security policy, as data and pure decisions.
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  EXTERNAL_URLS,
  appUrlToFile,
  isAllowedExternalUrl,
  isAllowedNavigation,
  isTrustedSender,
  secureWebPreferences,
  type SenderFacts,
} from './window-policy';

describe('secureWebPreferences', () => {
  it('is exactly the hardened set (a new key, or a weakened one, fails here)', () => {
    expect(secureWebPreferences('/app/preload.cjs', { packaged: true })).toEqual({
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
      devTools: false,
      preload: '/app/preload.cjs',
    });
  });

  it('allows DevTools only in a development build', () => {
    expect(secureWebPreferences('/p', { packaged: true }).devTools).toBe(false);
    expect(secureWebPreferences('/p', { packaged: false }).devTools).toBe(true);
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
  const LIST = ['https://github.com/owner/port-doctor/issues', 'https://www.iana.org/assignments/service-names-port-numbers/', 'https://example.org/a?b=1#c'];
  const allowed = (url: string) => isAllowedExternalUrl(url, LIST);

  it('links nowhere today: the app has no external link, so nothing may open', () => {
    expect(EXTERNAL_URLS).toEqual([]);
    expect(isAllowedExternalUrl('https://github.com/')).toBe(false);
  });

  it.each([
    'https://github.com/owner/port-doctor/issues',
    'https://GitHub.com/owner/port-doctor/issues',
    'https://github.com:443/owner/port-doctor/issues',
    'https://www.iana.org/assignments/service-names-port-numbers/',
    'https://example.org/a?b=1#c',
  ])('allows the listed page %s (normalised)', (url) => expect(allowed(url)).toBe(true));

  it.each([
    ['another path on a listed host', 'https://github.com/someone-else/malware'],
    ['the host alone', 'https://github.com/'],
    ['a longer path', 'https://github.com/owner/port-doctor/issues/1'],
    ['another query', 'https://example.org/a?b=2#c'],
    ['no fragment', 'https://example.org/a?b=1'],
    ['a trailing slash missing', 'https://www.iana.org/assignments/service-names-port-numbers'],
    ['plain http', 'http://github.com/owner/port-doctor/issues'],
    ['file', 'file:///etc/passwd'],
    ['javascript', 'javascript:alert(1)'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['the app scheme', APP_ENTRY_URL],
    ['userinfo that looks like the host', 'https://github.com@evil.example/owner/port-doctor/issues'],
    ['userinfo before the real host', 'https://user:pass@github.com/owner/port-doctor/issues'],
    ['a backslash that hides the real host', 'https://evil.example\\@github.com/owner/port-doctor/issues'],
    ['a lookalike suffix', 'https://github.com.evil.example/owner/port-doctor/issues'],
    ['a trailing dot', 'https://github.com./owner/port-doctor/issues'],
    ['an explicit port', 'https://github.com:8443/owner/port-doctor/issues'],
    ['not a URL', 'github.com'],
    ['empty', ''],
  ])('refuses %s', (_label, url) => expect(allowed(url)).toBe(false));

  it('whatever it allows is exactly one of the listed pages', () => {
    const hrefs = new Set(LIST.map((u) => new URL(u).href));
    const piece = fc.constantFrom('https:', '//', 'github.com', 'evil.example', '@', ':', '443', '/', '\\', '.', 'owner', 'port-doctor', 'issues', '%40', '#', '?', 'www.iana.org');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }).map((ps) => ps.join('')), (raw) => {
        if (allowed(raw)) expect(hrefs).toContain(new URL(raw).href);
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
