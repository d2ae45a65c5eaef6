// Lab driver, bundled and run inside a namespace by listeners/linux/engine-host.lab.test.ts: lists
// sockets the way the app's handlers do and measures how long this thread's event loop was held up.
// Prints one JSON line: { worker: Delays, inThread: Delays } (inThread is the control: the same
// engine run on this thread, which must show the blocking the worker avoids).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { defaultListenersDeps, listListeners } from '../../electron/services/listeners/index';
import { createEngineHost, type LinuxCollector } from '../../electron/services/listeners/linux/engine-host';
import { inThreadCollector } from '../../electron/services/listeners/linux/in-thread';

interface Delays {
  rows: number;
  /** Longest the event loop waited, in ms, over all refreshes (first one cold). */
  maxMs: number;
  p99Ms: number;
  /** Wall time of all refreshes. */
  totalMs: number;
  /**
   * Share of that time this thread spent running code rather than waiting for events (event loop
   * utilization): unlike delays, not inflated when a busy machine leaves the thread unscheduled.
   */
  busyShare: number;
}

async function measure(linux: LinuxCollector, refreshes: number): Promise<Delays> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  // A timer keeps the loop turning, so a blocked thread shows up as a late tick.
  const tick = setInterval(() => undefined, 1);
  h.enable();
  const elu0 = performance.eventLoopUtilization();
  const t0 = performance.now();
  let rows = 0;
  for (let i = 0; i < refreshes; i++) {
    rows = (await listListeners({}, defaultListenersDeps(linux))).listeners.length;
    // Let the loop turn (and the monitor record how late it is) between refreshes, as an app does.
    await new Promise((r) => setTimeout(r, 5));
  }
  const totalMs = performance.now() - t0;
  const busyShare = performance.eventLoopUtilization(elu0).utilization;
  h.disable();
  clearInterval(tick);
  return { rows, maxMs: h.max / 1e6, p99Ms: h.percentile(99) / 1e6, totalMs, busyShare };
}

const [workerFile, refreshesText] = process.argv.slice(2);
const refreshes = Number(refreshesText);
const host = createEngineHost(workerFile);
const worker = await measure(host.collect, refreshes);
await host.close();
const inThread = await measure(inThreadCollector(), refreshes);
process.stdout.write(`${JSON.stringify({ worker, inThread })}\n`);
