// Where shards run: in this thread (small scans, tests with injected connectors) or in worker
// threads (large scans: connect cost is CPU-bound, so it is spread over the machine's cores).
import net from 'node:net';
import util from 'node:util';
import { Worker } from 'node:worker_threads';
import { createShard, makeSystemConnector, type ShardConnect, type ShardIn, type ShardOut } from './shard';

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

/** The system connector in this thread (net.Socket unless told to prefer the bare handle). */
export function systemConnect(address: string, family: 4 | 6, preferHandle = false): ShardConnect {
  return makeSystemConnector({ net, util }, address, family, preferHandle).connect;
}

// The worker runs the same shard and connector code, from their source text (see shard.ts).
const WORKER_SOURCE = [
  "const { parentPort, workerData } = require('node:worker_threads');",
  // Refusals are the common case in a scan; their stack traces are never read.
  'Error.stackTraceLimit = 0;',
  `const sys = (${makeSystemConnector.toString()})({ net: require('node:net'), util: require('node:util') }, workerData.address, workerData.family, workerData.preferHandle);`,
  "parentPort.postMessage({ type: 'info', connector: sys.name });",
  // Idle: nothing queued or in flight, so spare sockets are closed until more ports arrive.
  `const shard = (${createShard.toString()})(sys.connect, (m) => { if (m.type === 'idle' && sys.dispose) sys.dispose(); parentPort.postMessage(m); }, workerData.limit, workerData.timeoutMs);`,
  "parentPort.on('message', (m) => shard.handle(m));",
].join('\n');

export function workerLane(address: string, family: 4 | 6, preferHandle = true): LaneFactory {
  return ({ limit, timeoutMs, onMessage, onError }) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { address, family, preferHandle, limit, timeoutMs },
      // The shard needs little heap; keep many-worker scans from reserving the default.
      resourceLimits: { maxOldGenerationSizeMb: 64 },
    });
    let closed = false;
    worker.on('message', (m: ShardOut) => {
      if (!closed) onMessage(m);
    });
    worker.on('error', (e) => {
      if (!closed) onError(e);
    });
    return {
      post: (msg) => worker.postMessage(msg),
      close: async () => {
        closed = true;
        await worker.terminate();
      },
    };
  };
}
