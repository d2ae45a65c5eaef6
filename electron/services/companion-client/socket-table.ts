// The pc's own TCP socket table, used to see the companion's connection land on a port another program holds.
import os from 'node:os';
import { readProcText } from '../os/proc-text';
import { TCP_LISTEN, parseProcNet } from '../os/proc-net';

export interface TcpConnection {
  localPort: number;
  remoteAddress: string;
  remotePort: number;
}

/** Connections (any state but LISTEN) on one local port; null where the OS has no reader yet. */
export type ReadTcpConnections = (port: number) => TcpConnection[] | null;

/** Linux: /proc/net/tcp and tcp6 through the listeners service's parser (one parser for the whole app). */
export function linuxTcpConnections(port: number): TcpConnection[] {
  const littleEndian = os.endianness() === 'LE';
  const out: TcpConnection[] = [];
  for (const [path, family] of [['/proc/net/tcp', 4], ['/proc/net/tcp6', 6]] as const) {
    const text = readProcText(path);
    if (text === null) continue;
    for (const s of parseProcNet(text, { family, littleEndian, port })) {
      if (s.state === TCP_LISTEN) continue;
      out.push({ localPort: s.localPort, remoteAddress: s.remoteAddress.replace(/^::ffff:/i, ''), remotePort: s.remotePort });
    }
  }
  return out;
}

export const defaultTcpConnections: ReadTcpConnections = process.platform === 'linux' ? linuxTcpConnections : () => null;

/** Polls the table while `during` runs and returns every distinct peer seen on `port`. */
export async function watchConnections<T>(
  read: ReadTcpConnections,
  port: number,
  intervalMs: number,
  during: () => Promise<T>,
): Promise<{ result: T; seen: TcpConnection[] | null }> {
  const seen = new Map<string, TcpConnection>();
  let supported = true;
  const sample = () => {
    const rows = read(port);
    if (rows === null) supported = false;
    else for (const r of rows) seen.set(`${r.remoteAddress}|${r.remotePort}`, r);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  try {
    const result = await during();
    sample();
    return { result, seen: supported ? [...seen.values()] : null };
  } finally {
    clearInterval(timer);
  }
}
