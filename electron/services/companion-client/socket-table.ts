// The pc's own TCP socket table, used to see the companion's connection land on a port another program holds.
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { TCP_LISTEN, parseProcNet } from '../os/proc-net';
import { readProcTextAsync } from '../os/proc-text';

export interface TcpConnection {
  localPort: number;
  remoteAddress: string;
  remotePort: number;
}

/** Connections (any state but LISTEN) on one local port; null where the OS has no reader yet. */
export type ReadTcpConnections = (port: number) => Promise<TcpConnection[] | null>;

/** Linux: /proc/net/tcp and tcp6, read asynchronously (this runs on the app's main thread). */
export async function linuxTcpConnections(port: number): Promise<TcpConnection[]> {
  const littleEndian = os.endianness() === 'LE';
  const out: TcpConnection[] = [];
  for (const [path, family] of [['/proc/net/tcp', 4], ['/proc/net/tcp6', 6]] as const) {
    const text = await readProcTextAsync(path);
    if (text === null) continue;
    for (const s of parseProcNet(text, { family, littleEndian, port })) {
      if (s.state === TCP_LISTEN) continue;
      out.push({ localPort: s.localPort, remoteAddress: s.remoteAddress.replace(/^::ffff:/i, ''), remotePort: s.remotePort });
    }
  }
  return out;
}

export const defaultTcpConnections: ReadTcpConnections = process.platform === 'linux' ? linuxTcpConnections : () => Promise.resolve(null);

/**
 * Reads the table for `ports` while `during` runs, and only then: a read, a pause of `intervalMs`,
 * the next read (never two at once), and one last read after `during` settles. Returns every
 * distinct peer seen per port, or null when this OS has no reader. No ports: no reads at all.
 */
export async function watchConnectionsOn<T>(
  read: ReadTcpConnections,
  ports: readonly number[],
  intervalMs: number,
  during: () => Promise<T>,
): Promise<{ result: T; seen: Map<number, TcpConnection[]> | null }> {
  const seen = new Map<number, Map<string, TcpConnection>>(ports.map((p) => [p, new Map()]));
  let supported = true;
  const sample = async () => {
    for (const port of ports) {
      const rows = await read(port);
      if (rows === null) supported = false;
      else for (const r of rows) seen.get(port)!.set(`${r.remoteAddress}|${r.remotePort}`, r);
    }
  };
  const stop = new AbortController();
  const poll = (async () => {
    if (ports.length === 0) return;
    await sample();
    while (supported && !stop.signal.aborted) {
      try {
        await sleep(intervalMs, undefined, { signal: stop.signal });
      } catch {
        return; // stopped while pausing: the final read below follows
      }
      await sample();
    }
  })();
  try {
    const result = await during();
    stop.abort();
    await poll;
    if (supported && ports.length > 0) await sample();
    return { result, seen: supported ? new Map([...seen].map(([port, peers]) => [port, [...peers.values()]])) : null };
  } finally {
    stop.abort();
    // A failed read must not go unheard, nor be reported twice: the caller's error wins.
    await poll.catch(() => undefined);
  }
}

/** watchConnectionsOn for one port. */
export async function watchConnections<T>(
  read: ReadTcpConnections,
  port: number,
  intervalMs: number,
  during: () => Promise<T>,
): Promise<{ result: T; seen: TcpConnection[] | null }> {
  const { result, seen } = await watchConnectionsOn(read, [port], intervalMs, during);
  return { result, seen: seen === null ? null : (seen.get(port) ?? []) };
}
