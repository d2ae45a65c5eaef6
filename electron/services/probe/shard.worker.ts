// Worker thread entry: one shard over the system connector, driven by the scanner's messages
// (lanes.ts starts it with `new Worker(workerFile('probe-shard'))`).
import { parentPort, workerData } from 'node:worker_threads';
import { makeSystemConnector } from './connector';
import { createShard, type ShardIn, type ShardWorkerData } from './shard';

// Refusals are the common case in a scan, each one an Error whose stack trace is never read. Node
// raises the limit to Infinity around each network error it makes (and then formats that stack,
// as destroy() reads err.stack) unless the limit is read-only: so it is made read-only at 0. In
// this thread alone; it runs nothing but the shard.
Object.defineProperty(Error, 'stackTraceLimit', { value: 0, writable: false, configurable: false });

const port = parentPort;
if (!port) throw new Error('shard.worker.ts runs only as a worker thread');
const { address, family, limit, timeoutMs } = workerData as ShardWorkerData;
const sys = makeSystemConnector(address, family);
port.postMessage({ type: 'info', connector: sys.name });
const shard = createShard(sys.connect, (m) => port.postMessage(m), limit, timeoutMs);
port.on('message', (m: ShardIn) => {
  shard.handle(m);
  // Nothing is left after 'stop' (sockets destroyed, timers cleared): closing the port lets this
  // thread end by itself, and Node then waits for V8's background compile jobs for it. A
  // terminate() does not wait, and Node 20 can abort the whole process when such a job outlives
  // the thread (seen at the end of full-range scans on a loaded machine).
  if (m.type === 'stop') port.close();
});
