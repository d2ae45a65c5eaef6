// Reads the listening TCP and bound UDP sockets of this network namespace from /proc/net.
import type { ListenerProtocol } from '../../../../shared/channels/listeners';
import { AppError } from '../../../../shared/errors';
import { ProcNetFormatError, TCP_LISTEN, UDP_UNCONNECTED, parseProcNet, type ProcNetSocket } from '../../os/proc-net';
import { readProcText } from '../../os/proc-text';
import type { ListenerFilter } from '../rows';

const TABLES = [
  { file: 'tcp', protocol: 'tcp', family: 4, state: TCP_LISTEN },
  { file: 'tcp6', protocol: 'tcp', family: 6, state: TCP_LISTEN },
  { file: 'udp', protocol: 'udp', family: 4, state: UDP_UNCONNECTED },
  { file: 'udp6', protocol: 'udp', family: 6, state: UDP_UNCONNECTED },
] as const;

export interface FoundSocket {
  protocol: ListenerProtocol;
  socket: ProcNetSocket;
}

/** The last text read from each table and what it parsed to (kept by a warm engine). */
export type TableMemo = Map<string, { text: string; port: ListenerFilter['port']; sockets: ProcNetSocket[] }>;

/**
 * `checkpoint` runs between tables (it throws to cancel). A missing table (IPv6 off) is empty.
 * With a memo, a table whose text is exactly what it was last time is not parsed again.
 */
export function readTables(procRoot: string, littleEndian: boolean, filter: ListenerFilter, checkpoint: () => void, memo?: TableMemo): FoundSocket[] {
  const found: FoundSocket[] = [];
  for (const t of TABLES) {
    if (filter.protocol && filter.protocol !== t.protocol) continue;
    checkpoint();
    const path = `${procRoot}/net/${t.file}`;
    const text = readProcText(path);
    if (text === null) continue;
    const last = memo?.get(t.file);
    let sockets: ProcNetSocket[];
    if (last !== undefined && last.text === text && last.port === filter.port) {
      sockets = last.sockets;
    } else {
      try {
        sockets = parseProcNet(text, { family: t.family, littleEndian, state: t.state, port: filter.port });
      } catch (e) {
        if (e instanceof ProcNetFormatError) throw new AppError('COMMAND_FAILED', `${path}: ${e.message}`, { cause: e });
        throw e;
      }
      memo?.set(t.file, { text, port: filter.port, sockets });
    }
    for (const socket of sockets) found.push({ protocol: t.protocol, socket });
  }
  return found;
}
