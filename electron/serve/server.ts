// `port-doctor serve`: the built renderer and the handler table over loopback HTTP + WebSocket.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { WS_MAX_INBOUND_BYTES, WS_PATH } from '../../shared/wire';
import { AppError } from '../../shared/errors';
import type { Dispatch } from '../bridge/dispatch';
import { attachWsTransport } from './ws-transport';
import { readStatic } from './static';
import {
  TOKEN_COOKIE,
  contentSecurityPolicy,
  cookieValue,
  isAllowedHost,
  isAllowedOrigin,
  newToken,
  tokenCookie,
  tokenMatches,
} from './security';

/** Slow or stuck clients on loopback are bugs, not users: drop them quickly. */
const HEADERS_TIMEOUT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 10_000;

export interface ServeOptions {
  port: number;
  dispatch: Dispatch;
  rendererDir: string;
  /** Fixed token for tests; production always draws a fresh one per launch. */
  token?: string;
  log?: (line: string) => void;
}

export interface ServeHandle {
  readonly port: number;
  /** The URL to open once; its token moves into a cookie on first load. Never logged. */
  readonly launchUrl: string;
  readonly token: string;
  /** Whether ::1 is also bound (not every machine has IPv6 loopback). */
  readonly ipv6: boolean;
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
 * read `//evil.example/` as a host (an open redirect after the token handshake) and throw on `//`.
 */
function targetUrl(raw: string | undefined): URL | null {
  if (raw === undefined || !raw.startsWith('/')) return null;
  try {
    return new URL(`http://127.0.0.1${raw}`);
  } catch {
    return null;
  }
}

/** A Location that stays on this origin: one leading slash, so it can never be scheme-relative. */
function sameOriginPath(pathname: string): string {
  return `/${pathname.replace(/^\/+/, '')}`;
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startServe(options: ServeOptions): Promise<ServeHandle> {
  const { dispatch, rendererDir, log = () => undefined } = options;
  const token = options.token ?? newToken();
  let port = options.port;
  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_INBOUND_BYTES });
  wss.on('connection', (ws) => attachWsTransport(ws, dispatch));

  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    handleRequest(req, res).catch((e: unknown) => {
      log(`serve: request failed: ${e instanceof Error ? e.message : String(e)}`);
      if (!res.headersSent) plain(res, 500, 'Internal error');
      else res.destroy();
    });
  };

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
    const queryToken = url.searchParams.get('token');
    if (queryToken !== null) {
      if (!tokenMatches(queryToken, token)) return plain(res, 401, 'This link is not valid for this launch. Use the URL port-doctor serve printed.');
      // Move the secret out of the address bar (and history) into an HttpOnly cookie.
      res.writeHead(303, { ...BASE_HEADERS, 'Set-Cookie': tokenCookie(token), Location: sameOriginPath(url.pathname) });
      res.end();
      return;
    }
    if (!tokenMatches(cookieValue(req.headers.cookie, TOKEN_COOKIE), token)) {
      return plain(res, 401, 'Open the full URL printed by `port-doctor serve` (it carries a one-time token).');
    }
    const file = await readStatic(rendererDir, url.pathname);
    if (file === null) return plain(res, 404, 'Not found.');
    res.writeHead(200, {
      ...BASE_HEADERS,
      'Content-Type': file.type,
      'Content-Length': String(file.body.length),
      'Content-Security-Policy': contentSecurityPolicy(host ?? ''),
    });
    res.end(method === 'HEAD' ? undefined : file.body);
  }

  const onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    // Parsing must not throw here: an exception in an 'upgrade' listener takes the process down.
    const url = targetUrl(req.url);
    if (url === null) return refuseUpgrade(socket, 400, 'Bad Request');
    if (!isAllowedHost(req.headers.host, port)) return refuseUpgrade(socket, 421, 'Misdirected Request');
    if (!isAllowedOrigin(req.headers.origin, port)) return refuseUpgrade(socket, 403, 'Forbidden');
    if (!tokenMatches(cookieValue(req.headers.cookie, TOKEN_COOKIE), token)) return refuseUpgrade(socket, 401, 'Unauthorized');
    if (url.pathname !== WS_PATH) return refuseUpgrade(socket, 404, 'Not Found');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };

  const makeServer = (): http.Server => {
    const s = http.createServer({ headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS }, onRequest);
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
    token,
    ipv6,
    launchUrl: `http://127.0.0.1:${port}/?token=${token}`,
    async close() {
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
