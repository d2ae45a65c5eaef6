// Where shards run: in this thread (small scans, tests with injected connectors) or in worker
// threads (large scans: connect cost is CPU-bound, so it is spread over the machine's cores).
import { Worker } from 'node:worker_threads';
import { workerFile } from '../worker-file';
import { makeSystemConnector } from './connector';
import { createShard, type ShardConnect, type ShardIn, type ShardOut, type ShardWorkerData } from './shard';

/**
 * How long a shard may take to end its thread after 'stop'. It needs milliseconds (its sockets are
 * destroyed, its timers cleared, then V8's compile jobs finish); past this it is stuck and is
 * terminated instead.
 */
const WORKER_EXIT_GRACE_MS = 2_000;

export interface Lane {
  post(msg: ShardIn): void;
  close(): Promise<void>;
}

export interface LaneOptions {
  limit: number;
  timeoutMs: number;
  onMessage(msg: ShardOut): void;
  onError(error: Error): void;
}

export type LaneFactory = (opts: LaneOptions) => Lane;

/** A shard in this thread; messages cross asynchronously, as they would between threads. */
export function inProcessLane(connect: ShardConnect): LaneFactory {
  return ({ limit, timeoutMs, onMessage }) => {
    let closed = false;
    const shard = createShard(
      connect,
      (m) => queueMicrotask(() => {
        if (!closed) onMessage(m);
      }),
      limit,
      timeoutMs,
    );
    return {
      post: (msg) => queueMicrotask(() => shard.handle(msg)),
      close: async () => {
        closed = true;
        shard.handle({ type: 'stop' });
      },
    };
  };
}

/** The system connector in this thread. */
export function systemConnect(address: string, family: 4 | 6): ShardConnect {
  return makeSystemConnector(address, family).connect;
}

export function workerLane(address: string, family: 4 | 6): LaneFactory {
  return ({ limit, timeoutMs, onMessage, onError }) => {
    const workerData: ShardWorkerData = { address, family, limit, timeoutMs };
    const worker = new Worker(workerFile('probe-shard'), {
      workerData,
      // The shard needs little heap; keep many-worker scans from reserving the default.
      resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 48 },
    });
    let closed = false;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.on('message', (m: ShardOut) => {
      if (!closed) onMessage(m);
    });
    worker.on('error', (e) => {
      if (!closed) onError(e);
    });
    return {
      post: (msg) => worker.postMessage(msg),
      // The shard ends its own thread on 'stop' (see shard.worker.ts); terminate() only if it
      // has not within the grace period.
      close: async () => {
        closed = true;
        worker.postMessage({ type: 'stop' } satisfies ShardIn);
        const fallback = setTimeout(() => void worker.terminate(), WORKER_EXIT_GRACE_MS);
        await exited;
        clearTimeout(fallback);
      },
    };
  };
}
