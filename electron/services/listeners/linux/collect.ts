// Linux adapter: listening/bound sockets from /proc/net, owners from /proc/<pid>/fd, users from passwd.
import os from 'node:os';
import type { Listener, ListenerProtocol, OwnerUnknownReason } from '../../../../shared/channels/listeners';
import { AppError } from '../../../../shared/errors';
import { makeRow, type ListenerFilter } from '../rows';
import { startOwnerSearch } from './owners';
import { readProcessInfo, readPasswd, type ProcessInfo } from './process-info';
import { ProcNetFormatError, TCP_LISTEN, UDP_UNCONNECTED, parseProcNet, type ProcNetSocket } from './proc-net';
import { readProcText } from './proc-fs';

export interface LinuxSeams {
  /** Where procfs is mounted; tests point this at a tree they built. */
  procRoot: string;
  passwdPath: string;
  littleEndian: boolean;
  /** With at least this many sockets in the namespace, a helper thread reads fd tables too. */
  helperMinSockets: number;
}

/**
 * A helper thread costs about 30 ms of CPU to start (on the other core) and a few ms of this
 * thread's time; reading tables and fd links costs about 10 µs per socket. Below a couple of
 * thousand sockets the whole job takes less than the helper needs to get going.
 */
const HELPER_MIN_SOCKETS = 2000;

export const DEFAULT_LINUX_SEAMS: LinuxSeams = {
  procRoot: '/proc',
  passwdPath: '/etc/passwd',
  littleEndian: os.endianness() === 'LE',
  helperMinSockets: os.availableParallelism() > 1 ? HELPER_MIN_SOCKETS : Infinity,
};

const TABLES = [
  { file: 'tcp', protocol: 'tcp', family: 4, state: TCP_LISTEN },
  { file: 'tcp6', protocol: 'tcp', family: 6, state: TCP_LISTEN },
  { file: 'udp', protocol: 'udp', family: 4, state: UDP_UNCONNECTED },
  { file: 'udp6', protocol: 'udp', family: 6, state: UDP_UNCONNECTED },
] as const;

interface Found {
  protocol: ListenerProtocol;
  socket: ProcNetSocket;
}

function readTables(filter: ListenerFilter, seams: LinuxSeams): Found[] {
  const found: Found[] = [];
  for (const t of TABLES) {
    if (filter.protocol && filter.protocol !== t.protocol) continue;
    const path = `${seams.procRoot}/net/${t.file}`;
    const text = readProcText(path);
    if (text === null) continue;
    let sockets: ProcNetSocket[];
    try {
      sockets = parseProcNet(text, { family: t.family, littleEndian: seams.littleEndian, state: t.state, port: filter.port });
    } catch (e) {
      if (e instanceof ProcNetFormatError) throw new AppError('COMMAND_FAILED', `${path}: ${e.message}`, { cause: e });
      throw e;
    }
    for (const socket of sockets) found.push({ protocol: t.protocol, socket });
  }
  return found;
}

/** Sockets of every kind in this network namespace, from /proc/net/sockstat; 0 when unknown. */
function socketsInUse(procRoot: string): number {
  const m = /^sockets: used (\d+)/m.exec(readProcText(`${procRoot}/net/sockstat`) ?? '');
  return m ? Number(m[1]) : 0;
}

export function collectLinux(filter: ListenerFilter, seams: LinuxSeams = DEFAULT_LINUX_SEAMS): Listener[] {
  // Started first: on a busy machine a helper thread reads fd tables while this one reads tables.
  const search = startOwnerSearch(seams.procRoot, socketsInUse(seams.procRoot) >= seams.helperMinSockets ? 'both' : 'this');
  let found: Found[];
  try {
    found = readTables(filter, seams);
  } catch (e) {
    search.finish([]);
    throw e;
  }
  const wanted = new Set<number>();
  for (const f of found) if (f.socket.inode !== 0) wanted.add(f.socket.inode);
  const scan = search.finish([...wanted]);
  if (found.length === 0) return [];
  const unknownReason: OwnerUnknownReason = scan.sawPermissionDenied ? 'permission' : scan.sawVanished ? 'vanished' : 'not-found';
  const users = readPasswd(seams.passwdPath);
  const processes = new Map<number, ProcessInfo>();
  const rows: Listener[] = new Array(found.length);
  for (let i = 0; i < found.length; i++) {
    const { protocol, socket } = found[i]!;
    const pid = scan.owners.get(socket.inode) ?? null;
    let info: ProcessInfo | undefined;
    if (pid !== null) {
      info = processes.get(pid);
      if (info === undefined) {
        info = readProcessInfo(seams.procRoot, pid);
        processes.set(pid, info);
      }
    }
    rows[i] = makeRow(
      {
        protocol,
        family: socket.family,
        address: socket.localAddress,
        port: socket.localPort,
        pid,
        process: info?.name ?? null,
        command: info?.command ?? null,
        user: users.get(socket.uid) ?? null,
        exePath: info?.exePath ?? null,
        ownerUnknownReason: pid === null ? unknownReason : null,
      },
      'linux',
    );
  }
  return rows;
}
