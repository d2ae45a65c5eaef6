// The app's side of the listeners worker: starts it on first use, keeps it (and so its warm engine)
// for later refreshes, and never waits for it synchronously. Used where a UI thread must stay free.
import path from 'node:path';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { Listener } from '../../../../shared/channels/listeners';
import { AppError } from '../../../../shared/errors';
import type { ListenerFilter } from '../rows';
import { DEFAULT_LINUX_SEAMS, type LinuxSeams } from './engine';
import type { EngineReply, EngineRequest } from './engine-messages';

export const WORKER_FILE_NAME = 'listeners-worker.cjs';

/**
 * The build writes the worker beside each bundle that uses it (dist/cli, dist/electron). Run from
 * source (the tests run this .ts file), it is the CLI build's copy. Decided without touching the
 * disk: nothing on this path may wait on the filesystem.
 */
export function defaultWorkerFile(): string {
  return __filename.endsWith('.ts') ? path.resolve(__dirname, '../../../../dist/cli', WORKER_FILE_NAME) : path.join(__dirname, WORKER_FILE_NAME);
}

export type LinuxCollector = (filter: ListenerFilter, signal?: AbortSignal) => Promise<Listener[]>;

export interface EngineHost {
  collect: LinuxCollector;
  /** Ends the worker; a later collect starts a new (cold) one. */
  close(): Promise<void>;
}

interface Pending {
  resolve(rows: Listener[]): void;
  reject(e: Error): void;
}

interface Running {
  worker: Worker;
  cancel: MessagePort;
}

export function createEngineHost(workerFile: string = defaultWorkerFile(), seams: LinuxSeams = DEFAULT_LINUX_SEAMS): EngineHost {
  let running: Running | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const failAll = (e: Error) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };

  const start = (): Running => {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(workerFile, { workerData: { seams, cancelPort: port2 }, transferList: [port2] });
    const self: Running = { worker, cancel: port1 };
    worker.on('message', (reply: EngineReply) => {
      const p = pending.get(reply.id);
      if (p === undefined) return; // cancelled here already
      pending.delete(reply.id);
      if (pending.size === 0) worker.unref();
      if ('rows' in reply) p.resolve(reply.rows);
      else p.reject(new AppError(reply.error.code, reply.error.detail ?? undefined));
    });
    // The worker died (a bug, or out of memory): every waiting call fails; the next one starts afresh.
    const died = (e: Error) => {
      if (running === self) running = null;
      port1.close();
      failAll(new AppError('COMMAND_FAILED', `the listeners worker stopped: ${e.message}`, { cause: e }));
    };
    worker.on('error', died);
    worker.on('exit', (code) => died(new Error(`exit code ${code}`)));
    return self;
  };

  return {
    collect(filter, signal) {
      if (signal?.aborted) return Promise.reject(new AppError('CANCELLED', 'listing sockets'));
      running ??= start();
      const { worker, cancel } = running;
      const id = nextId++;
      return new Promise<Listener[]>((resolve, reject) => {
        const onAbort = () => {
          if (!pending.delete(id)) return;
          cancel.postMessage({ cancel: id });
          if (pending.size === 0) worker.unref();
          reject(new AppError('CANCELLED', 'listing sockets'));
        };
        pending.set(id, {
          resolve: (rows) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(rows);
          },
          reject: (e) => {
            signal?.removeEventListener('abort', onAbort);
            reject(e);
          },
        });
        signal?.addEventListener('abort', onAbort, { once: true });
        // Referenced while a call waits, so a process with nothing else to do still gets its answer.
        worker.ref();
        worker.postMessage({ id, filter: { protocol: filter.protocol, port: filter.port } } satisfies EngineRequest);
      });
    },
    async close() {
      const r = running;
      running = null;
      if (r === null) return;
      failAll(new AppError('CANCELLED', 'the listeners engine was closed'));
      r.cancel.close();
      await r.worker.terminate();
    },
  };
}
