// `port-doctor serve` gatekeeping over real loopback sockets: the real server, the real engine,
// a throwaway renderer folder with a secret file beside it (so a traversal would have something to find).
import { randomBytes } from 'node:crypto';
import { mkdtemp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appInfoSchema } from '../../shared/channels/app';
import { listenersListResponseSchema } from '../../shared/channels/listeners';
import { resultSchema } from '../../shared/result';
import { WS_CLOSE, WS_PATH, WS_PROTOCOL } from '../../shared/wire';
import { createEngine } from '../engine';
import { mintLaunchToken } from './launch';
import { startServe, type ServeHandle } from './server';

const SECRET = `secret-${randomBytes(8).toString('hex')}`;
const INDEX_HTML = '<!doctype html><title>Port Doctor test page</title>';
const APP_JS = 'console.log("app")';

let dir = '';
let root = '';
let serve: ServeHandle;
let port = 0;
const logs: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'pd-serve-'));
  root = path.join(dir, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), INDEX_HTML);
  await writeFile(path.join(root, 'assets', 'app.js'), APP_JS);
  // A symlink loop makes readFile fail with ELOOP: the one way to drive the server's own error log.
  await symlink('loop', path.join(root, 'loop'));
  // Targets a traversal would reach: the parent folder, and a sibling sharing the root's name as a prefix.
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: SECRET }));
  await mkdir(path.join(dir, 'renderer-evil'));
  await writeFile(path.join(dir, 'renderer-evil', 'secret.txt'), SECRET);
  const log = (line: string) => void logs.push(line);
  serve = await startServe({ port: 0, dispatch: createEngine(log), rendererDir: root, log, maxWsConnections: 4, heartbeatMs: 300 });
  port = serve.port;
});

afterAll(async () => {
  await serve?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

interface RequestOptions {
  method?: string;
  host?: string;
  cookie?: string;
  origin?: string;
  connectTo?: string;
}

/** A cookie as another local web server could plant it: it must change nothing. */
const plantedCookie = () => 'pd_token=planted; pd.session=planted';
const rightHost = () => `127.0.0.1:${port}`;
const rightOrigin = () => `http://127.0.0.1:${port}`;

/** One request with node:http; `path` is sent exactly as given (the client does not normalise it). */
function request(target: string, o: RequestOptions = {}): Promise<Reply> {
  const headers: http.OutgoingHttpHeaders = { Host: o.host ?? rightHost() };
  if (o.cookie !== undefined) headers.Cookie = o.cookie;
  if (o.origin !== undefined) headers.Origin = o.origin;
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: o.connectTo ?? '127.0.0.1', port, method: o.method ?? 'GET', path: target, headers, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Raw bytes on a socket, for what node:http refuses to send (no Host, NUL bytes, HTTP/1.0). */
function raw(text: string): Promise<{ status: number; head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let data = '';
    const done = () => {
      const end = data.indexOf('\r\n\r\n');
      const head = end < 0 ? data : data.slice(0, end);
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0), head, body: end < 0 ? '' : data.slice(end + 4) });
    };
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => {
      data += d;
      // A 101 keeps the socket open; everything else is answered and closed by the server.
      if (/^HTTP\/1\.1 101 /.test(data) && data.includes('\r\n\r\n')) {
        socket.destroy();
        done();
      }
    });
    socket.on('end', done);
    socket.on('error', reject);
    socket.write(text, 'latin1');
  });
}

interface UpgradeParts {
  target?: string;
  host?: string | null;
  origin?: string | null;
  protocols?: string | null;
}

function upgrade(p: UpgradeParts = {}) {
  const lines = [`GET ${p.target ?? WS_PATH} HTTP/1.1`];
  const host = p.host === undefined ? rightHost() : p.host;
  const origin = p.origin === undefined ? rightOrigin() : p.origin;
  const protocols = p.protocols === undefined ? `${WS_PROTOCOL}, pd.launch.${mintLaunchToken(serve.launchKey)}` : p.protocols;
  if (host !== null) lines.push(`Host: ${host}`);
  if (origin !== null) lines.push(`Origin: ${origin}`);
  if (protocols !== null) lines.push(`Sec-WebSocket-Protocol: ${protocols}`);
  lines.push('Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`, 'Sec-WebSocket-Version: 13');
  return raw(`${lines.join('\r\n')}\r\n\r\n`);
}

function connectOutcome(host: string): Promise<string> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    s.once('connect', () => {
      s.destroy();
      resolve('connected');
    });
    s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

describe('binding', () => {
  it('mints a fresh launch link on 127.0.0.1 each time; the key is 256 bits', () => {
    const a = serve.launchUrl();
    const b = serve.launchUrl();
    expect(a).not.toBe(b);
    expect(a).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/\\?launch=[A-Za-z0-9_-]{75}$`));
    expect(serve.launchKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(port).toBeGreaterThan(0);
  });

  it.runIf(process.platform === 'linux')('the socket table shows exactly 127.0.0.1 (and ::1) for this port', async () => {
    const r = await createEngine()('listeners:list', { protocol: 'tcp', port }, { signal: new AbortController().signal, emit: () => undefined, transport: 'websocket' });
    if (!r.ok) throw new Error(r.error.message);
    const rows = listenersListResponseSchema.parse(r.value).listeners.filter((l) => l.pid === process.pid);
    expect(rows.map((l) => l.address).sort()).toEqual(serve.ipv6 ? ['127.0.0.1', '::1'] : ['127.0.0.1']);
    expect(rows.every((l) => l.exposure === 'loopback')).toBe(true);
  });

  it.runIf(process.platform === 'linux')('another loopback address and every non-loopback interface are refused', async () => {
    // 127.0.0.2 is loopback on Linux: refused there means the bind is 127.0.0.1 exactly, not 0.0.0.0.
    expect(await connectOutcome('127.0.0.2')).toBe('ECONNREFUSED');
    const external = Object.values(os.networkInterfaces())
      .flat()
      .filter((a) => a !== undefined && !a.internal && !a.address.startsWith('fe80'));
    for (const a of external) expect(await connectOutcome(a!.address), a!.address).toBe('ECONNREFUSED');
  });

  it('::1 serves the same app when it is bound', async () => {
    if (!serve.ipv6) {
      expect(await connectOutcome('::1')).not.toBe('connected');
      return;
    }
    const r = await request('/', { connectTo: '::1', host: `[::1]:${port}` });
    expect(r.status).toBe(200);
    expect(r.body).toBe(INDEX_HTML);
  });
});

describe('static files carry no secret', () => {
  it('are served without any credential, and no response ever sets a cookie', async () => {
    for (const target of ['/', '/index.html', `/?launch=${mintLaunchToken(serve.launchKey)}`, '/?launch=forged', '/?token=old-style']) {
      const r = await request(target);
      expect(r.status, target).toBe(200);
      expect(r.body).toBe(INDEX_HTML);
      expect(r.headers['set-cookie'], target).toBeUndefined();
      expect(r.headers.location).toBeUndefined();
    }
    expect(await request('/assets/app.js')).toMatchObject({ status: 200, body: APP_JS });
    expect((await request('/does-not-exist')).status).toBe(404);
  });

  it('a launch link opened as a page is not spent by the page load (the WebSocket spends it)', async () => {
    const token = mintLaunchToken(serve.launchKey);
    expect((await request(`/?launch=${token}`)).status).toBe(200);
    expect((await upgrade({ protocols: `${WS_PROTOCOL}, pd.launch.${token}` })).status).toBe(101);
  });

  it('planted cookies change nothing', async () => {
    expect(await request('/index.html', { cookie: plantedCookie() })).toMatchObject({ status: 200, body: INDEX_HTML });
  });

  it('odd request targets are answered, not crashed on: // is a path, absolute-form is refused', async () => {
    expect((await request('//')).status).toBe(404);
    expect((await request('//evil.example/index.html')).status).toBe(404);
    const absolute = await raw(`GET http://127.0.0.1:${port}/index.html HTTP/1.1\r\nHost: ${rightHost()}\r\nConnection: close\r\n\r\n`);
    expect(absolute.status).toBe(400);
    expect(logs.some((l) => l.includes('Invalid URL'))).toBe(false);
  });
});

describe('Host header (DNS rebinding)', () => {
  const badHosts = [
    'evil.example:PORT',
    '127.0.0.1.nip.io:PORT',
    'localhost.attacker.com:PORT',
    '127.0.0.1',
    'localhost',
    '127.0.0.1:OTHER',
    '0.0.0.0:PORT',
    '127.1:PORT',
    '[::ffff:127.0.0.1]:PORT',
    '127.0.0.1:PORT.evil.example',
  ];
  const fill = (h: string) => h.replace('OTHER', String(port === 65535 ? 1 : port + 1)).replace('PORT', String(port));

  it.each(badHosts)('Host %j is 421', async (h) => {
    const r = await request('/', { host: fill(h) });
    expect(r.status).toBe(421);
    expect(r.body).not.toContain(INDEX_HTML);
  });

  it.each(badHosts)('Host %j is 421 for a WebSocket upgrade with a valid launch token', async (h) => {
    expect((await upgrade({ host: fill(h) })).status).toBe(421);
  });

  it('a missing Host is refused (HTTP/1.0 reaches our check; Node refuses HTTP/1.1 itself)', async () => {
    const v10 = await raw(`GET / HTTP/1.0\r\n\r\n`);
    expect(v10.status).toBe(421);
    const v11 = await raw(`GET / HTTP/1.1\r\nConnection: close\r\n\r\n`);
    expect([400, 421]).toContain(v11.status);
    const empty = await raw(`GET / HTTP/1.1\r\nHost: \r\nConnection: close\r\n\r\n`);
    expect([400, 421]).toContain(empty.status);
    expect(v10.body + v11.body + empty.body).not.toContain(INDEX_HTML);
  });

  it('localhost and [::1] with the right port are ours (host name compared case-insensitively)', async () => {
    for (const host of [`localhost:${port}`, `LocalHost:${port}`, `[::1]:${port}`]) {
      expect((await request('/', { host })).status, host).toBe(200);
    }
  });
});

describe('Origin on anything but GET/HEAD', () => {
  const badOrigins: Array<string | undefined> = [
    undefined,
    'null',
    'http://evil.example',
    'http://127.0.0.1',
    'http://127.0.0.1.nip.io',
  ];

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('%s with a missing or foreign Origin is 403', async (method) => {
    for (const o of [...badOrigins, `https://127.0.0.1:${port}`, `http://127.0.0.1:${port}.evil.example`]) {
      const r = await request('/', { method, ...(o === undefined ? {} : { origin: o }) });
      expect(r.status, `Origin ${o}`).toBe(403);
    }
  });

  it('with our own Origin it gets as far as 405 (the 403 above is the Origin check)', async () => {
    const r = await request('/', { method: 'POST', origin: rightOrigin() });
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('GET, HEAD');
  });
});

/** A real ws client offering our protocol and a credential; resolves once open or closed. */
function connect(credential: string | null, extra: { cookie?: string } = {}) {
  const protocols = credential === null ? [WS_PROTOCOL] : [WS_PROTOCOL, credential];
  const ws = new WebSocket(`ws://127.0.0.1:${port}${WS_PATH}`, protocols, { origin: rightOrigin(), headers: extra.cookie ? { Cookie: extra.cookie } : {} });
  const messages: unknown[] = [];
  ws.on('message', (d) => messages.push(JSON.parse(String(d))));
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  const opened = new Promise<boolean>((resolve) => {
    ws.once('open', () => resolve(true));
    ws.once('error', () => resolve(false));
  });
  return { ws, messages, closed, opened };
}

const launch = () => `pd.launch.${mintLaunchToken(serve.launchKey)}`;

async function sessionSecret(): Promise<string> {
  const c = connect(launch());
  await c.opened;
  await expect.poll(() => c.messages.length).toBeGreaterThan(0);
  const first = c.messages[0] as { t: string; secret: string };
  c.ws.close();
  await c.closed;
  return first.secret;
}

describe('WebSocket upgrade', () => {
  // Node answers a Host-less HTTP/1.1 request itself (400) before our 421 could; both refuse.
  it.each<[string, UpgradeParts, number[]]>([
    ['a foreign Origin', { origin: 'http://evil.example' }, [403]],
    ['no Origin', { origin: null }, [403]],
    ['Origin null', { origin: 'null' }, [403]],
    ['another loopback port as Origin', { origin: 'http://127.0.0.1:1' }, [403]],
    ['a rebinding Host', { host: 'evil.example:PORT' }, [421]],
    ['no Host', { host: null }, [400, 421]],
    ['no subprotocol at all', { protocols: null }, [400]],
    ['a credential without our protocol', { protocols: 'pd.launch.x' }, [400]],
    ['another path', { target: '/socket' }, [404]],
    ['a scheme-relative target', { target: '//' }, [404]],
    ['a scheme-relative target with a host', { target: '//evil.example/ws' }, [404]],
    ['an absolute-form target', { target: `http://127.0.0.1:PORT${WS_PATH}` }, [400]],
  ])('is refused with %s', async (_label, parts, statuses) => {
    const fill = (s: string | null | undefined) => (typeof s === 'string' ? s.replace('PORT', String(port)) : s);
    const r = await upgrade({ ...parts, host: fill(parts.host), target: fill(parts.target) ?? undefined });
    expect(statuses).toContain(r.status);
    // The server still answers after a hostile upgrade.
    expect((await request('/')).status).toBe(200);
  });

  it('with a fresh launch token, our Host and Origin it switches protocols, echoing only pd.v1', async () => {
    const r = await upgrade();
    expect(r.status).toBe(101);
    expect(r.head.toLowerCase()).toContain(`sec-websocket-protocol: ${WS_PROTOCOL}`);
    expect(r.head).not.toContain('pd.launch.');
  });

  it('a launch token is traded once for a session secret, sent first; the session reconnects', async () => {
    const c = connect(launch());
    expect(await c.opened).toBe(true);
    await expect.poll(() => c.messages.length).toBeGreaterThan(0);
    const first = c.messages[0] as { t: string; secret: string };
    expect(first.t).toBe('session');
    expect(first.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    c.ws.close();
    await c.closed;
    const again = connect(`pd.session.${first.secret}`);
    expect(await again.opened).toBe(true);
    again.ws.send(JSON.stringify({ t: 'call', id: 1, channel: 'app:info', input: {} }));
    await expect.poll(() => again.messages.length).toBe(1);
    expect(again.messages[0]).toMatchObject({ t: 'result', id: 1, result: { ok: true } });
    again.ws.close();
    await again.closed;
  });

  it.each<[string, () => string | null, number]>([
    ['no credential', () => null, WS_CLOSE.unknownCredential],
    ['an unknown session', () => 'pd.session.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', WS_CLOSE.unknownCredential],
    ['a forged launch token', () => `pd.launch.${mintLaunchToken('B'.repeat(43))}`, WS_CLOSE.unknownCredential],
    ['an expired launch token', () => `pd.launch.${mintLaunchToken(serve.launchKey, Date.now() - 60 * 60_000)}`, WS_CLOSE.linkExpired],
  ])('%s: turned away with a close code the page can show, nothing dispatched', async (_label, credential, code) => {
    const c = connect(credential());
    expect(await c.closed).toBe(code);
    expect(c.messages).toEqual([]);
  });

  it('a launch token used once is "used" the second time, even with the first connection closed', async () => {
    const token = launch();
    const a = connect(token);
    expect(await a.opened).toBe(true);
    a.ws.close();
    await a.closed;
    expect(await connect(token).closed).toBe(WS_CLOSE.linkUsed);
  });

  it('a planted cookie neither helps nor hurts', async () => {
    expect(await connect(null, { cookie: plantedCookie() }).closed).toBe(WS_CLOSE.unknownCredential);
    const secret = await sessionSecret();
    const c = connect(`pd.session.${secret}`, { cookie: plantedCookie() });
    expect(await c.opened).toBe(true);
    c.ws.close();
    await c.closed;
  });

  it('caps open connections: the next page is told there are too many', async () => {
    const secret = await sessionSecret();
    const held = Array.from({ length: 4 }, () => connect(`pd.session.${secret}`));
    expect(await Promise.all(held.map((h) => h.opened))).toEqual([true, true, true, true]);
    expect(await connect(`pd.session.${secret}`).closed).toBe(WS_CLOSE.tooManyConnections);
    for (const h of held) h.ws.close();
    await Promise.all(held.map((h) => h.closed));
    const after = connect(`pd.session.${secret}`);
    expect(await after.opened).toBe(true);
    after.ws.close();
    await after.closed;
  });

  it('a connection that answers no ping is cut (its descriptor freed)', async () => {
    const secret = await sessionSecret();
    const c = connect(`pd.session.${secret}`);
    expect(await c.opened).toBe(true);
    // ws answers pings by itself; a dead peer does not: stop the socket reading at all.
    (c.ws as unknown as { _socket: net.Socket })._socket.pause();
    c.ws.pong = () => undefined;
    const started = Date.now();
    await expect.poll(() => serve.connections(), { timeout: 5_000 }).toBe(0);
    expect(Date.now() - started).toBeLessThan(3_000);
    c.ws.terminate();
  });

  it('app:info over the real wire format returns version and platform', async () => {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const c = connect(`pd.session.${await sessionSecret()}`);
    expect(await c.opened).toBe(true);
    c.ws.send(JSON.stringify({ t: 'call', id: 7, channel: 'app:info', input: {} }));
    c.ws.send(JSON.stringify({ t: 'call', id: 8, channel: 'nope:nope', input: {} }));
    c.ws.send('not json');
    c.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    await expect.poll(() => c.messages.length).toBe(4);
    c.ws.close();
    const messages = c.messages;
    const result = messages.find((m) => (m as { id?: number }).id === 7) as { t: string; result: unknown };
    expect(result.t).toBe('result');
    const info = resultSchema(appInfoSchema).parse(result.result);
    if (!info.ok) throw new Error(info.error.message);
    expect(info.value.version).toBe(pkg.version);
    expect(info.value.platform).toBe(process.platform === 'linux' || process.platform === 'darwin' || process.platform === 'win32' ? process.platform : 'other');
    expect(info.value.transport).toBe('websocket');
    expect(messages).toContainEqual({ t: 'result', id: 8, result: { ok: false, error: expect.objectContaining({ code: 'UNKNOWN_CHANNEL' }) } });
    expect(messages).toContainEqual({ t: 'error', code: 'INVALID_INPUT', message: 'The message was not valid JSON.' });
    expect(messages).toContainEqual({ t: 'error', code: 'INVALID_INPUT', message: 'Binary frames are not accepted.' });
  });
});

describe('response headers', () => {
  it('no response carries Access-Control-* headers, whatever its status', async () => {
    const replies = await Promise.all([
      request('/'),
      request(`/?launch=${mintLaunchToken(serve.launchKey)}`),
      request('/', { host: 'evil.example' }),
      request('/nope'),
      request('/', { method: 'POST', origin: 'http://evil.example' }),
      request('/', { method: 'POST', origin: rightOrigin() }),
      request('/', { method: 'OPTIONS', origin: 'http://evil.example' }),
      request('/', { method: 'OPTIONS', origin: rightOrigin() }),
      request('/assets/app.js', { origin: 'http://evil.example' }),
    ]);
    expect(new Set(replies.map((r) => r.status))).toEqual(new Set([200, 421, 404, 403, 405]));
    for (const r of replies) {
      expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-')), `status ${r.status}`).toEqual([]);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('HTML comes with a deny-by-default CSP that allows a WebSocket only back to this host', async () => {
    const r = await request('/');
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = r.headers['content-security-policy'];
    expect(typeof csp).toBe('string');
    const directives = new Map(
      String(csp)
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name!, values]),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual([`ws://127.0.0.1:${port}`]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(String(csp)).not.toMatch(/unsafe-(eval|inline)/);
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.headers['cache-control']).toBe('no-store');
  });
});

describe('static files', () => {
  const targets = [
    '/../package.json',
    '/../../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E/package.json',
    '/.%2e/package.json',
    '/..%2fpackage.json',
    '/..%2Fpackage.json',
    '/%2e%2e%2fpackage.json',
    '/assets/../../package.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/assets/..%2f..%2fpackage.json',
    '/..\\package.json',
    '/%5c..%5cpackage.json',
    '/..%5cpackage.json',
    '/%252e%252e/package.json',
    '/%c0%ae%c0%ae/package.json',
    '/..%2frenderer-evil%2fsecret.txt',
    '/../renderer-evil/secret.txt',
    '/%00',
    '/index.html%00.png',
    '/..%00/package.json',
    `/..%2f${'..%2f'.repeat(20)}etc%2fpasswd`,
  ];

  it('the traversal targets exist, so a refusal below is the server refusing', async () => {
    expect(await readFile(path.join(root, '..', 'package.json'), 'utf8')).toContain(SECRET);
    expect(await readFile(path.join(root, '..', 'renderer-evil', 'secret.txt'), 'utf8')).toBe(SECRET);
  });

  it.each(targets)('%s is not served', async (target) => {
    const r = await request(target);
    expect([400, 404]).toContain(r.status);
    expect(r.body).not.toContain(SECRET);
    expect(r.body).not.toContain('root:');
  });

  it('a raw NUL byte in the request line is refused', async () => {
    const r = await raw(`GET /index.html\0/../../package.json HTTP/1.1\r\nHost: ${rightHost()}\r\nConnection: close\r\n\r\n`);
    expect(r.status).toBe(400);
    expect(r.body).not.toContain(SECRET);
  });
});

describe('logging', () => {
  it('logs a failed read without a secret ever appearing in the log', async () => {
    const token = mintLaunchToken(serve.launchKey);
    await request(`/?launch=${token}`);
    await connect(`pd.launch.${token}`).opened;
    const r = await request('/loop');
    expect(r.status).toBe(500);
    expect(r.body).toBe('Internal error\n');
    expect(logs.some((l) => l.includes('ELOOP'))).toBe(true);
    for (const line of logs) {
      expect(line).not.toContain(token);
      expect(line).not.toContain(serve.launchKey);
    }
  });
});
