// Batch TCP scan of one address: ports spread over shards, deadlines tightened from measured
// round trips, silent ports retried, verdicts streamed as they are decided.
import os from 'node:os';
import { AppError } from '../../../shared/errors';
import { classifyTcp, type TcpOutcome, type Verdict } from '../../../shared/protocol/classify';
import { inProcessLane, systemConnect, workerLane, type Lane, type LaneFactory } from './lanes';
import { INITIAL_PROBE_TIMEOUT_MS, RttEstimator } from './rtt';
import type { ShardOut, ShardResults } from './shard';

/** Sockets in flight by default: a full-range scan of a LAN host needs this many to keep up with nmap. */
export const DEFAULT_TCP_CONCURRENCY = 512;
/** A silent port gets one more try: one lost SYN must not turn an open port into "filtered". */
export const DEFAULT_TCP_RETRIES = 1;
/**
 * IPv6 deadline floor. Linux may hold back an ICMPv6 error that meets the first SYN (seen in the
 * lab: the error counts only once the kernel retransmits the SYN, at 1 s), so one attempt outlives
 * that retransmit — which also sends the second SYN, standing in for the retry IPv4 gets.
 */
export const IPV6_MIN_TIMEOUT_MS = 1100;
/** Smallest batch of ports handed to a shard: fewer messages, while keeping every shard busy. */
const CHUNK_MIN_PORTS = 1024;
/** Below this many ports, a second thread costs more than it saves. */
export const WORKER_THRESHOLD_PORTS = 4096;
/** Connects are cheap per core; past four threads the kernel, not JavaScript, is the limit. */
export const MAX_WORKERS = 4;

export interface PortVerdict extends Verdict {
  port: number;
  rttMs: number | null;
}

export interface TcpScanOptions {
  address: string;
  family: 4 | 6;
  ports: readonly number[];
  concurrency?: number;
  /** Deadline ceiling per attempt (and the deadline until the first answer is measured). */
  timeoutMs?: number;
  retries?: number;
  signal?: AbortSignal;
  /** Each verdict as it is final. A scan given this keeps none itself: `results` is then empty. */
  onResult?: (r: PortVerdict) => void;
  /** Worker threads; 'auto' picks by port count and cores; 0 runs in this thread. Ignored when `lane` is given. */
  workers?: number | 'auto';
  /** Test seam: one lane factory (e.g. an in-process lane over an injected connector). */
  lane?: LaneFactory;
}

export interface TcpScanStats {
  lanes: number;
  connector: string;
  attempts: number;
  /** Highest number of sockets any one shard held at once (sum over shards bounds the total). */
  peakInFlight: number;
  backoffs: number;
  finalTimeoutMs: number;
}

export interface TcpScanOutcome {
  /** Every verdict, by port, when no onResult took them (a full-range scan makes 65,535). */
  results: PortVerdict[];
  cancelled: boolean;
  stats: TcpScanStats;
}

/**
 * Threads for a scan. Even one port gets a worker: a round trip is timed by the thread that sent
 * the SYN, and this thread's garbage collections and start-up work (tens of ms in a fresh CLI)
 * would otherwise land inside the measured handshake. 0 (this thread) is a test seam only.
 */
export function pickWorkers(portCount: number, requested: number | 'auto' = 'auto'): number {
  if (requested !== 'auto') return requested;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return portCount >= WORKER_THRESHOLD_PORTS && cores >= 2 ? Math.min(cores, MAX_WORKERS) : 1;
}

function outcomeOf(code: string): TcpOutcome {
  if (code === 'ok') return { kind: 'connected' };
  if (code === 'self') return { kind: 'self-connect' };
  if (code === 'timeout') return { kind: 'timeout' };
  return { kind: 'error', code };
}

export async function scanTcp(opts: TcpScanOptions): Promise<TcpScanOutcome> {
  const { address, family, ports, signal, onResult } = opts;
  const concurrency = opts.concurrency ?? DEFAULT_TCP_CONCURRENCY;
  const v6 = family === 6;
  const ceiling = opts.timeoutMs ?? (v6 ? IPV6_MIN_TIMEOUT_MS : INITIAL_PROBE_TIMEOUT_MS);
  const retries = opts.retries ?? (v6 ? 0 : DEFAULT_TCP_RETRIES);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError('concurrency must be a positive integer');
  if (!(ceiling > 0)) throw new RangeError('timeoutMs must be positive');

  const estimator = v6 ? new RttEstimator(ceiling, Math.min(IPV6_MIN_TIMEOUT_MS, ceiling)) : new RttEstimator(ceiling);
  const results: PortVerdict[] = [];
  const attempts = new Uint8Array(65536);
  const stats: TcpScanStats = { lanes: 0, connector: 'injected', attempts: 0, peakInFlight: 0, backoffs: 0, finalTimeoutMs: ceiling };
  if (ports.length === 0) return { results, cancelled: false, stats };
  if (signal?.aborted) return { results, cancelled: true, stats };

  const nWorkers = opts.lane ? 0 : Math.min(pickWorkers(ports.length, opts.workers), concurrency);
  const factories: LaneFactory[] = opts.lane
    ? [opts.lane]
    : nWorkers > 0
      ? Array.from({ length: nWorkers }, () => workerLane(address, family))
      : [inProcessLane(systemConnect(address, family))];
  if (!opts.lane && nWorkers === 0) stats.connector = 'net.Socket';
  stats.lanes = factories.length;

  return new Promise<TcpScanOutcome>((resolve, reject) => {
    const lanes: Lane[] = [];
    const outstanding: number[] = [];
    const peaks: number[] = [];
    let sentTimeout = ceiling;
    let finished = false;

    const finish = (cancelled: boolean, error?: Error): void => {
      if (finished) return;
      finished = true;
      signal?.removeEventListener('abort', onAbort);
      stats.peakInFlight = Math.max(0, ...peaks);
      stats.finalTimeoutMs = sentTimeout;
      // The threads end by themselves after 'stop' (see lanes.ts) while the caller reads the
      // results: a CLI prints them meanwhile, and its process then waits for the threads to exit.
      void Promise.all(lanes.map((l) => l.close())).catch(() => undefined);
      if (error) reject(error);
      else resolve({ results: results.sort((a, b) => a.port - b.port), cancelled, stats });
    };
    const onAbort = (): void => finish(true);
    signal?.addEventListener('abort', onAbort, { once: true });

    const onResults = (lane: number, batch: ShardResults): void => {
      const retry: number[] = [];
      // One outcome and verdict per distinct code in the batch (a batch is mostly one errno).
      const outcomes = batch.codes.map(outcomeOf);
      const verdicts = outcomes.map(classifyTcp);
      for (let k = 0; k < batch.ports.length; k++) {
        const p = batch.ports[k] as number;
        const id = batch.codeIds[k] as number;
        const outcome = outcomes[id] as TcpOutcome;
        const verdict = verdicts[id] ?? null;
        stats.attempts++;
        if (outcome.kind === 'timeout' && (attempts[p] as number) < retries) {
          attempts[p] = (attempts[p] as number) + 1;
          retry.push(p);
          continue;
        }
        outstanding[lane] = (outstanding[lane] as number) - 1;
        // Resource errors never reach here: the shard re-queues those itself.
        if (!verdict) continue;
        const answered = outcome.kind !== 'timeout';
        const rttMs = (batch.rttUs[k] as number) / 1000;
        if (answered) estimator.add(rttMs);
        const v: PortVerdict = { port: p, state: verdict.state, reason: verdict.reason, rttMs: answered ? rttMs : null };
        if (onResult) onResult(v);
        else results.push(v);
      }
      const t = estimator.timeoutMs();
      if (t !== sentTimeout) {
        sentTimeout = t;
        for (const l of lanes) l.post({ type: 'timeout', ms: t });
      }
      if (retry.length > 0) lanes[lane]?.post({ type: 'ports', ports: retry, retry: true });
      feed(lane);
      if (next >= ports.length && outstanding.every((n) => n === 0)) finish(false);
    };

    // Ports go out in chunks to whichever shard is running low, so a thread that gets less CPU
    // (or slower ports) does not leave the others idle at the end. A shard is topped up while it
    // still holds a chunk's worth: it reports in batches, so a lane refilled only at half a chunk
    // ran dry and sat waiting for the next message on every chunk.
    let next = 0;
    const chunk = Math.max(CHUNK_MIN_PORTS, Math.ceil(concurrency / factories.length) * 4);
    const feed = (lane: number): void => {
      if ((outstanding[lane] as number) >= chunk || next >= ports.length) return;
      const part = ports.slice(next, next + chunk);
      next += part.length;
      outstanding[lane] = (outstanding[lane] as number) + part.length;
      lanes[lane]?.post({ type: 'ports', ports: part });
    };

    const base = Math.floor(concurrency / factories.length);
    factories.forEach((factory, i) => {
      outstanding[i] = 0;
      peaks[i] = 0;
      const lane = factory({
        limit: base + (i < concurrency % factories.length ? 1 : 0),
        timeoutMs: ceiling,
        onMessage: (m: ShardOut) => {
          if (finished) return;
          if (m.type === 'results') {
            peaks[i] = Math.max(peaks[i] as number, m.peak);
            onResults(i, m.batch);
          } else if (m.type === 'backoff') stats.backoffs++;
          else if (m.type === 'info') stats.connector = m.connector;
        },
        onError: (e) => finish(false, new AppError('INTERNAL', 'a probe worker failed', { cause: e })),
      });
      lanes.push(lane);
      feed(i);
    });
  });
}
