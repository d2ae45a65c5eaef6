// The TCP test listener: a tiny HTTP responder that serves one page on the test's secret path and a
// bare 404 everywhere else; bounded in connections, request size, rate and time.
import http from 'node:http';
import type net from 'node:net';
import { ackOf, secretPath } from './secret';
import { createRateLimiter, type RateLimit } from './rate-limit';
import { fallsBackToV4, openFailureOf, type OpenFailure } from './listen-errors';
import { plainAddress } from './addresses';
import { PAGE_CSP, testPage } from './test-page';

/** All connections at once: a phone, a friend and a few reloads; anything past that is a flood. */
export const MAX_CONNECTIONS = 32;
/** Open connections from one address (a browser opens up to 6, 4 is plenty for one page). */
export const MAX_CONNECTIONS_PER_SOURCE = 4;
/** Request line plus headers: a browser's GET is well under 1 KiB; nothing here reads a body. */
export const MAX_REQUEST_BYTES = 2048;
/** A browser sends its request at once; a slow sender is holding a slot, not testing. */
export const HEADERS_TIMEOUT_MS = 5_000;
export const REQUEST_TIMEOUT_MS = 10_000;
/** Per address: a few reloads at once, then one request a second. */
export const REQUEST_RATE: RateLimit = { burst: 10, perSecond: 1 };

export interface Visit {
  address: string;
  port: number;
  /** The request named the public address in its Host header: it came through the public link. */
  viaPublic: boolean;
}

export interface HttpListenerOptions {
  port: number;
  secret: Uint8Array;
  computer: string;
  publicAddress: string | null;
  /** Called for each request on the secret path; returns true when the visitor is this computer itself. */
  onVisit(v: Visit): boolean;
}

export interface OpenListener {
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'content-security-policy': PAGE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  connection: 'close',
};

function bare(res: http.ServerResponse, status: number): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-length': '0' });
  res.end();
}

/** Host header without port or brackets, lower case. */
function hostName(host: string | undefined): string | null {
  if (!host) return null;
  const m = /^\[([^\]]+)\](?::\d+)?$/.exec(host) ?? /^([^:]+)(?::\d+)?$/.exec(host);
  return m ? m[1]!.toLowerCase() : null;
}

export function openHttpTestListener(o: HttpListenerOptions): Promise<OpenListener | OpenFailure> {
  const path = secretPath(o.secret);
  const ack = Buffer.from(ackOf(o.secret)).toString('hex');
  const limiter = createRateLimiter(REQUEST_RATE);
  const perSource = new Map<string, number>();
  const sockets = new Set<net.Socket>();
  const server = http.createServer(
    { maxHeaderSize: MAX_REQUEST_BYTES, requestTimeout: REQUEST_TIMEOUT_MS, headersTimeout: HEADERS_TIMEOUT_MS, keepAliveTimeout: 0 },
    (req, res) => {
      const address = plainAddress(req.socket.remoteAddress ?? '');
      if (!limiter.take(address)) return bare(res, 429);
      const hasBody = (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0') || req.headers['transfer-encoding'] !== undefined;
      if (hasBody) return bare(res, 413);
      if ((req.method !== 'GET' && req.method !== 'HEAD') || req.url !== path) return bare(res, 404);
      const publicHost = o.publicAddress?.toLowerCase() ?? null;
      const self = o.onVisit({ address, port: req.socket.remotePort ?? 0, viaPublic: publicHost !== null && hostName(req.headers.host) === publicHost });
      const body = Buffer.from(testPage({ computer: o.computer, port: o.port, self }), 'utf8');
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', 'content-length': String(body.length), 'x-port-doctor-ack': ack });
      res.end(req.method === 'HEAD' ? undefined : body);
    },
  );
  server.maxConnections = MAX_CONNECTIONS;
  server.maxRequestsPerSocket = 1;
  server.on('connection', (s: net.Socket) => {
    const address = plainAddress(s.remoteAddress ?? '');
    const n = (perSource.get(address) ?? 0) + 1;
    if (n > MAX_CONNECTIONS_PER_SOURCE) {
      s.destroy();
      return;
    }
    perSource.set(address, n);
    sockets.add(s);
    s.once('close', () => {
      sockets.delete(s);
      const left = (perSource.get(address) ?? 1) - 1;
      if (left <= 0) perSource.delete(address);
      else perSource.set(address, left);
    });
  });
  // A malformed or oversized request gets a fixed status line (no caller bytes in it), then the socket closes.
  server.on('clientError', (e: NodeJS.ErrnoException, s: net.Socket) => {
    const status = e.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    if (s.writable) s.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    else s.destroy();
  });
  const listen = (host: string) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port: o.port, host, ipv6Only: false, exclusive: true }, () => {
        server.off('error', reject);
        resolve();
      });
    });
  return listen('::')
    .catch((e: unknown) => (fallsBackToV4(e) ? listen('0.0.0.0') : Promise.reject(e)))
    .then(
      (): OpenListener => ({
        close: () =>
          new Promise<void>((resolve) => {
            for (const s of sockets) s.destroy();
            server.close(() => resolve());
          }),
      }),
      (e: unknown) => {
        const f = openFailureOf(e);
        if (f) return f;
        throw e;
      },
    );
}
