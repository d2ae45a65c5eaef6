// Batch UDP scan of one address: bounded datagram sockets, deadlines from measured round trips,
// each port pinged with its game's protocol where known, back-off when the machine runs dry.
import type { ServiceInfo } from '../../../shared/channels/probe';
import { udpConfirmerFor } from './confirm';
import { RttEstimator, INITIAL_PROBE_TIMEOUT_MS } from './rtt';
import type { PortVerdict } from './tcp-scan';
import { DEFAULT_UDP_ATTEMPTS, probeUdp, type UdpSocketFactory } from './udp-probe';

/**
 * Sockets in flight by default. Kept low on purpose: hosts rate-limit ICMP port-unreachable
 * (Linux: about one a second after a short burst), so a wide burst only turns "closed" into silence.
 */
export const DEFAULT_UDP_CONCURRENCY = 16;
/** After EMFILE/ENOBUFS: let sockets close before opening more. */
const UDP_BACKOFF_MS = 50;

export interface UdpPortVerdict extends PortVerdict {
  service: ServiceInfo | null;
}

export interface UdpScanOptions {
  address: string;
  family: 4 | 6;
  ports: readonly number[];
  concurrency?: number;
  timeoutMs?: number;
  attempts?: number;
  signal?: AbortSignal;
  onResult?: (r: UdpPortVerdict) => void;
  createSocket?: UdpSocketFactory;
}

export async function scanUdp(opts: UdpScanOptions): Promise<{ results: UdpPortVerdict[]; cancelled: boolean; peakInFlight: number }> {
  const { address, family, signal } = opts;
  const limitCap = opts.concurrency ?? DEFAULT_UDP_CONCURRENCY;
  if (!Number.isInteger(limitCap) || limitCap < 1) throw new RangeError('concurrency must be a positive integer');
  const estimator = new RttEstimator(opts.timeoutMs ?? INITIAL_PROBE_TIMEOUT_MS);
  const queue = [...opts.ports];
  const results: UdpPortVerdict[] = [];
  let limit = limitCap;
  let inFlight = 0;
  let peak = 0;

  await new Promise<void>((resolve) => {
    const pump = (): void => {
      if (signal?.aborted) {
        if (inFlight === 0) resolve();
        return;
      }
      while (inFlight < limit && queue.length > 0) start(queue.shift() as number);
      if (inFlight === 0 && queue.length === 0) resolve();
    };
    const start = (port: number): void => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      const confirmer = udpConfirmerFor(port);
      void probeUdp({
        address,
        family,
        port,
        signal,
        attempts: opts.attempts ?? DEFAULT_UDP_ATTEMPTS,
        timeoutMs: () => estimator.timeoutMs(),
        createSocket: opts.createSocket,
        ...(confirmer ? { exchange: confirmer.exchange } : {}),
      }).then((o) => {
        inFlight--;
        if (o.verdict === null) {
          queue.unshift(port);
          limit = Math.max(1, Math.floor(limit / 2));
          setTimeout(pump, UDP_BACKOFF_MS).unref();
          return;
        }
        if (limit < limitCap) limit++;
        if (o.rttMs !== null) estimator.add(o.rttMs);
        if (!signal?.aborted) {
          const service = o.reply && confirmer ? confirmer.decode(o.reply) : null;
          const r: UdpPortVerdict = { port, ...o.verdict, rttMs: o.rttMs === null ? null : Math.round(o.rttMs * 1000) / 1000, service };
          results.push(r);
          opts.onResult?.(r);
        }
        pump();
      });
    };
    pump();
  });
  return { results: results.sort((a, b) => a.port - b.port), cancelled: signal?.aborted ?? false, peakInFlight: peak };
}
