// Starts and stops a whole companion: HTTP API, STUN sockets, limits — and a graceful shutdown.
import { setMaxListeners } from 'node:events';
import http from 'node:http';
import type { Socket } from 'node:net';
import type { CompanionConfig } from './config';
import { createApi, sendError } from './http-api';
import { AggregateLimiter, DestinationLocks, SlidingWindowLimiter, SlotPool, TokenBuckets, type Clock } from './limits';
import type { Logger } from './log';
import { cidrContains, parseAddress, rateKeys } from './net-address';
import { runProbe, type ProbeOptions } from './probes';
import { startStunServer, type StunServerHandle } from './stun-server';
import { COMPANION_VERSION } from './version';

/** DOMAIN.md: a client gets 5 s to send its headers — slow-loris sockets are cut after that. */
export const HEADERS_TIMEOUT_MS = 5_000;
/** DOMAIN.md: the whole request (a ≤ 4 KiB body) must arrive within 10 s. */
export const REQUEST_TIMEOUT_MS = 10_000;
/** Node checks the two timeouts above on this interval (default 30 s would let sockets linger). */
export const CONNECTIONS_CHECK_INTERVAL_MS = 1_000;
/** Idle keep-alive connections are closed after this, freeing descriptors quickly. */
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;
/** On SIGTERM, responses already being written get this long before every socket is cut. */
export const SHUTDOWN_GRACE_MS = 1_000;
/** Accept queue sized to the connection cap (Node's 511 drops SYNs in bursts; the kernel caps it at somaxconn). */
const LISTEN_BACKLOG = (config: CompanionConfig) => Math.min(config.maxConnections, 4096);
/**
 * How much more an IPv6 /56 and /48 may do than one /64 (checks and open connections): room for a
 * household or an office with several /64s, not for an allocation posing as thousands of users.
 */
export const AGGREGATE_FACTORS = [1, 2, 4] as const;
/** Rate-limit state is swept of idle sources this often. */
const SWEEP_INTERVAL_MS = 60_000;

export interface CompanionHandle {
  readonly httpPort: number;
  readonly udpPort: number;
  readonly stunAltPort: number | null;
  readonly stun: StunServerHandle[];
  /** Probes running now (for tests and the benchmark). */
  activeProbes(): number;
  openConnections(): number;
  close(): Promise<void>;
}

export async function startCompanion(
  config: CompanionConfig,
  log: Logger,
  seams: { clock?: Clock; probeOptions?: Omit<ProbeOptions, 'signal'> } = {},
): Promise<CompanionHandle> {
  const clock = seams.clock ?? Date.now;
  const shutdown = new AbortController();
  // Every check in flight listens for shutdown: thousands of listeners are expected, not a leak.
  setMaxListeners(0, shutdown.signal);
  const checkLimiter = new AggregateLimiter(
    AGGREGATE_FACTORS.map((factor, level) => ({
      limiter: new SlidingWindowLimiter(
        [
          { max: config.checksPerMinute * factor, windowMs: 60_000 },
          { max: config.checksPerHour * factor, windowMs: 3_600_000 },
        ],
        clock,
        config.maxTrackedSources,
      ),
      key: (keys: readonly string[]) => keys[level],
    })),
  );
  const whoamiBuckets = new TokenBuckets(config.whoamiBurst, config.whoamiPerSecond, clock, config.maxTrackedSources);
  const stunBuckets = new TokenBuckets(config.stunBurst, config.stunPerSecond, clock, config.maxTrackedSources);
  const slots = new SlotPool(config.maxConcurrentProbes, config.maxQueuedProbes, config.maxProbesPerNetwork);
  let active = 0;
  const stun: StunServerHandle[] = [];
  const api = createApi({
    stunPorts: () => stun.map((s) => s.port),
    config,
    log,
    checkLimiter,
    whoamiBuckets,
    slots,
    destinations: new DestinationLocks(config.perDestinationInFlight),
    shutdown: shutdown.signal,
    probe: async (target, signal) => {
      active++;
      try {
        return await runProbe(target, { ...seams.probeOptions, signal });
      } finally {
        active--;
      }
    },
  });

  const server = http.createServer({
    headersTimeout: HEADERS_TIMEOUT_MS,
    requestTimeout: REQUEST_TIMEOUT_MS,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    connectionsCheckingInterval: CONNECTIONS_CHECK_INTERVAL_MS,
    maxHeaderSize: 8 * 1024,
  });
  server.maxConnections = config.maxConnections;
  server.maxRequestsPerSocket = 1000;
  const perSource = new Map<string, number>();
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    const peer = parseAddress(socket.remoteAddress ?? '');
    // Counted at every aggregate (IPv6 /64, /56, /48), so rotating /64s inside one /48 does not multiply the cap.
    const keys = peer ? rateKeys(peer) : ['unknown'];
    // A trusted proxy carries everyone's connections: only the global cap applies to it.
    const proxy = peer !== null && config.trustProxy.some((c) => cidrContains(c, peer));
    const over = keys.some((k, level) => (perSource.get(k) ?? 0) + 1 > config.maxConnectionsPerSource * AGGREGATE_FACTORS[level]!);
    if (over && !proxy) {
      socket.destroy();
      return;
    }
    for (const k of keys) perSource.set(k, (perSource.get(k) ?? 0) + 1);
    sockets.add(socket);
    socket.once('close', () => {
      sockets.delete(socket);
      for (const k of keys) {
        const left = (perSource.get(k) ?? 1) - 1;
        if (left <= 0) perSource.delete(k);
        else perSource.set(k, left);
      }
    });
  });
  server.on('request', (req, res) => {
    api(req, res).catch((e: unknown) => {
      log.error('request failed', { error: e instanceof Error ? e.message : String(e) });
      sendError(res, 'overloaded', 'internal error');
    });
  });
  server.on('clientError', (e: NodeJS.ErrnoException, socket) => {
    // Timeouts and malformed requests: answer once if possible, always free the descriptor.
    if (socket.writable && e.code === 'ERR_HTTP_REQUEST_TIMEOUT') socket.end('HTTP/1.1 408 Request Timeout\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else if (socket.writable && e.code === 'HPE_HEADER_OVERFLOW') socket.end('HTTP/1.1 431 Request Header Fields Too Large\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    socket.destroy();
  });

  const listenHost = config.host;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: config.httpPort, host: listenHost, ipv6Only: false, backlog: LISTEN_BACKLOG(config) }, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (e: NodeJS.ErrnoException) => {
    if (listenHost !== '::' || (e.code !== 'EAFNOSUPPORT' && e.code !== 'EADDRNOTAVAIL')) throw e;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port: config.httpPort, host: '0.0.0.0', backlog: LISTEN_BACKLOG(config) }, () => resolve());
    });
  });

  try {
    stun.push(await startStunServer({ host: config.host, port: config.udpPort, buckets: stunBuckets, log }));
    if (config.stunAltPort > 0) stun.push(await startStunServer({ host: config.host, port: config.stunAltPort, buckets: stunBuckets, log }));
  } catch (e) {
    await Promise.all(stun.map((s) => s.close()));
    server.close();
    throw e;
  }
  const sweep = setInterval(() => {
    checkLimiter.sweep();
    whoamiBuckets.sweep();
    stunBuckets.sweep();
  }, SWEEP_INTERVAL_MS);
  sweep.unref();

  const address = server.address();
  const httpPort = typeof address === 'object' && address ? address.port : config.httpPort;
  log.info('companion started', {
    version: COMPANION_VERSION,
    httpPort,
    udpPort: stun[0]?.port ?? null,
    stunAltPort: stun[1]?.port ?? null,
    allowTargets: config.allowTargets.map((c) => c.text).join(','),
    trustProxy: config.trustProxy.map((c) => c.text).join(','),
  });

  let closing: Promise<void> | null = null;
  return {
    httpPort,
    udpPort: stun[0]!.port,
    stunAltPort: stun[1]?.port ?? null,
    stun,
    activeProbes: () => active,
    openConnections: () => sockets.size,
    close() {
      closing ??= (async () => {
        log.info('companion stopping', { activeProbes: active, connections: sockets.size });
        clearInterval(sweep);
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        // Abort every probe: their sockets are destroyed, their checks answer 503 shutting-down.
        shutdown.abort();
        server.closeIdleConnections();
        const grace = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
        await Promise.all([closed, ...stun.map((s) => s.close())]);
        clearTimeout(grace);
        // The server may report closed before every socket has emitted 'close': finish them here.
        await Promise.all(
          [...sockets].map((s) => new Promise<void>((resolve) => {
            s.once('close', () => resolve());
            s.destroy();
          })),
        );
        log.info('companion stopped', {});
      })();
      return closing;
    },
  };
}
