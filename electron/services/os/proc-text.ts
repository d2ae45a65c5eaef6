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

export function errorCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}
