// Maps socket inodes to the processes holding them by walking /proc/<pid>/fd, stopping early; on a
// busy machine a helper thread walks alongside while this thread still reads the socket tables.
import fs from 'node:fs';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { AppError } from '../../../../shared/errors';
import { createFdScanner } from './fd-scan';

export interface OwnerScan {
  /** inode → pid of the first process (in /proc order) found holding it. */
  owners: Map<number, number>;
  /** Some process's fd table was unreadable (another user's, and we are not root). */
  sawPermissionDenied: boolean;
  /** Some process exited between listing /proc and reading its fds. */
  sawVanished: boolean;
}

export interface OwnerSearch {
  /**
   * Hands over the inodes that need an owner and reads fd tables until each has one or every
   * process was read. Blocks; call exactly once (also with no inodes, to release the helper).
   */
  finish(wanted: readonly number[]): OwnerScan;
}

// Shared control slots; fd-scan.ts numbers NEXT, STOP, FLAGS and REMAINING the same way.
const STOP = 1;
const FLAGS = 2;
const REMAINING = 3;
/** 1 once the wanted inodes were posted to the helper. */
const WANTED_READY = 4;
/** The helper's state, below; it moves IDLE → SCANNING → DONE, or this thread moves IDLE → CANCELLED. */
const HELPER = 5;
/** 1 when the helper failed; its error waits on the port. */
const FAILED = 6;
const CONTROL_SLOTS = 7;

const IDLE = 0;
const SCANNING = 1;
const DONE = 2;
const CANCELLED = 3;

/**
 * The helper reads one process's fd table at a time and stops between processes when told; even a
 * process with a million descriptors takes a few seconds. Past this it is stuck (a hung procfs read).
 */
const HELPER_WAIT_MS = 30_000;

// The helper's whole program: claim the SCANNING state (or find itself cancelled), read fd tables,
// pick up the wanted inodes as soon as they are posted, and say DONE (after a failure too).
const HELPER_SOURCE = [
  "const { workerData: d, receiveMessageOnPort } = require('node:worker_threads');",
  `const scanner = (${createFdScanner.toString()})(require('node:fs'), d.procRoot, d.pids, d.control);`,
  'const take = () => { const m = receiveMessageOnPort(d.port).message; scanner.setWanted(m.wanted, m.owners); };',
  `if (Atomics.compareExchange(d.control, ${HELPER}, ${IDLE}, ${SCANNING}) === ${IDLE}) {`,
  '  try {',
  '    for (;;) {',
  `      if (!scanner.hasWanted && Atomics.load(d.control, ${WANTED_READY}) === 1) take();`,
  '      if (!scanner.scanNext()) break;',
  '    }',
  // Every read process may hold a wanted socket, so wait for the list (finish() always posts one).
  `    if (!scanner.hasWanted && Atomics.wait(d.control, ${WANTED_READY}, 0, ${HELPER_WAIT_MS}) !== 'timed-out') take();`,
  '  } catch (e) {',
  '    d.port.postMessage({ message: String(e && e.message) });',
  `    Atomics.store(d.control, ${FAILED}, 1);`,
  '  } finally {',
  `    Atomics.store(d.control, ${HELPER}, ${DONE});`,
  `    Atomics.notify(d.control, ${HELPER});`,
  '  }',
  '}',
  'd.port.close();',
].join('\n');

function isPidName(name: string): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

function listPids(procRoot: string): Int32Array {
  const names = fs.readdirSync(procRoot);
  const pids = new Int32Array(new SharedArrayBuffer(names.length * 4));
  let n = 0;
  for (const name of names) if (isPidName(name)) pids[n++] = Number(name);
  return pids.subarray(0, n);
}

interface Helper {
  worker: Worker;
  port: MessagePort;
}

function startHelper(procRoot: string, pids: Int32Array, control: Int32Array): Helper {
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(HELPER_SOURCE, {
    eval: true,
    workerData: { procRoot, pids, control, port: port2 },
    transferList: [port2],
  });
  // The helper reports scan failures itself (FAILED); this event means the thread itself died, and
  // nobody is listening by then: finish() has returned, or gives up waiting after HELPER_WAIT_MS.
  worker.on('error', () => undefined);
  worker.unref();
  return { worker, port: port1 };
}

/**
 * Who reads fd tables: this thread alone; a helper thread alongside it (started at once, so it
 * reads while this thread still reads the socket tables); or the helper alone, this thread only
 * waiting (tests use that to check the helper on its own).
 */
export type OwnerSearchThreads = 'this' | 'both' | 'helper';

/** Lists /proc now and starts the helper if asked; finish() hands over the wanted inodes. */
export function startOwnerSearch(procRoot: string, threads: OwnerSearchThreads): OwnerSearch {
  const pids = listPids(procRoot);
  const control = new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * 4));
  const scanner = createFdScanner(fs, procRoot, pids, control);
  const thread = threads !== 'this' && pids.length > 0 ? startHelper(procRoot, pids, control) : null;

  return {
    finish(wanted) {
      const owners = new Int32Array(new SharedArrayBuffer(Math.max(1, wanted.length) * 4));
      Atomics.store(control, REMAINING, wanted.length);
      if (wanted.length === 0) Atomics.store(control, STOP, 1);
      if (thread) {
        thread.port.postMessage({ wanted: Float64Array.from(wanted), owners });
        Atomics.store(control, WANTED_READY, 1);
        Atomics.notify(control, WANTED_READY);
      }
      scanner.setWanted(wanted, owners);
      try {
        if (threads !== 'helper') while (scanner.scanNext());
      } finally {
        if (threads !== 'helper') Atomics.store(control, STOP, 1);
        if (thread) joinHelper(thread, control, threads === 'helper');
      }
      const found = new Map<number, number>();
      for (let i = 0; i < wanted.length; i++) if (owners[i]! > 0) found.set(wanted[i]!, pids[owners[i]! - 1]!);
      const flags = Atomics.load(control, FLAGS);
      return { owners: found, sawPermissionDenied: (flags & 1) !== 0, sawVanished: (flags & 2) !== 0 };
    },
  };
}

/**
 * Waits for a helper that is reading (it stops after its current process); one still starting is
 * dropped, unless it is the only reader (`alone`).
 */
function joinHelper(thread: Helper, control: Int32Array, alone: boolean): void {
  try {
    if (!alone && Atomics.compareExchange(control, HELPER, IDLE, CANCELLED) === IDLE) return;
    const deadline = Date.now() + HELPER_WAIT_MS;
    for (let state = Atomics.load(control, HELPER); state === IDLE || state === SCANNING; state = Atomics.load(control, HELPER)) {
      const left = deadline - Date.now();
      if (left <= 0 || Atomics.wait(control, HELPER, state, left) === 'timed-out') {
        void thread.worker.terminate();
        throw new AppError('COMMAND_FAILED', `reading /proc/<pid>/fd took over ${HELPER_WAIT_MS / 1000} s`);
      }
    }
    if (Atomics.load(control, FAILED) === 1) {
      const sent = receiveMessageOnPort(thread.port)?.message as { message?: string } | undefined;
      throw new AppError('COMMAND_FAILED', `reading /proc/<pid>/fd: ${sent?.message ?? 'the scan thread failed'}`);
    }
  } finally {
    thread.port.close();
  }
}
