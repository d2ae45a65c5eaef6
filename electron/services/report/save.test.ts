// Atomic save: the file appears whole or not at all, and a failure names the path and the reason.
// Real failures where this machine can make them (missing folder, a folder in the way, read-only
// and full filesystems — those need root to mount), injected ones where it cannot.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeSaveFs, ReportSaveError, saveFileAtomic, type SaveFs } from './save';

const dir = mkdtempSync(path.join(tmpdir(), 'pd-save-'));
const mounts: string[] = [];
afterAll(() => {
  for (const m of mounts) execFileSync('umount', [m]);
  rmSync(dir, { recursive: true, force: true });
});

async function failure(p: Promise<unknown>): Promise<ReportSaveError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ReportSaveError);
  return e as ReportSaveError;
}

describe('saveFileAtomic', () => {
  it('writes the whole file and leaves nothing else', async () => {
    const target = path.join(dir, 'ok', 'r.md');
    mkdirSync(path.dirname(target));
    await saveFileAtomic(target, '# report\n');
    expect(readFileSync(target, 'utf8')).toBe('# report\n');
    expect(readdirSync(path.dirname(target))).toEqual(['r.md']);
  });

  it('replaces an existing report in one step', async () => {
    const target = path.join(dir, 'ok', 'r.md');
    await saveFileAtomic(target, 'second');
    expect(readFileSync(target, 'utf8')).toBe('second');
  });

  it('a missing folder is a clear error naming the path', async () => {
    const target = path.join(dir, 'no-such-folder', 'r.md');
    const e = await failure(saveFileAtomic(target, 'x'));
    expect(e.message).toBe(`Could not save the report to ${target}: the folder does not exist (ENOENT).`);
  });

  it('a folder with the report\'s name is refused and left as it was', async () => {
    const target = path.join(dir, 'taken');
    mkdirSync(target);
    const e = await failure(saveFileAtomic(target, 'x'));
    expect(e.errno).toBe('EISDIR');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a write that fails half-way (disk full) removes the temporary file', async () => {
    const target = path.join(dir, 'half', 'r.md');
    mkdirSync(path.dirname(target));
    const fs: SaveFs = {
      ...nodeSaveFs,
      open: async (file, flags, mode) => {
        const h = await nodeSaveFs.open(file, flags, mode);
        return {
          writeFile: async (data) => {
            await h.writeFile(String(data).slice(0, 3));
            throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
          },
          sync: () => h.sync(),
          close: () => h.close(),
        };
      },
    };
    const e = await failure(saveFileAtomic(target, 'complete report', fs));
    expect(e.message).toContain('the disk is full');
    expect(readdirSync(path.dirname(target))).toEqual([]);
  });

  it('a folder the user may not write in says so (injected: root ignores permissions)', async () => {
    const fs: SaveFs = { ...nodeSaveFs, open: async () => Promise.reject(Object.assign(new Error('denied'), { code: 'EACCES' })) };
    const e = await failure(saveFileAtomic(path.join(dir, 'r.md'), 'x', fs));
    expect(e.message).toContain('you are not allowed to write in that folder');
  });

  it('a failed rename leaves the old report and no temporary file', async () => {
    const target = path.join(dir, 'ren', 'r.md');
    mkdirSync(path.dirname(target));
    writeFileSync(target, 'old');
    const fs: SaveFs = { ...nodeSaveFs, rename: async () => Promise.reject(Object.assign(new Error('io'), { code: 'EIO' })) };
    await failure(saveFileAtomic(target, 'new', fs));
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(path.dirname(target))).toEqual(['r.md']);
  });
});

// Real read-only and full filesystems: tmpfs mounts need root, which CI has (PD_REQUIRE_LAB=1).
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const describeRoot = isRoot || process.env.PD_REQUIRE_LAB === '1' ? describe : describe.skip;

describeRoot('saveFileAtomic on real failing filesystems (root)', () => {
  const mount = (name: string, opts: string): string => {
    const m = path.join(dir, name);
    mkdirSync(m);
    execFileSync('mount', ['-t', 'tmpfs', '-o', opts, 'pd-save-test', m]);
    mounts.push(m);
    return m;
  };

  it('a read-only disk is a clear error and leaves nothing', async () => {
    const m = mount('ro', 'ro,size=64k');
    const e = await failure(saveFileAtomic(path.join(m, 'r.md'), 'x'));
    expect(e.message).toBe(`Could not save the report to ${path.join(m, 'r.md')}: the disk is read-only (EROFS).`);
    expect(readdirSync(m)).toEqual([]);
  });

  it('a full disk is a clear error and leaves no partial or temporary file', async () => {
    const m = mount('full', 'size=32k');
    const e = await failure(saveFileAtomic(path.join(m, 'r.html'), 'x'.repeat(256 * 1024)));
    expect(e.errno).toBe('ENOSPC');
    expect(e.message).toContain(path.join(m, 'r.html'));
    expect(readdirSync(m)).toEqual([]);
  });
});
