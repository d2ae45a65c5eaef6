// Finds which processes hold given socket inodes by reading /proc/<pid>/fd, in /proc order, stopping
// as soon as every inode has a holder.
import fs from 'node:fs';
import { errorCode } from '../../os/proc-text';

export interface FdWalk {
  /** inode → pid of the first process (in the order walked) found holding it. */
  owners: Map<number, number>;
  /** Some process's fd table was unreadable (another user's, and we are not root). */
  sawPermissionDenied: boolean;
  /** Some process exited between listing /proc and reading its fds. */
  sawVanished: boolean;
}

/** The two node:fs calls the walk makes (a seam for tests of odd /proc trees). */
export interface WalkFs {
  readdirSync(path: string): string[];
  readlinkSync(path: string): string;
}

const PREFIX = 'socket:[';

/** `socket:[12345]` → 12345 without slicing; -1 for any other link target. */
export function socketInode(link: string): number {
  const end = link.length - 1;
  if (!link.startsWith(PREFIX) || link.charCodeAt(end) !== 0x5d) return -1;
  let v = 0;
  for (let i = PREFIX.length; i < end; i++) {
    const c = link.charCodeAt(i) - 0x30;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return end > PREFIX.length ? v : -1;
}

function isPidName(name: string): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Process ids in /proc's own order (what "first holder" means, here and in `ss -p`). */
export function listPids(procRoot: string, walkFs: Pick<WalkFs, 'readdirSync'> = fs): number[] {
  const pids: number[] = [];
  for (const name of walkFs.readdirSync(procRoot)) if (isPidName(name)) pids.push(Number(name));
  return pids;
}

/**
 * Reads the fd tables of `pids` in order until every inode in `wanted` has a holder. Each process
 * is read whole, so the first holder in list order wins. `checkpoint` runs between processes (it
 * throws to cancel). Errors other than "not ours" and "gone" are real failures and propagate.
 */
export function walkFds(
  procRoot: string,
  pids: readonly number[],
  wanted: ReadonlySet<number>,
  checkpoint: () => void,
  walkFs: WalkFs = fs,
): FdWalk {
  const owners = new Map<number, number>();
  const result: FdWalk = { owners, sawPermissionDenied: false, sawVanished: false };
  const note = (e: unknown): void => {
    const code = errorCode(e);
    if (code === 'EACCES' || code === 'EPERM') result.sawPermissionDenied = true;
    else if (code === 'ENOENT' || code === 'ESRCH') result.sawVanished = true;
    else throw e;
  };
  for (const pid of pids) {
    if (owners.size === wanted.size) break;
    checkpoint();
    const fdDir = `${procRoot}/${pid}/fd`;
    let fds: string[];
    try {
      fds = walkFs.readdirSync(fdDir);
    } catch (e) {
      note(e);
      continue;
    }
    for (const fd of fds) {
      let link: string;
      try {
        link = walkFs.readlinkSync(`${fdDir}/${fd}`);
      } catch (e) {
        // The fd was closed between readdir and readlink: nothing to attribute.
        if (errorCode(e) === 'ENOENT') continue;
        note(e);
        break;
      }
      const inode = socketInode(link);
      if (inode >= 0 && wanted.has(inode) && !owners.has(inode)) owners.set(inode, pid);
    }
  }
  return result;
}
