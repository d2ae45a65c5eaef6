// Saving a report without ever leaving half a file: write a temporary file in the same folder,
// flush it, then rename it over the target (atomic on one filesystem). Any failure removes the
// temporary file and names the path and the reason in words.
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/** The file operations a save needs: the seam fault-injection tests replace. */
export interface SaveFs {
  open(file: string, flags: string, mode: number): Promise<{
    writeFile(data: string | Uint8Array): Promise<void>;
    sync(): Promise<void>;
    close(): Promise<void>;
  }>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
}

export const nodeSaveFs: SaveFs = { open, rename, unlink };

/** Node's error codes → what the user should know about the folder or disk. */
const REASONS: Record<string, string> = {
  ENOENT: 'the folder does not exist',
  ENOTDIR: 'part of the path is not a folder',
  EACCES: 'you are not allowed to write in that folder',
  EPERM: 'you are not allowed to write in that folder',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'your disk quota is used up',
  EISDIR: 'that name is a folder',
  ENAMETOOLONG: 'the file name is too long',
  EIO: 'the disk reported an input/output error',
};

export class ReportSaveError extends Error {
  readonly path: string;
  readonly errno: string | null;
  constructor(file: string, errno: string | null, options?: { cause?: unknown }) {
    const reason = (errno && REASONS[errno]) ?? 'the system refused to write it';
    super(`Could not save the report to ${file}: ${reason}${errno ? ` (${errno})` : ''}.`, options);
    this.name = 'ReportSaveError';
    this.path = file;
    this.errno = errno;
  }
}

const errnoOf = (e: unknown): string | null =>
  e && typeof e === 'object' && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : null;

/**
 * Write `data` to `target` atomically. The temporary name starts with a dot and ends in `.tmp` so
 * a crash between write and rename leaves an obviously stray file, never a truncated report.
 */
export async function saveFileAtomic(target: string, data: string | Uint8Array, fs: SaveFs = nodeSaveFs): Promise<string> {
  const file = path.resolve(target);
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: Awaited<ReturnType<SaveFs['open']>> | null = null;
  let created = false;
  try {
    handle = await fs.open(tmp, 'wx', 0o644);
    created = true;
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = null;
    await fs.rename(tmp, file);
    created = false;
    return file;
  } catch (e) {
    if (handle) await handle.close().catch(() => undefined);
    if (created) await fs.unlink(tmp).catch(() => undefined);
    throw new ReportSaveError(file, errnoOf(e), { cause: e });
  }
}
