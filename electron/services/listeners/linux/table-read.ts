// Reading the socket tables in a worker thread while the calling thread does other work: a cold
// refresh walks the fd tables meanwhile (engine.ts refreshAside). With many sockets the kernel's
// time writing /proc/net text (the UDP tables restart from their first socket on every 4 KB read)
// is about half the walk's, and is then spent on another core. The CLI starts the read before the
// listeners command has even loaded (startTableReadEarly), so the worker's own start-up overlaps
// that loading. Apart from tables.ts so that starting it early loads nothing else.
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { readProcText } from '../../os/proc-text';
import { workerFile } from '../../worker-file';

/** The socket tables under net/, in the order a refresh reads them (tables.ts TABLES). */
export const ALL_TABLE_FILES = ['tcp', 'tcp6', 'udp', 'udp6'] as const;

/** A table read shared with a worker thread. */
export interface TableRead {
  /** The texts of `files` if the worker has sent them all (never waits; it is then told to stop); null otherwise. */
  poll(files: readonly string[]): ReadonlyMap<string, string | null> | null;
  /**
   * The texts of `files` now, without waiting: what the worker has not sent yet is read here,
   * first file first (the worker reads last to first, so at most one is read twice). The worker
   * is then told to stop.
   */
  finish(files: readonly string[]): ReadonlyMap<string, string | null>;
}

/**
 * Starts a worker reading `files` of `procRoot`/net, last to first (the UDP tables, the costliest,
 * come last in a refresh's order). Each text comes back on a port of its own, so it is taken
 * between two steps of the caller's synchronous work.
 */
export function startTableRead(procRoot: string, files: readonly string[]): TableRead {
  const texts = new Map<string, string | null>();
  const { port1, port2 } = new MessageChannel();
  // Read only by polling: the port must not keep the process alive.
  port1.unref();
  const take = (): void => {
    for (let m = receiveMessageOnPort(port1); m !== undefined; m = receiveMessageOnPort(port1)) {
      const { file, text } = m.message as { file: string; text: string | null };
      texts.set(file, text);
    }
  };
  /** The worker may still be reading tables nobody wants now (an early read of all four). */
  const done = (wanted: readonly string[]) => {
    port1.postMessage('stop');
    return new Map(wanted.map((f) => [f, texts.get(f) ?? null]));
  };
  // Without a worker (its file missing, no thread to be had) finish() reads every table here.
  try {
    const worker = new Worker(workerFile('listener-tables'), {
      workerData: { procRoot, files: [...files].reverse(), reply: port2 },
      transferList: [port2],
    });
    worker.on('error', () => undefined);
  } catch {
    port2.close();
  }
  return {
    poll: (wanted) => {
      take();
      return wanted.every((f) => texts.has(f)) ? done(wanted) : null;
    },
    finish: (wanted) => {
      for (const f of wanted) {
        take();
        if (!texts.has(f)) texts.set(f, readProcText(`${procRoot}/net/${f}`));
      }
      return done(wanted);
    },
  };
}

/**
 * Sockets below which the tables are read on the calling thread: a worker's start-up (~40 ms of
 * CPU, and a process waits for its threads before it exits) costs more than reading them. The
 * tables take about 6 µs per socket to read and the walk about as long again.
 */
export const WORKER_MIN_SOCKETS = 4000;

/**
 * Whether the tables of `procRoot` are big enough to be read in a worker: the kernel's own counts
 * of TCP and UDP sockets in this network namespace (net/sockstat and sockstat6, a few hundred
 * bytes). False when they cannot be read: then the tables are read on the calling thread, as a
 * warm refresh does.
 */
export function worthAWorker(procRoot: string): boolean {
  let sockets = 0;
  try {
    for (const file of ['sockstat', 'sockstat6']) {
      const text = readProcText(`${procRoot}/net/${file}`) ?? '';
      for (const m of text.matchAll(/^(?:TCP|UDP)6?: inuse (\d+)/gm)) sockets += Number(m[1]);
    }
  } catch {
    return false;
  }
  return sockets >= WORKER_MIN_SOCKETS;
}

let early: { procRoot: string; read: TableRead } | null = null;

/** Starts reading every table of `procRoot` ahead of a cold refresh (Linux, big tables only; once). */
export function startTableReadEarly(procRoot = '/proc'): void {
  if (process.platform !== 'linux' || early !== null || !worthAWorker(procRoot)) return;
  early = { procRoot, read: startTableRead(procRoot, ALL_TABLE_FILES) };
}

/**
 * A table read of `procRoot` shared with a worker: the early one if there is one (taken once),
 * else a new one; null when the tables are too small for a worker to pay.
 */
export function tableReadFor(procRoot: string, files: readonly string[]): TableRead | null {
  if (early !== null && early.procRoot === procRoot) {
    const { read } = early;
    early = null;
    return read;
  }
  return worthAWorker(procRoot) ? startTableRead(procRoot, files) : null;
}
