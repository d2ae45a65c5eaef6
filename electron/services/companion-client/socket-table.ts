// The pc's own TCP socket table, used to see the companion's connection land on a port another program holds.
import { setTimeout as sleep } from 'node:timers/promises';
import { connectionTableFor, currentPlatform, type ConnectionTable } from '../listeners/connections';

export interface TcpConnection {
  localPort: number;
  remoteAddress: string;
  remotePort: number;
}

/** Connections on one local port that a remote end completed; null where the OS has no reader. */
export type ReadTcpConnections = (port: number) => Promise<TcpConnection[] | null>;

/**
 * The per-OS connection table (Linux /proc, macOS netstat, Windows netstat or PowerShell), the
 * same one the held-port watcher of a test from outside polls. Its reads are bounded by the tools'
 * own deadlines, so no signal is passed; an IPv4 peer of a dual-stack socket comes out as IPv4.
 */
export function tableConnections(table: ConnectionTable | null): ReadTcpConnections {
  if (table === null) return () => Promise.resolve(null);
  const never = new AbortController().signal;
  return async (port) =>
    (await table.read(port, never)).map((c) => ({ localPort: port, remoteAddress: c.remoteAddress.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, ''), remotePort: c.remotePort }));
}

export const defaultTcpConnections: ReadTcpConnections = tableConnections(connectionTableFor(currentPlatform()));

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
