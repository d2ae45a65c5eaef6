// Linux: the connections on one local TCP port, from /proc/net/tcp and tcp6 through the listeners' parser.
import os from 'node:os';
import { AppError } from '../../../../shared/errors';
import { ProcNetFormatError, parseProcNet } from '../../os/proc-net';
import { errorCode, readProcTextAsync } from '../../os/proc-text';
import { ConnectionTableFormatError, bareAddress, type ConnectionTable, type TcpConnection } from '../connections';

/**
 * Kernel TCP states (include/net/tcp_states.h) of a connection whose remote end completed the
 * handshake: ESTABLISHED 1, FIN_WAIT1 4, FIN_WAIT2 5, TIME_WAIT 6, CLOSE_WAIT 8, LAST_ACK 9,
 * CLOSING 11. Left out: SYN_SENT 2 (outgoing), SYN_RECV 3 and NEW_SYN_RECV 12 (half-open),
 * CLOSE 7, LISTEN 10.
 */
const CONNECTED_STATES = new Set([1, 4, 5, 6, 8, 9, 11]);

/** One read of /proc/net/tcp is well under a millisecond on a desktop: poll often, miss little. */
const PROC_POLL_MS = 200;

async function procText(path: string): Promise<string | null> {
  try {
    // null when there is no such file: no tcp6 means IPv6 is off in this kernel, a fact and not a failure.
    return await readProcTextAsync(path);
  } catch (e) {
    const code = errorCode(e);
    if (code === 'EACCES' || code === 'EPERM') throw new AppError('PERMISSION_DENIED', `reading ${path}`, { cause: e });
    throw new AppError('COMMAND_FAILED', `reading ${path}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

export function connectionsFromProcNet(text: string, family: 4 | 6, port: number, littleEndian: boolean): TcpConnection[] {
  const out: TcpConnection[] = [];
  for (const s of parseProcNet(text, { family, littleEndian, port })) {
    if (!CONNECTED_STATES.has(s.state)) continue;
    out.push({ remoteAddress: bareAddress(s.remoteAddress), remotePort: s.remotePort, localAddress: bareAddress(s.localAddress) });
  }
  return out;
}

export const linuxConnectionTable: ConnectionTable = {
  source: 'procfs',
  pollMs: PROC_POLL_MS,
  async read(port, signal) {
    const littleEndian = os.endianness() === 'LE';
    const out: TcpConnection[] = [];
    for (const [path, family] of [['/proc/net/tcp', 4], ['/proc/net/tcp6', 6]] as const) {
      if (signal.aborted) throw new AppError('CANCELLED', path);
      const text = await procText(path);
      if (text === null) continue;
      try {
        out.push(...connectionsFromProcNet(text, family, port, littleEndian));
      } catch (e) {
        if (e instanceof ProcNetFormatError) throw new ConnectionTableFormatError('procfs', e.message, path);
        throw e;
      }
    }
    return out;
  },
};
