// electron-builder.yml is only read when packaging, which needs the Electron runtime we cannot
// download here; these tests hold it to electron-builder's own schema and to our security choices.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const config = YAML.parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  electronFuses: Record<string, boolean>;
  files: string[];
  icon: string;
  win: { target: string };
  mac: { target: string };
  linux: { target: string[]; icon: string };
};
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string };

type Validate = (c: unknown, logger: unknown) => Promise<void>;
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as { validateConfiguration: Validate };
const { DebugLogger } = require('builder-util/out/DebugLogger.js') as { DebugLogger: new (enabled: boolean) => unknown };

/** Width and height from a PNG's IHDR chunk (bytes 16–23), read independently of any image library. */
function pngSize(file: string): [number, number] {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema (and the schema does reject a misspelt fuse)', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, electronFuses: { runAsNod: false } }, new DebugLogger(false))).rejects.toThrow(/configuration\.electronFuses/);
  });

  it('sets every security fuse', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

  it('targets NSIS, DMG, AppImage and deb, and names the app', () => {
    expect(config.appId).toMatch(/^[a-z0-9]+(\.[a-z0-9-]+)+$/);
    expect(config.productName).toBe('Port Doctor');
    expect(config.win.target).toBe('nsis');
    expect(config.mac.target).toBe('dmg');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });

  it('packs the built main process and renderer, with package.json main inside them', () => {
    expect(config.files).toEqual(expect.arrayContaining(['package.json', 'dist/electron/**', 'dist/renderer/**']));
    expect(pkg.main.startsWith('dist/electron/')).toBe(true);
    expect(config.asar).toBe(true);
  });

  it('has icons at the sizes their names claim, and a 1024 px master for .ico/.icns', () => {
    expect(pngSize(path.join(root, config.icon))).toEqual([1024, 1024]);
    const dir = path.join(root, config.linux.icon);
    const sized = readdirSync(dir).filter((f) => /^\d+x\d+\.png$/.test(f));
    expect(sized.length).toBeGreaterThanOrEqual(6);
    for (const f of sized) {
      const [w, h] = f.replace('.png', '').split('x').map(Number);
      expect(pngSize(path.join(dir, f)), f).toEqual([w, h]);
    }
  });
});
