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
import { WS_PATH } from '../../shared/wire';
import { createEngine } from '../engine';
import { TOKEN_COOKIE } from './security';
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
  serve = await startServe({ port: 0, dispatch: createEngine(log), rendererDir: root, log });
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

const rightCookie = () => `${TOKEN_COOKIE}=${serve.token}`;
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
  cookie?: string | null;
}

function upgrade(p: UpgradeParts = {}) {
  const lines = [`GET ${p.target ?? WS_PATH} HTTP/1.1`];
  const host = p.host === undefined ? rightHost() : p.host;
  const origin = p.origin === undefined ? rightOrigin() : p.origin;
  const cookie = p.cookie === undefined ? rightCookie() : p.cookie;
  if (host !== null) lines.push(`Host: ${host}`);
  if (origin !== null) lines.push(`Origin: ${origin}`);
  if (cookie !== null) lines.push(`Cookie: ${cookie}`);
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

const sameLengthWrongToken = () => {
  const t = serve.token;
  return `${t.slice(0, -1)}${t.endsWith('A') ? 'B' : 'A'}`;
};

describe('binding', () => {
  it('prints a launch URL on 127.0.0.1 with a fresh 256-bit token', () => {
    expect(serve.launchUrl).toBe(`http://127.0.0.1:${port}/?token=${serve.token}`);
    expect(serve.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
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
    const r = await request('/', { connectTo: '::1', host: `[::1]:${port}`, cookie: rightCookie() });
    expect(r.status).toBe(200);
    expect(r.body).toBe(INDEX_HTML);
  });
});

describe('token handshake', () => {
  it('?token=<right> answers 303 to the bare path with an HttpOnly SameSite=Strict cookie', async () => {
    const r = await request(`/?token=${serve.token}`);
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/');
    const cookies = r.headers['set-cookie'] ?? [];
    expect(cookies).toHaveLength(1);
    const attrs = cookies[0]!.split(';').map((s) => s.trim());
    expect(attrs[0]).toBe(rightCookie());
    expect(attrs.map((a) => a.toLowerCase())).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/']));
    const followed = await request(r.headers.location!, { cookie: attrs[0] });
    expect(followed.status).toBe(200);
    expect(followed.body).toBe(INDEX_HTML);
  });

  it('keeps the path, drops the token and every other query parameter', async () => {
    const r = await request(`/index.html?a=1&token=${serve.token}&b=2`);
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/index.html');
  });

  it.each(['//evil.example/', '/.//evil.example/', '/..//evil.example/', '/\\evil.example/', '/\\/evil.example/', '/a/..//evil.example/'])(
    'never redirects off this origin (target %s)',
    async (target) => {
      const r = await request(`${target}?token=${serve.token}`);
      expect(r.status).toBe(303);
      const location = r.headers.location!;
      expect(location).toMatch(/^\/(?![/\\])/);
      expect(location).not.toContain(serve.token);
      expect(new URL(location, rightOrigin()).origin).toBe(rightOrigin());
    },
  );

  it.each([
    ['the same length', sameLengthWrongToken],
    ['a shorter one', () => serve.token.slice(0, 10)],
    ['a longer one', () => `${serve.token}x`],
    ['an empty one', () => ''],
  ])('a wrong token (%s) in the URL is 401 and sets no cookie', async (_label, wrong) => {
    const r = await request(`/?token=${encodeURIComponent(wrong())}`);
    expect(r.status).toBe(401);
    expect(r.headers['set-cookie']).toBeUndefined();
    expect(r.headers.location).toBeUndefined();
  });
});

describe('every route needs the cookie', () => {
  const routes = ['/', '/index.html', '/assets/app.js', WS_PATH, '/does-not-exist'];
  const badCookies: Array<[string, () => string | undefined]> = [
    ['no cookie', () => undefined],
    ['a wrong token of the same length', () => `${TOKEN_COOKIE}=${sameLengthWrongToken()}`],
    ['a wrong token of another length', () => `${TOKEN_COOKIE}=${serve.token.slice(1)}`],
    ['the right token under another name', () => `x${TOKEN_COOKIE}=${serve.token}`],
  ];

  for (const route of routes) {
    it.each(badCookies)(`${route} with %s is 401`, async (_label, cookie) => {
      const c = cookie();
      const r = await request(route, c === undefined ? {} : { cookie: c });
      expect(r.status).toBe(401);
      expect(r.body).not.toContain(INDEX_HTML);
      expect(r.body).not.toContain(APP_JS);
    });
  }

  it('odd request targets are answered, not crashed on: // is a path, absolute-form is refused', async () => {
    const cookie = rightCookie();
    expect((await request('//', { cookie })).status).toBe(404);
    expect((await request('//evil.example/index.html', { cookie })).status).toBe(404);
    const absolute = await raw(`GET http://127.0.0.1:${port}/index.html HTTP/1.1\r\nHost: ${rightHost()}\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`);
    expect(absolute.status).toBe(400);
    expect(logs.some((l) => l.includes('Invalid URL'))).toBe(false);
  });

  it('with the right cookie the files are served and unknown paths are 404', async () => {
    const cookie = rightCookie();
    expect(await request('/index.html', { cookie })).toMatchObject({ status: 200, body: INDEX_HTML });
    const js = await request('/assets/app.js', { cookie });
    expect(js).toMatchObject({ status: 200, body: APP_JS });
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await request('/does-not-exist', { cookie })).status).toBe(404);
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

  it.each(badHosts)('Host %j is 421 even with the right cookie', async (h) => {
    const r = await request('/', { host: fill(h), cookie: rightCookie() });
    expect(r.status).toBe(421);
    expect(r.body).not.toContain(INDEX_HTML);
  });

  it.each(badHosts)('Host %j is 421 for the token link too, and sets no cookie', async (h) => {
    const r = await request(`/?token=${serve.token}`, { host: fill(h) });
    expect(r.status).toBe(421);
    expect(r.headers['set-cookie']).toBeUndefined();
  });

  it('a missing Host is refused (HTTP/1.0 reaches our check; Node refuses HTTP/1.1 itself)', async () => {
    const cookie = rightCookie();
    const v10 = await raw(`GET / HTTP/1.0\r\nCookie: ${cookie}\r\n\r\n`);
    expect(v10.status).toBe(421);
    const v11 = await raw(`GET / HTTP/1.1\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`);
    expect([400, 421]).toContain(v11.status);
    const empty = await raw(`GET / HTTP/1.1\r\nHost: \r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`);
    expect([400, 421]).toContain(empty.status);
    expect(v10.body + v11.body + empty.body).not.toContain(INDEX_HTML);
  });

  it('localhost and [::1] with the right port are ours (host name compared case-insensitively)', async () => {
    for (const host of [`localhost:${port}`, `LocalHost:${port}`, `[::1]:${port}`]) {
      expect((await request('/', { host, cookie: rightCookie() })).status, host).toBe(200);
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
      const r = await request('/', { method, cookie: rightCookie(), ...(o === undefined ? {} : { origin: o }) });
      expect(r.status, `Origin ${o}`).toBe(403);
    }
  });

  it('with our own Origin it gets as far as 405 (the 403 above is the Origin check)', async () => {
    const r = await request('/', { method: 'POST', cookie: rightCookie(), origin: rightOrigin() });
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('GET, HEAD');
  });
});

describe('WebSocket upgrade', () => {
  // Node answers a Host-less HTTP/1.1 request itself (400) before our 421 could; both refuse.
  it.each<[string, UpgradeParts, number[]]>([
    ['a foreign Origin', { origin: 'http://evil.example' }, [403]],
    ['no Origin', { origin: null }, [403]],
    ['Origin null', { origin: 'null' }, [403]],
    ['a rebinding Host', { host: 'evil.example:PORT' }, [421]],
    ['no Host', { host: null }, [400, 421]],
    ['no cookie', { cookie: null }, [401]],
    ['a wrong token', { cookie: 'WRONG' }, [401]],
    ['the token in the URL instead of the cookie', { cookie: null, target: `${WS_PATH}?token=TOKEN` }, [401]],
    ['another path', { target: '/socket' }, [404]],
    ['a scheme-relative target', { target: '//' }, [404]],
    ['a scheme-relative target with a host', { target: '//evil.example/ws' }, [404]],
    ['an absolute-form target', { target: `http://127.0.0.1:PORT${WS_PATH}` }, [400]],
  ])('is refused with %s', async (_label, parts, statuses) => {
    const fill = (s: string | null | undefined) =>
      typeof s === 'string' ? s.replace('PORT', String(port)).replace('TOKEN', serve.token) : s;
    const cookie = parts.cookie === 'WRONG' ? `${TOKEN_COOKIE}=${sameLengthWrongToken()}` : parts.cookie;
    const r = await upgrade({ ...parts, host: fill(parts.host), target: fill(parts.target) ?? undefined, cookie });
    expect(statuses).toContain(r.status);
    // The server still answers after a hostile upgrade.
    expect((await request('/', { cookie: rightCookie() })).status).toBe(200);
  });

  it('with the right cookie, Host and Origin it switches protocols', async () => {
    expect((await upgrade()).status).toBe(101);
  });

  it('app:info over the real wire format returns version and platform', async () => {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const ws = new WebSocket(`ws://127.0.0.1:${port}${WS_PATH}`, { headers: { Cookie: rightCookie() }, origin: rightOrigin() });
    const messages: unknown[] = [];
    const waitFor = (n: number) =>
      new Promise<void>((resolve, reject) => {
        const check = () => (messages.length >= n ? resolve() : undefined);
        ws.on('message', (d) => {
          messages.push(JSON.parse(String(d)));
          check();
        });
        ws.once('error', reject);
        check();
      });
    const received = waitFor(4);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.send(JSON.stringify({ t: 'call', id: 7, channel: 'app:info', input: {} }));
    ws.send(JSON.stringify({ t: 'call', id: 8, channel: 'nope:nope', input: {} }));
    ws.send('not json');
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    await received;
    ws.close();

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
    const cookie = rightCookie();
    const replies = await Promise.all([
      request('/', { cookie }),
      request(`/?token=${serve.token}`),
      request('/'),
      request('/', { host: 'evil.example' }),
      request('/nope', { cookie }),
      request('/', { method: 'POST', origin: 'http://evil.example', cookie }),
      request('/', { method: 'POST', origin: rightOrigin(), cookie }),
      request('/', { method: 'OPTIONS', origin: 'http://evil.example', cookie }),
      request('/', { method: 'OPTIONS', origin: rightOrigin(), cookie }),
      request('/assets/app.js', { cookie, origin: 'http://evil.example' }),
    ]);
    expect(new Set(replies.map((r) => r.status))).toEqual(new Set([200, 303, 401, 421, 404, 403, 405]));
    for (const r of replies) {
      expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-')), `status ${r.status}`).toEqual([]);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('HTML comes with a deny-by-default CSP that allows a WebSocket only back to this host', async () => {
    const r = await request('/', { cookie: rightCookie() });
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
    const r = await request(target, { cookie: rightCookie() });
    expect([400, 404]).toContain(r.status);
    expect(r.body).not.toContain(SECRET);
    expect(r.body).not.toContain('root:');
  });

  it('a raw NUL byte in the request line is refused', async () => {
    const r = await raw(`GET /index.html\0/../../package.json HTTP/1.1\r\nHost: ${rightHost()}\r\nCookie: ${rightCookie()}\r\nConnection: close\r\n\r\n`);
    expect(r.status).toBe(400);
    expect(r.body).not.toContain(SECRET);
  });
});

describe('logging', () => {
  it('logs a failed read without the token ever appearing in the log', async () => {
    await request(`/?token=${serve.token}`);
    await request(`/?token=${sameLengthWrongToken()}`);
    const r = await request('/loop', { cookie: rightCookie() });
    expect(r.status).toBe(500);
    expect(r.body).toBe('Internal error\n');
    expect(logs.some((l) => l.includes('ELOOP'))).toBe(true);
    for (const line of logs) expect(line).not.toContain(serve.token);
  });
});
