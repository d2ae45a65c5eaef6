// Linux adapter: listening/bound sockets from /proc/net, owners from /proc/<pid>/fd, users from passwd.
import os from 'node:os';
import type { Listener, ListenerProtocol, OwnerUnknownReason } from '../../../../shared/channels/listeners';
import { AppError } from '../../../../shared/errors';
import { makeRow, type ListenerFilter } from '../rows';
import { findSocketOwners } from './owners';
import { readProcessInfo, readPasswd, type ProcessInfo } from './process-info';
import { ProcNetFormatError, TCP_LISTEN, UDP_UNCONNECTED, parseProcNet, type ProcNetSocket } from './proc-net';
import { readProcText } from './proc-fs';

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

export function collectLinux(filter: ListenerFilter, seams: LinuxSeams = DEFAULT_LINUX_SEAMS): Listener[] {
  const found = readTables(filter, seams);
  if (found.length === 0) return [];
  const wanted = new Set<number>();
  for (const f of found) if (f.socket.inode !== 0) wanted.add(f.socket.inode);
  const scan = findSocketOwners(seams.procRoot, wanted);
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
