// The first screen's JavaScript stays small: the renderer is built with the real Vite config and the
// entry chunk plus everything it imports statically (what the browser must fetch before the first
// page shows) is gzipped and summed. Other pages, the IANA table and the QR encoder are lazy chunks.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The budget from issue #10: the wizard (the first page) must have room to grow. */
const INITIAL_JS_MAX_GZIP = 120 * 1024;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

const outDir = mkdtempSync(path.join(os.tmpdir(), 'pd-initial-js-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** Files reached from the entry by static imports only: dynamic imports load later, on demand. */
function initialFiles(manifest: Record<string, ManifestChunk>): string[] {
  const entries = Object.entries(manifest).filter(([, c]) => c.isEntry);
  expect(entries.map(([k]) => k)).toEqual(['index.html']);
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const next of manifest[key]?.imports ?? []) visit(next);
  };
  visit(entries[0]![0]);
  return [...seen].map((k) => manifest[k]!.file);
}

describe('first screen JavaScript', () => {
  it(`is at most ${INITIAL_JS_MAX_GZIP / 1024} KB gzip (entry + static imports)`, { timeout: 180_000 }, async () => {
    // Vitest runs with NODE_ENV=test, which would make Vite build React's development files.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({
        configFile: path.join(root, 'renderer/vite.config.ts'),
        mode: 'production',
        logLevel: 'silent',
        build: { outDir, emptyOutDir: true, manifest: 'manifest.json', sourcemap: false },
      });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    const manifest = JSON.parse(readFileSync(path.join(outDir, 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
    const files = initialFiles(manifest);
    const sizes = files.map((f) => ({ file: f, gzip: gzipSync(readFileSync(path.join(outDir, f))).length }));
    const total = sizes.reduce((n, s) => n + s.gzip, 0);
    console.log(`first screen JS: ${total} B gzip (${(total / 1024).toFixed(1)} KB) in ${files.length} files: ${sizes.map((s) => `${s.file} ${s.gzip}`).join(', ')}`);

    // The page the browser loads must name exactly the entry as its script.
    const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
    expect(html).toContain(`src="./${files[0]}"`);
    // What the issue took out stays out: zod's runtime from every chunk (the renderer imports only
    // its types), the IANA registry from the first screen.
    const initialText = files.map((f) => readFileSync(path.join(outDir, f), 'utf8')).join('\n');
    const everyChunk = Object.values(manifest).map((c) => readFileSync(path.join(outDir, c.file), 'utf8')).join('\n');
    expect(everyChunk).not.toMatch(/ZodError|\$ZodType/);
    expect(initialText).not.toContain('ssh-trap');
    expect(everyChunk).toContain('ssh-trap');
    expect(total).toBeLessThanOrEqual(INITIAL_JS_MAX_GZIP);
  });
});
