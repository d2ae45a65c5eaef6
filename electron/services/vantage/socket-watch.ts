// Arrivals on a port a program already holds: new inbound TCP connections in this computer's socket table.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { TCP_LISTEN, UDP_UNCONNECTED, parseProcNet } from '../os/proc-net';
import { plainAddress } from './addresses';

export interface TcpPeer {
  address: string;
  port: number;
}

/** Remote ends of the TCP connections on one local port; null where this OS has no reader. */
export type ReadTcpPeers = (port: number) => Promise<TcpPeer[] | null>;

/**
 * Often enough to catch a browser's or a game client's connection (they stay up for seconds; a
 * server that closes first leaves TIME_WAIT for a minute), rarely enough to cost nothing: one
 * read of /proc/net/tcp is well under a millisecond on a desktop.
 */
export const SOCKET_POLL_MS = 200;

async function procText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'latin1');
  } catch (e) {
    if (e instanceof Error && 'code' in e && e.code === 'ENOENT') return null;
    throw e;
  }
}

/** Linux: /proc/net/tcp and tcp6, read asynchronously, through the listeners' parser. */
export const linuxTcpPeers: ReadTcpPeers = async (port) => {
  const littleEndian = os.endianness() === 'LE';
  const out: TcpPeer[] = [];
  for (const [path, family] of [['/proc/net/tcp', 4], ['/proc/net/tcp6', 6]] as const) {
    const text = await procText(path);
    if (text === null) continue;
    for (const s of parseProcNet(text, { family, littleEndian, port })) {
      if (s.state === TCP_LISTEN || s.state === UDP_UNCONNECTED) continue;
      out.push({ address: plainAddress(s.remoteAddress), port: s.remotePort });
    }
  }
  return out;
};

export interface WatchOptions {
  port: number;
  read: ReadTcpPeers;
  signal: AbortSignal;
  intervalMs?: number;
  /** Each connection that was not there when the watch began, once. */
  onPeer(peer: TcpPeer): void;
  /** A read failed (e.g. /proc became unreadable): the watch stops; the test goes on without it. */
  onError(e: unknown): void;
}

/** Polls until the signal aborts; returns false at once when this OS has no reader. */
export async function watchTcpPeers(o: WatchOptions): Promise<boolean> {
  const key = (p: TcpPeer) => `${p.address}|${p.port}`;
  const first = await o.read(o.port);
  if (first === null) return false;
  const known = new Set(first.map(key));
  const interval = o.intervalMs ?? SOCKET_POLL_MS;
  void (async () => {
    while (!o.signal.aborted) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(done, interval);
        function done(): void {
          clearTimeout(t);
          o.signal.removeEventListener('abort', done);
          resolve();
        }
        o.signal.addEventListener('abort', done, { once: true });
      });
      if (o.signal.aborted) return;
      let rows: TcpPeer[] | null;
      try {
        rows = await o.read(o.port);
      } catch (e) {
        o.onError(e);
        return;
      }
      for (const p of rows ?? []) {
        const k = key(p);
        if (known.has(k)) continue;
        known.add(k);
        o.onPeer(p);
      }
    }
  })();
  return true;
}

export const defaultTcpPeers: ReadTcpPeers = process.platform === 'linux' ? linuxTcpPeers : async () => null;
