// `port-doctor serve`: the built renderer and the handler table over loopback HTTP + WebSocket.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { WS_CLOSE, WS_LAUNCH_PREFIX, WS_MAX_INBOUND_BYTES, WS_PATH, WS_PROTOCOL, WS_SESSION_PREFIX } from '../../shared/wire';
import { AppError } from '../../shared/errors';
import type { Dispatch } from '../bridge/dispatch';
import { attachWsTransport, newCallBudget } from './ws-transport';
import { readStatic } from './static';
import { SERVE_MARK_HEADER, contentSecurityPolicy, isAllowedHost, isAllowedOrigin } from './security';
import { LaunchLedger, SessionStore, launchUrl, mintLaunchToken, newLaunchKey } from './launch';

/** Slow or stuck clients on loopback are bugs, not users: drop them quickly. */
const HEADERS_TIMEOUT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 10_000;
/** Idle keep-alive HTTP sockets are closed after this (the page needs none once it has loaded). */
const KEEP_ALIVE_TIMEOUT_MS = 5_000;
/** Open HTTP sockets at once: a page loads a handful of files; the rest is somebody hoarding descriptors. */
export const MAX_HTTP_CONNECTIONS = 64;
/** Pages connected at once: a user has a tab or two; each connection can run calls. */
export const MAX_WS_CONNECTIONS = 8;
/** Ping interval; a connection that answered nothing for two of them is dead or idle and is cut. */
export const WS_HEARTBEAT_MS = 20_000;

export interface ServeOptions {
  port: number;
  dispatch: Dispatch;
  rendererDir: string;
  /** This launch's signing key; a fresh one when absent (tests and the instance file pass theirs). */
  launchKey?: string;
  clock?: () => number;
  maxWsConnections?: number;
  heartbeatMs?: number;
  log?: (line: string) => void;
}

export interface ServeHandle {
  readonly port: number;
  /** Signs launch links; written to the per-user instance file, never printed or logged. */
  readonly launchKey: string;
  /** A fresh single-use launch link on each call. Never logged. */
  launchUrl(): string;
  /** Whether ::1 is also bound (not every machine has IPv6 loopback). */
  readonly ipv6: boolean;
  /** WebSocket connections open now. */
  connections(): number;
  close(): Promise<void>;
}

const BASE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function plain(res: http.ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...extra });
  res.end(`${text}\n`);
}

/**
 * The request-target read as a path on our own origin. Resolving it against a base instead would
 * read `//evil.example/` as a host and throw on `//`.
 */
function targetUrl(raw: string | undefined): URL | null {
  if (raw === undefined || !raw.startsWith('/')) return null;
  try {
    return new URL(`http://127.0.0.1${raw}`);
  } catch {
    return null;
  }
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** The credential a page offered beside WS_PROTOCOL, if any. */
function offeredCredential(header: string | undefined): { kind: 'launch' | 'session'; secret: string } | null {
  for (const p of (header ?? '').split(',').map((x) => x.trim())) {
    if (p.startsWith(WS_LAUNCH_PREFIX)) return { kind: 'launch', secret: p.slice(WS_LAUNCH_PREFIX.length) };
    if (p.startsWith(WS_SESSION_PREFIX)) return { kind: 'session', secret: p.slice(WS_SESSION_PREFIX.length) };
  }
  return null;
}

export async function startServe(options: ServeOptions): Promise<ServeHandle> {
  const { dispatch, rendererDir, log = () => undefined, clock = Date.now } = options;
  const launchKey = options.launchKey ?? newLaunchKey();
  const maxWs = options.maxWsConnections ?? MAX_WS_CONNECTIONS;
  const ledger = new LaunchLedger(launchKey, clock);
  const sessions = new SessionStore();
  const budget = newCallBudget();
  let port = options.port;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: WS_MAX_INBOUND_BYTES,
    handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });
  const alive = new WeakSet<WebSocket>();
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, options.heartbeatMs ?? WS_HEARTBEAT_MS);
  heartbeat.unref();

  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    handleRequest(req, res).catch((e: unknown) => {
      log(`serve: request failed: ${e instanceof Error ? e.message : String(e)}`);
      if (!res.headersSent) plain(res, 500, 'Internal error');
      else res.destroy();
    });
  };

  // Static files carry no secret and need none: the page proves itself on the WebSocket upgrade.
  // So no cookie is ever set, and no other web server on 127.0.0.1 can be handed one.
  async function handleRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const host = req.headers.host;
    if (!isAllowedHost(host, port)) return plain(res, 421, 'Misdirected request: unknown Host.');
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      if (!isAllowedOrigin(req.headers.origin, port)) return plain(res, 403, 'Forbidden: cross-origin request.');
      return plain(res, 405, 'Method not allowed.', { Allow: 'GET, HEAD' });
    }
    const url = targetUrl(req.url);
    if (url === null) return plain(res, 400, 'Bad request.');
    const file = await readStatic(rendererDir, url.pathname);
    if (file === null) return plain(res, 404, 'Not found.');
    res.writeHead(200, {
      ...BASE_HEADERS,
      'Content-Type': file.type,
      'Content-Length': String(file.body.length),
      'Content-Security-Policy': contentSecurityPolicy(host ?? ''),
      [SERVE_MARK_HEADER]: 'serve',
    });
    res.end(method === 'HEAD' ? undefined : file.body);
  }

  /** Completes the handshake only to say why, with a close code the page can read; nothing is dispatched. */
  const turnAway = (req: http.IncomingMessage, socket: Duplex, head: Buffer, code: number, reason: string): void => {
    wss.handleUpgrade(req, socket, head, (ws) => ws.close(code, reason));
  };

  const onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    // Parsing must not throw here: an exception in an 'upgrade' listener takes the process down.
    const url = targetUrl(req.url);
    if (url === null) return refuseUpgrade(socket, 400, 'Bad Request');
    if (!isAllowedHost(req.headers.host, port)) return refuseUpgrade(socket, 421, 'Misdirected Request');
    if (!isAllowedOrigin(req.headers.origin, port)) return refuseUpgrade(socket, 403, 'Forbidden');
    if (url.pathname !== WS_PATH) return refuseUpgrade(socket, 404, 'Not Found');
    const offered = req.headers['sec-websocket-protocol'] ?? '';
    if (!offered.split(',').some((p) => p.trim() === WS_PROTOCOL)) return refuseUpgrade(socket, 400, 'Bad Request');
    if (wss.clients.size >= maxWs) return turnAway(req, socket, head, WS_CLOSE.tooManyConnections, 'too many connections');
    const credential = offeredCredential(offered);
    let session: string | null = null;
    if (credential?.kind === 'launch') {
      const verdict = ledger.redeem(credential.secret);
      if (!verdict.ok) {
        const code = verdict.reason === 'used' ? WS_CLOSE.linkUsed : verdict.reason === 'expired' ? WS_CLOSE.linkExpired : WS_CLOSE.unknownCredential;
        return turnAway(req, socket, head, code, `launch link ${verdict.reason}`);
      }
      session = sessions.create();
    } else if (credential?.kind !== 'session' || !sessions.has(credential.secret)) {
      return turnAway(req, socket, head, WS_CLOSE.unknownCredential, 'unknown credential');
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      alive.add(ws);
      ws.on('pong', () => alive.add(ws));
      ws.on('message', () => alive.add(ws));
      if (session !== null) ws.send(JSON.stringify({ t: 'session', secret: session }));
      attachWsTransport(ws, dispatch, budget);
    });
  };

  const makeServer = (): http.Server => {
    const s = http.createServer({ headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS }, onRequest);
    s.maxConnections = MAX_HTTP_CONNECTIONS;
    s.on('upgrade', onUpgrade);
    return s;
  };

  const listen = (server: http.Server, host: string, p: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const onError = (e: NodeJS.ErrnoException): void => {
        server.off('listening', onListening);
        if (e.code === 'EADDRINUSE') reject(new AppError('PORT_ALREADY_USED', `${host} port ${p}; pick another with --port`, { cause: e }));
        else if (e.code === 'EACCES') reject(new AppError('PERMISSION_DENIED', `binding ${host} port ${p}`, { cause: e }));
        else reject(e);
      };
      const onListening = (): void => {
        server.off('error', onError);
        resolve();
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen({ host, port: p, exclusive: true });
    });

  const v4 = makeServer();
  await listen(v4, '127.0.0.1', port);
  port = (v4.address() as AddressInfo).port;
  const servers = [v4];
  let ipv6 = false;
  const v6 = makeServer();
  try {
    await listen(v6, '::1', port);
    servers.push(v6);
    ipv6 = true;
  } catch (e) {
    // A machine without IPv6 loopback still gets the app on 127.0.0.1; anything else is fatal.
    const cause = e instanceof AppError ? e.cause : e;
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    if (code !== 'EADDRNOTAVAIL' && code !== 'EAFNOSUPPORT') {
      await new Promise<void>((r) => v4.close(() => r()));
      throw e;
    }
    log('serve: ::1 is not available on this machine; serving on 127.0.0.1 only');
  }

  return {
    port,
    launchKey,
    ipv6,
    launchUrl: () => launchUrl(port, mintLaunchToken(launchKey, clock())),
    connections: () => wss.clients.size,
    async close() {
      clearInterval(heartbeat);
      for (const client of wss.clients) client.terminate();
      wss.close();
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        ),
      );
    },
  };
}
