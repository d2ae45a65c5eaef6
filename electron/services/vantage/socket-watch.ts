// Arrivals on a port a program already holds: new inbound TCP connections in this computer's
// socket table, polled through the one per-OS reader (listeners/connections.ts) while the test runs.
import { AppError } from '../../../shared/errors';
import type { ConnectionTable } from '../listeners/connections';
import { plainAddress } from './addresses';

export interface TcpPeer {
  address: string;
  port: number;
}

/**
 * One poll may fail on a busy machine (a tool past its deadline, a table read mid-change); three in
 * a row means the table cannot be read, and the test says so instead of waiting in silence.
 */
export const MAX_FAILED_READS = 3;

export interface WatchOptions {
  port: number;
  table: ConnectionTable;
  signal: AbortSignal;
  /** Overrides the table's own pause between reads (tests). */
  pollMs?: number;
  /** Each remote ip:port that was not connected when the watch began, once. */
  onPeer(peer: TcpPeer): void;
  /** MAX_FAILED_READS reads in a row failed: the watch has stopped. Never called after an abort. */
  onFailure(e: unknown): void;
}

/**
 * Reads the table once — the connections already there are not arrivals — then polls until the
 * signal aborts, one read at a time (the next starts a pause after the last ended, so slow tools
 * never overlap). Rejects when that first read fails: the caller then says it cannot watch.
 */
export async function watchTcpPeers(o: WatchOptions): Promise<void> {
  const key = (address: string, port: number) => `${address}|${port}`;
  const first = await o.table.read(o.port, o.signal);
  const known = new Set(first.map((c) => key(plainAddress(c.remoteAddress), c.remotePort)));
  void (async () => {
    let failures = 0;
    while (await pause(o.pollMs ?? o.table.pollMs, o.signal)) {
      let rows;
      try {
        rows = await o.table.read(o.port, o.signal);
      } catch (e) {
        if (o.signal.aborted) return;
        if (++failures >= MAX_FAILED_READS) return o.onFailure(e);
        continue;
      }
      if (o.signal.aborted) return;
      failures = 0;
      for (const c of rows) {
        const address = plainAddress(c.remoteAddress);
        const k = key(address, c.remotePort);
        if (known.has(k)) continue;
        known.add(k);
        o.onPeer({ address, port: c.remotePort });
      }
    }
  })();
}

/** Waits `ms`; false (at once) when the signal aborts first. */
function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve(!signal.aborted);
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** One sentence for why the table could not be read, for the ready event and the end of the test. */
export function watchErrorText(e: unknown): string {
  if (e instanceof AppError) return e.detail ?? e.message;
  return e instanceof Error ? e.message : String(e);
}
