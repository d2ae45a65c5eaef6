// The fd-table scan that finds socket owners, run by this thread and a helper thread side by side.
// createFdScanner is self-contained (no imports, no outer names): the helper thread runs it from
// its source text, as the probe's shards do.

/** The two node:fs calls the scan makes. */
export interface ScanFs {
  readdirSync(path: string): string[];
  readlinkSync(path: string): string;
}

export interface FdScanner {
  /** Reads one more process's fd table; false once the list is used up or every inode has an owner. */
  scanNext(): boolean;
  /**
   * From now on, records owners of these inodes only, in `owners` (shared by the threads): per
   * inode, 1 + the list position of its first holder, 0 while none is known. Holders seen before
   * this call (the helper starts before the socket tables are read) are counted in at once.
   */
  setWanted(inodes: ArrayLike<number>, owners: Int32Array): void;
  readonly hasWanted: boolean;
}

/**
 * `pids` is the shared process list; `control` the shared slots below (see owners.ts). Processes are
 * claimed one at a time from a shared counter and read whole, so the processes read are always a
 * prefix of the list and "first holder" means the same as in one thread reading in list order.
 */
export function createFdScanner(fs: ScanFs, procRoot: string, pids: Int32Array, control: Int32Array): FdScanner {
  const NEXT = 0;
  const STOP = 1;
  const FLAGS = 2;
  const REMAINING = 3;
  const PERMISSION_DENIED = 1;
  const VANISHED = 2;
  const PREFIX = 'socket:[';
  let index: Map<number, number> | null = null;
  let owners: Int32Array | null = null;
  const early = new Map<number, number>();

  const codeOf = (e: unknown): unknown => (typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined);

  /** Something could not be read: another user's process (we are not root), or one that exited. */
  function noteFailure(e: unknown): void {
    const code = codeOf(e);
    if (code === 'EACCES' || code === 'EPERM') Atomics.or(control, FLAGS, PERMISSION_DENIED);
    else if (code === 'ENOENT' || code === 'ESRCH') Atomics.or(control, FLAGS, VANISHED);
    else throw e;
  }

  /** Keeps the earliest holder; the last inode to get one stops both threads. */
  function offer(i: number, at: number): void {
    const shared = owners!;
    for (;;) {
      const cur = Atomics.load(shared, i);
      if (cur !== 0 && cur <= at) return;
      if (Atomics.compareExchange(shared, i, cur, at) === cur) {
        if (cur === 0 && Atomics.sub(control, REMAINING, 1) === 1) Atomics.store(control, STOP, 1);
        return;
      }
    }
  }

  /** `socket:[12345]` → 12345 without slicing; -1 for any other link target. */
  function socketInode(link: string): number {
    const end = link.length - 1;
    if (!link.startsWith(PREFIX) || link.charCodeAt(end) !== 0x5d) return -1;
    let v = 0;
    for (let i = PREFIX.length; i < end; i++) {
      const c = link.charCodeAt(i) - 0x30;
      if (c < 0 || c > 9) return -1;
      v = v * 10 + c;
    }
    return v;
  }

  function scan(k: number): void {
    const fdDir = `${procRoot}/${pids[k]}/fd`;
    const at = k + 1;
    let fds: string[];
    try {
      fds = fs.readdirSync(fdDir);
    } catch (e) {
      noteFailure(e);
      return;
    }
    for (const fd of fds) {
      let link: string;
      try {
        link = fs.readlinkSync(`${fdDir}/${fd}`);
      } catch (e) {
        // The fd was closed between readdir and readlink: nothing to attribute.
        if (codeOf(e) === 'ENOENT') continue;
        noteFailure(e);
        return;
      }
      const inode = socketInode(link);
      if (inode < 0) continue;
      if (index === null) {
        if (!early.has(inode)) early.set(inode, at);
        continue;
      }
      const i = index.get(inode);
      if (i !== undefined) offer(i, at);
    }
  }

  return {
    scanNext() {
      if (Atomics.load(control, STOP) !== 0) return false;
      const k = Atomics.add(control, NEXT, 1);
      if (k >= pids.length) return false;
      scan(k);
      return true;
    },
    setWanted(inodes, shared) {
      index = new Map();
      for (let i = 0; i < inodes.length; i++) index.set(inodes[i]!, i);
      owners = shared;
      for (const [inode, at] of early) {
        const i = index.get(inode);
        if (i !== undefined) offer(i, at);
      }
      early.clear();
    },
    get hasWanted() {
      return index !== null;
    },
  };
}
