// macOS: the connections on one local TCP port, from `netstat -anlW -p tcp`.
//
// netstat rather than lsof: lsof shows only open files, so it misses the TIME_WAIT a short visit
// (a browser opening the link against a game server) leaves behind; without root it sees only the
// user's own processes; and it walks every process on each call. netstat reads the kernel's PCB
// list through sysctl: every socket, any owner, in tens of milliseconds. BSD netstat does not
// translate its state words. -W keeps IPv4 addresses whole and -l IPv6 ones (both truncate to 16
// characters otherwise); addresses end in `.port`, `*` stands for "any".
import type { CommandRunner } from '../../os/command';
import { ConnectionTableFormatError, bareAddress, firstLineOf, tableText, type ConnectionTable, type TcpConnection } from '../connections';

export const NETSTAT_DARWIN_ARGS = ['-anlW', '-p', 'tcp'] as const;

/** A netstat run costs some 20–50 ms: twice a second catches a browser's visit and costs little. */
const NETSTAT_POLL_MS = 500;
/** netstat answers in well under a second; a run past this is hung, and the next poll retries. */
const NETSTAT_TIMEOUT_MS = 5_000;

/** BSD tcpstates[] words of a connection a remote end completed (see the Linux reader). */
const CONNECTED = new Set(['ESTABLISHED', 'CLOSE_WAIT', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSING', 'LAST_ACK', 'TIME_WAIT']);

/** `203.0.113.7.51234`, `fe80::1%lo0.7777`, `*.*` → host and port (`*` port = 0); null if malformed. */
export function splitDotted(text: string): { host: string; port: number } | null {
  const dot = text.lastIndexOf('.');
  if (dot <= 0) return null;
  const portText = text.slice(dot + 1);
  const port = portText === '*' ? 0 : /^\d{1,5}$/.test(portText) ? Number(portText) : -1;
  if (port < 0 || port > 65535) return null;
  return { host: text.slice(0, dot), port };
}

/**
 * Rows `tcp4|tcp6|tcp46 recv-q send-q local foreign state`. Throws ConnectionTableFormatError when
 * the text holds neither the header nor a single TCP row: the watched port is held, so its
 * listening socket alone makes the table non-empty.
 */
export function parseDarwinNetstat(text: string, port: number): TcpConnection[] {
  const out: TcpConnection[] = [];
  let recognised = false;
  for (const line of text.split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f[0] === 'Proto' && f[1] === 'Recv-Q') recognised = true;
    if (!/^tcp(4|6|46)?$/.test(f[0] ?? '') || f.length < 6) continue;
    const local = splitDotted(f[3]!);
    const remote = splitDotted(f[4]!);
    if (!local || !remote) continue;
    recognised = true;
    if (local.port !== port || !CONNECTED.has(f[5]!) || remote.host === '*') continue;
    out.push({ remoteAddress: bareAddress(remote.host), remotePort: remote.port, localAddress: bareAddress(local.host) });
  }
  if (!recognised) throw new ConnectionTableFormatError('netstat', firstLineOf(text));
  return out;
}

export function darwinConnectionTable(run: CommandRunner): ConnectionTable {
  return {
    source: 'netstat',
    pollMs: NETSTAT_POLL_MS,
    async read(port, signal) {
      const text = await tableText(run, { file: 'netstat', args: NETSTAT_DARWIN_ARGS, timeoutMs: NETSTAT_TIMEOUT_MS, signal });
      return parseDarwinNetstat(text, port);
    },
  };
}
