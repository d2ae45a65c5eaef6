// URL path → file of the built renderer: inside the folder or nothing.
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, resolveStaticPath } from './static';

const root = path.resolve('/srv/pd/renderer');

function escapes(file: string): boolean {
  const rel = path.relative(root, file);
  return rel.split(path.sep)[0] === '..' || path.isAbsolute(rel);
}

describe('resolveStaticPath', () => {
  it.each([
    ['/', 'index.html'],
    ['', 'index.html'],
    ['/index.html', 'index.html'],
    ['/assets/index-abc.js', 'assets/index-abc.js'],
    ['/assets/a%20b.css', 'assets/a b.css'],
  ])('%j → %s', (url, rel) => expect(resolveStaticPath(root, url)).toBe(path.join(root, rel)));

  it.each(['/..%2fpackage.json', '/..%2F..%2Fetc%2Fpasswd', '/assets/..%2f..%2fx', '/../x', '/..%2frenderer-evil%2fx', '/%00', '/index.html%00.js', '/%E0%A4%A', '/%'])(
    'refuses %j',
    (url) => expect(resolveStaticPath(root, url)).toBeNull(),
  );

  it('never resolves outside the root, whatever the (already URL-parsed) path', () => {
    const piece = fc.constantFrom('..', '.', '/', '%2f', '%2F', '%2e', '%2E', '%5c', '\\', '%00', '%', 'a', 'index.html', '%252e');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }).map((ps) => `/${ps.join('')}`), (url) => {
        const file = resolveStaticPath(root, url);
        if (file !== null) expect(escapes(file), `${url} → ${file}`).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['A.JS', 'text/javascript; charset=utf-8'],
    ['x.css', 'text/css; charset=utf-8'],
    ['icon.svg', 'image/svg+xml'],
    ['x.js.map', 'application/json'],
    ['no-extension', 'application/octet-stream'],
    ['evil.exe', 'application/octet-stream'],
  ])('%s → %s', (file, type) => expect(contentTypeFor(file)).toBe(type));
});
