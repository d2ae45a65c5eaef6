// Maps socket inodes to the processes holding them by walking /proc/<pid>/fd, stopping early.
import fs from 'node:fs';
import { errorCode } from './proc-fs';

export interface OwnerScan {
  /** inode → pid of the first process found holding it. */
  owners: Map<number, number>;
  /** Some process's fd table was unreadable (another user's, and we are not root). */
  sawPermissionDenied: boolean;
  /** Some process exited between listing /proc and reading its fds. */
  sawVanished: boolean;
}

const SOCKET_PREFIX = 'socket:[';

function isPidName(name: string): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Parses `socket:[12345]` → 12345 without slicing; -1 for any other link target. */
function socketInode(link: string): number {
  if (!link.startsWith(SOCKET_PREFIX)) return -1;
  let v = 0;
  const end = link.length - 1;
  if (link.charCodeAt(end) !== 0x5d) return -1;
  for (let i = SOCKET_PREFIX.length; i < end; i++) {
    const c = link.charCodeAt(i) - 0x30;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Finds an owner for each wanted inode. Scans processes in /proc order and returns as soon as
 * every inode has one, so on a typical machine most processes are never opened.
 */
export function findSocketOwners(procRoot: string, wanted: ReadonlySet<number>): OwnerScan {
  const owners = new Map<number, number>();
  const scan: OwnerScan = { owners, sawPermissionDenied: false, sawVanished: false };
  let remaining = wanted.size;
  if (remaining === 0) return scan;
  for (const name of fs.readdirSync(procRoot)) {
    if (!isPidName(name)) continue;
    const fdDir = `${procRoot}/${name}/fd`;
    let fds: string[];
    try {
      fds = fs.readdirSync(fdDir);
    } catch (e) {
      noteFailure(scan, e);
      continue;
    }
    const pid = Number(name);
    for (const fd of fds) {
      let link: string;
      try {
        link = fs.readlinkSync(`${fdDir}/${fd}`);
      } catch (e) {
        // The fd was closed between readdir and readlink: nothing to attribute.
        if (errorCode(e) === 'ENOENT') continue;
        noteFailure(scan, e);
        break;
      }
      const inode = socketInode(link);
      if (inode < 0 || !wanted.has(inode) || owners.has(inode)) continue;
      owners.set(inode, pid);
      if (--remaining === 0) return scan;
    }
  }
  return scan;
}

function noteFailure(scan: OwnerScan, e: unknown): void {
  const code = errorCode(e);
  if (code === 'EACCES' || code === 'EPERM') scan.sawPermissionDenied = true;
  else if (code === 'ENOENT' || code === 'ESRCH') scan.sawVanished = true;
  else throw e;
}
