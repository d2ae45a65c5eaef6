// One probe run: resolve the host once, scan TCP or UDP, confirm what answered, stream results.
import { getMaxListeners, setMaxListeners } from 'node:events';
import type { ProbeResult, ProbeRunResponse, ServiceInfo, Transport } from '../../../shared/channels/probe';
import { confirmTcp, tcpConfirmerFor, type TcpConfirmer } from './confirm';
import type { LaneFactory } from './lanes';
import { parsePortList } from '../../../shared/ports/port-spec';
import { resolveHost, type Lookup } from './resolve';
import { DEFAULT_TCP_CONCURRENCY, scanTcp, type PortVerdict, type TcpScanStats } from './tcp-scan';
import type { UdpSocketFactory } from './udp-probe';
import { DEFAULT_UDP_CONCURRENCY, scanUdp } from './udp-scan';

/** Confirmations are extra connections to a few open ports; more at once only adds load. */
const CONFIRM_CONCURRENCY = 8;
const MAX_DEFAULT_CONCURRENCY = Math.max(DEFAULT_TCP_CONCURRENCY, DEFAULT_UDP_CONCURRENCY);

export interface ProbeRunOptions {
  host: string;
  /** A port spec (`22,80,8000-8100`, `all`) or the ports themselves. */
  ports: string | readonly number[];
  protocol?: Transport;
  timeoutMs?: number;
  concurrency?: number;
  /** Ask open ports what they are (TCP; UDP ports always get their game's ping). */
  confirm?: boolean;
  signal?: AbortSignal;
  /** Each result as soon as it is final (after its confirmation, if any). */
  onResult?: (r: ProbeResult) => void;
  lookup?: Lookup;
  /** Test seams. */
  tcpLane?: LaneFactory;
  workers?: number | 'auto';
  createUdpSocket?: UdpSocketFactory;
}

export interface ProbeRunOutcome extends ProbeRunResponse {
  tcpStats: TcpScanStats | null;
}

export async function runProbe(opts: ProbeRunOptions): Promise<ProbeRunOutcome> {
  const started = performance.now();
  const protocol = opts.protocol ?? 'tcp';
  const ports = typeof opts.ports === 'string' ? parsePortList(opts.ports) : [...opts.ports];
  const { address, family } = await resolveHost(opts.host, opts.lookup);
  const { signal } = opts;
  // Every socket in flight listens for the one cancel; that many listeners is by design here.
  if (signal) setMaxListeners(Math.max(getMaxListeners(signal), (opts.concurrency ?? MAX_DEFAULT_CONCURRENCY) + CONFIRM_CONCURRENCY + 8), signal);
  const results: ProbeResult[] = [];
  const emit = (r: ProbeResult): void => {
    results.push(r);
    opts.onResult?.(r);
  };

  let tcpStats: TcpScanStats | null = null;
  let cancelled: boolean;
  if (protocol === 'udp') {
    const out = await scanUdp({
      address, family, ports, signal, concurrency: opts.concurrency, timeoutMs: opts.timeoutMs, createSocket: opts.createUdpSocket,
      onResult: (v) => emit({ port: v.port, protocol, state: v.state, reason: v.reason, rttMs: v.rttMs, service: v.service }),
    });
    cancelled = out.cancelled;
  } else {
    const confirming = new ConfirmQueue(opts.host, address, family, signal);
    const out = await scanTcp({
      address, family, ports, signal, concurrency: opts.concurrency, timeoutMs: opts.timeoutMs, lane: opts.tcpLane, workers: opts.workers,
      onResult: (v: PortVerdict) => {
        const base: ProbeResult = { port: v.port, protocol, state: v.state, reason: v.reason, rttMs: v.rttMs, service: null };
        const confirmer = (opts.confirm ?? true) && v.state === 'open' ? tcpConfirmerFor(v.port) : null;
        if (confirmer) {
          confirming.add(v.port, confirmer, (service) => emit({ ...base, service }));
        } else emit(base);
      },
    });
    await confirming.drained();
    tcpStats = out.stats;
    cancelled = out.cancelled || (signal?.aborted ?? false);
  }
  return {
    host: opts.host,
    address,
    family,
    results: results.sort((a, b) => a.port - b.port),
    cancelled,
    durationMs: Math.round(performance.now() - started),
    tcpStats,
  };
}

/** Runs TCP confirmations a few at a time while the scan goes on. */
class ConfirmQueue {
  private readonly waiting: Array<[number, TcpConfirmer, (s: ServiceInfo | null) => void]> = [];
  private running = 0;
  private idle: (() => void) | null = null;

  constructor(
    private readonly host: string,
    private readonly address: string,
    private readonly family: 4 | 6,
    private readonly signal: AbortSignal | undefined,
  ) {}

  add(port: number, confirmer: TcpConfirmer, done: (s: ServiceInfo | null) => void): void {
    this.waiting.push([port, confirmer, done]);
    this.pump();
  }

  drained(): Promise<void> {
    if (this.running === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.idle = resolve;
    });
  }

  private pump(): void {
    while (this.running < CONFIRM_CONCURRENCY && this.waiting.length > 0) {
      const [port, confirmer, done] = this.waiting.shift() as [number, TcpConfirmer, (s: ServiceInfo | null) => void];
      this.running++;
      void confirmTcp({ address: this.address, family: this.family, port, host: this.host, confirmer, signal: this.signal }).then((s) => {
        this.running--;
        done(s);
        this.pump();
      });
    }
    if (this.running === 0 && this.waiting.length === 0 && this.idle) {
      this.idle();
      this.idle = null;
    }
  }
}
