// The few filesystem calls the Linux collector makes, in one place: fewest syscalls, errors kept.
import fs from 'node:fs';

/** Start size of the shared read buffer; /proc/net/tcp with 12,500 sockets is about 1.9 MB. */
const INITIAL_BUFFER_BYTES = 256 * 1024;
let buffer = Buffer.allocUnsafe(INITIAL_BUFFER_BYTES);

/**
 * Reads a whole procfs file as Latin-1 text (procfs reports size 0, so fs.readFileSync would read
 * in small chunks and copy them again); null when the file does not exist (e.g. IPv6 disabled).
 */
export function readProcText(path: string): string | null {
  let fd: number;
  try {
    fd = fs.openSync(path, 'r');
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return null;
    throw e;
  }
  try {
    let used = 0;
    for (;;) {
      if (used === buffer.length) {
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, used);
        buffer = bigger;
      }
      const got = fs.readSync(fd, buffer, used, buffer.length - used, null);
      if (got === 0) break;
      used += got;
    }
    return buffer.toString('latin1', 0, used);
  } finally {
    fs.closeSync(fd);
  }
}

/** Start size of each async read's buffer: /proc/net/tcp on a desktop is a few KB to a few 100 KB. */
const ASYNC_BUFFER_BYTES = 64 * 1024;

/**
 * readProcText without blocking the calling thread (for code on the app's main thread): the same
 * whole-file Latin-1 text, or null when the file does not exist.
 */
export async function readProcTextAsync(path: string): Promise<string | null> {
  let file: fs.promises.FileHandle;
  try {
    file = await fs.promises.open(path, 'r');
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return null;
    throw e;
  }
  try {
    let buf = Buffer.allocUnsafe(ASYNC_BUFFER_BYTES);
    let used = 0;
    for (;;) {
      if (used === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, used);
        buf = bigger;
      }
      const { bytesRead } = await file.read(buf, used, buf.length - used, null);
      if (bytesRead === 0) break;
      used += bytesRead;
    }
    return buf.toString('latin1', 0, used);
  } finally {
    await file.close();
  }
}

export function errorCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}
