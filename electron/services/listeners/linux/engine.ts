// The warm Linux listener engine: keeps socket inode → owner between refreshes while that process
// lives, so a refresh with nothing new costs one read of /proc/net/* and a stat per owner.
import os from 'node:os';
import type { Listener, OwnerUnknownReason } from '../../../../shared/channels/listeners';
import { compareRows, makeRow, type ListenerFilter, type RowFacts } from '../rows';
import { listPids, walkFds } from './fd-walk';
import { readPasswd, readProcessInfo, type ProcessInfo } from './process-info';
import { readTables, type TableMemo } from './tables';
import { readProcText } from '../../os/proc-text';

export interface LinuxSeams {
  /** Where procfs is mounted; tests point this at a tree they built. */
  procRoot: string;
  passwdPath: string;
  littleEndian: boolean;
}

export const DEFAULT_LINUX_SEAMS: LinuxSeams = {
  procRoot: '/proc',
  passwdPath: '/etc/passwd',
  littleEndian: os.endianness() === 'LE',
};

/** Runs between steps of a refresh; throws (an AppError CANCELLED) to stop it. */
export type Checkpoint = () => void;

/** Shared by every socket of one process: never changed, only replaced. */
interface Owner {
  readonly pid: number;
  /** With the pid, names the process for good: a reused pid has another start time. */
  readonly startTime: number;
}

/** The processes that existed at one refresh, and the last pid the kernel had handed out then. */
interface ProcessList {
  pids: ReadonlySet<number>;
  /** -1 when unknown: then every process counts as new. */
  lastPid: number;
}

interface Unowned {
  reason: OwnerUnknownReason;
  /**
   * The processes that existed when we last looked and none held the socket. Only a process
   * started since can hold it now (a socket nobody holds cannot be handed on), so a later look
   * reads only those. One list per refresh, shared by every socket looked up in it.
   */
  lookedIn: ProcessList;
}

/** /proc/loadavg ends with the last pid handed out in this pid namespace; -1 if unreadable. */
function lastPid(procRoot: string): number {
  const m = / (\d+)\n?$/.exec(readProcText(`${procRoot}/loadavg`) ?? '');
  return m ? Number(m[1]) : -1;
}

/**
 * Whether `pid` may belong to a process started after `before` (a process list): not in it, or
 * in the range the kernel's pid cursor swept since (pids are reused once the cursor wraps).
 */
function startedSince(pid: number, before: ProcessList, now: ProcessList): boolean {
  if (!before.pids.has(pid) || before.lastPid < 0 || now.lastPid < 0) return true;
  return now.lastPid >= before.lastPid ? pid > before.lastPid && pid <= now.lastPid : pid > before.lastPid || pid <= now.lastPid;
}

export class LinuxListenersEngine {
  private readonly owners = new Map<number, Owner>();
  private readonly unowned = new Map<number, Unowned>();
  /**
   * The row last made for each socket: an unchanged socket gets the very same object back, so a
   * caller can keep work per row (the CLI's --watch keeps each row's JSON text).
   */
  private readonly rows = new Map<number, Listener>();
  /** Each table's last text: an unchanged table (the common case for listeners) is not parsed again. */
  private readonly tables: TableMemo = new Map();

  constructor(private readonly seams: LinuxSeams = DEFAULT_LINUX_SEAMS) {}

  /** Sockets known to the engine (owned or not): what a refresh with nothing new need not look up. */
  get knownSockets(): number {
    return this.owners.size + this.unowned.size;
  }

  refresh(filter: ListenerFilter, checkpoint: Checkpoint = () => undefined): Listener[] {
    const { procRoot } = this.seams;
    // Nothing known before this refresh (a one-shot CLI run): all it keeps comes from the sockets
    // found now, so there is nothing to forget afterwards.
    const cold = this.knownSockets === 0 && this.rows.size === 0;
    // Listed before the tables are read: every process that opened a socket in them is in this
    // list, or exited (its children hold the socket, and they are listed, or new next time). The
    // pid cursor is read before the list, so a pid reused after it counts as new next time.
    const cursor = lastPid(procRoot);
    const pids = listPids(procRoot);
    const found = readTables(procRoot, this.seams.littleEndian, filter, checkpoint, this.tables);
    checkpoint();

    const infos = new Map<number, ProcessInfo | null>();
    const infoOf = (pid: number): ProcessInfo | null => {
      let info = infos.get(pid);
      if (info === undefined) {
        info = readProcessInfo(procRoot, pid);
        infos.set(pid, info);
      }
      return info;
    };

    // Known owners that still live keep their sockets; the rest is looked up.
    const unseen = new Set<number>();
    const again = new Set<number>();
    for (const { socket } of found) {
      const inode = socket.inode;
      if (inode === 0) continue;
      const owner = this.owners.get(inode);
      if (owner !== undefined) {
        if (infoOf(owner.pid)?.startTime === owner.startTime) continue;
        this.owners.delete(inode);
      }
      if (this.unowned.has(inode)) again.add(inode);
      else unseen.add(inode);
    }
    this.lookUp({ pids: new Set(pids), lastPid: cursor }, pids, unseen, again, infoOf, checkpoint);

    // Nothing to forget when every socket found was known and as many are known as were found.
    const unfiltered = filter.protocol === undefined && filter.port === undefined;
    if (unfiltered && !cold && (unseen.size > 0 || again.size > 0 || this.knownSockets !== found.length || this.rows.size !== found.length)) {
      this.forgetAllBut(found.map((f) => f.socket.inode));
    }
    const users = readPasswd(this.seams.passwdPath);
    const rows: Listener[] = new Array(found.length);
    for (let i = 0; i < found.length; i++) {
      const { protocol, socket } = found[i]!;
      const owner = this.owners.get(socket.inode);
      const info = owner === undefined ? null : infoOf(owner.pid);
      const facts: RowFacts = {
        protocol,
        family: socket.family,
        address: socket.localAddress,
        port: socket.localPort,
        pid: owner?.pid ?? null,
        process: info?.name ?? null,
        command: info?.command ?? null,
        user: users.get(socket.uid) ?? null,
        exePath: info?.exePath ?? null,
        ownerUnknownReason: owner === undefined ? (this.unowned.get(socket.inode)?.reason ?? 'not-found') : null,
      };
      const last = socket.inode === 0 ? undefined : this.rows.get(socket.inode);
      if (last !== undefined && sameFacts(last, facts)) {
        rows[i] = last;
        continue;
      }
      rows[i] = makeRow(facts, 'linux');
      if (socket.inode !== 0) this.rows.set(socket.inode, rows[i]!);
    }
    // Sorted here, off the app's thread; the caller's own sort then finds them in order.
    return rows.sort(compareRows);
  }

  /**
   * Sockets never seen: every process is read, in /proc order, until each has a holder. Sockets
   * nobody held last time: only processes started since are read (all of them when a full walk
   * happens anyway).
   */
  private lookUp(
    now: ProcessList,
    pids: readonly number[],
    unseen: ReadonlySet<number>,
    again: ReadonlySet<number>,
    infoOf: (pid: number) => ProcessInfo | null,
    checkpoint: Checkpoint,
  ): void {
    const walkOver = (walkPids: readonly number[], wanted: ReadonlySet<number>): void => {
      if (wanted.size === 0 || walkPids.length === 0) return;
      const walk = walkFds(this.seams.procRoot, walkPids, wanted, checkpoint);
      const reason: OwnerUnknownReason = walk.sawPermissionDenied ? 'permission' : walk.sawVanished ? 'vanished' : 'not-found';
      // One Owner per process, shared by all its sockets (a server holds hundreds).
      const ownerOf = new Map<number, Owner>();
      for (const inode of wanted) {
        const pid = walk.owners.get(inode);
        const info = pid === undefined ? null : infoOf(pid);
        if (pid !== undefined && info !== null) {
          let owner = ownerOf.get(pid);
          if (owner === undefined || owner.startTime !== info.startTime) ownerOf.set(pid, (owner = { pid, startTime: info.startTime }));
          this.owners.set(inode, owner);
          this.unowned.delete(inode);
        } else {
          this.unowned.set(inode, { reason: pid === undefined ? reason : 'vanished', lookedIn: now });
        }
      }
    };
    if (unseen.size > 0) {
      walkOver(pids, again.size === 0 ? unseen : new Set([...unseen, ...again]));
      return;
    }
    // Grouped by the process list they were last looked up in (usually one group).
    const groups = new Map<ProcessList, Set<number>>();
    for (const inode of again) {
      const { lookedIn } = this.unowned.get(inode)!;
      let group = groups.get(lookedIn);
      if (group === undefined) groups.set(lookedIn, (group = new Set()));
      group.add(inode);
    }
    for (const [lookedIn, inodes] of groups) {
      const fresh = pids.filter((pid) => startedSince(pid, lookedIn, now));
      if (fresh.length > 0) walkOver(fresh, inodes);
      else for (const inode of inodes) this.unowned.set(inode, { ...this.unowned.get(inode)!, lookedIn: now });
    }
  }

  /** Drops what the engine knows about sockets that are gone. */
  private forgetAllBut(present: readonly number[]): void {
    const keep = new Set(present);
    for (const inode of this.owners.keys()) if (!keep.has(inode)) this.owners.delete(inode);
    for (const inode of this.unowned.keys()) if (!keep.has(inode)) this.unowned.delete(inode);
    for (const inode of this.rows.keys()) if (!keep.has(inode)) this.rows.delete(inode);
  }
}

/** Whether a row made earlier says exactly what these facts say (the rest of a row follows from them). */
function sameFacts(row: Listener, f: RowFacts): boolean {
  return (
    row.port === f.port &&
    row.address === f.address &&
    row.pid === f.pid &&
    row.protocol === f.protocol &&
    row.family === f.family &&
    row.process === f.process &&
    row.command === f.command &&
    row.user === f.user &&
    row.exePath === f.exePath &&
    row.ownerUnknownReason === (f.pid === null ? (f.ownerUnknownReason ?? 'not-found') : null)
  );
}
