// The TCP test listener's security, one test per rule (issue 12, item 7), over real loopback sockets.
import { execFileSync } from 'node:child_process';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_CONNECTIONS_PER_SOURCE, MAX_REQUEST_BYTES, REQUEST_RATE, openHttpTestListener, type OpenListener, type Visit } from './http-listener';
import { SECRET_BYTES, ackOf, newSecret, secretPath } from './secret';
import { freePort, rawExchange } from './test-helpers';

const open: OpenListener[] = [];
afterEach(async () => {
  for (const l of open.splice(0)) await l.close();
});

async function start(visits: Visit[] = [], publicAddress: string | null = '198.51.100.10') {
  const port = await freePort();
  const secret = newSecret();
  const l = await openHttpTestListener({ port, secret, computer: 'gaming-pc <&>', publicAddress, onVisit: (v) => (visits.push(v), false) });
  if (typeof l === 'string') throw new Error(l);
  open.push(l);
  return { port, secret, path: secretPath(secret), l };
}

const get = (path: string, extra = '') => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extra}\r\n`;
const status = (text: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
const body = (text: string) => text.slice(text.indexOf('\r\n\r\n') + 4);

describe('test listener (TCP)', () => {
  it('the secret path is 128 random bits, different every test', () => {
    const a = secretPath(newSecret());
    const b = secretPath(newSecret());
    expect(SECRET_BYTES * 8).toBeGreaterThanOrEqual(128);
    expect(a).toMatch(/^\/[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(a.slice(1), 'base64url')).toHaveLength(16);
    expect(a).not.toBe(b);
  });

  it('serves the page on the secret path: the computer\'s name escaped, the acknowledgement, no script, nothing can load', async () => {
    const visits: Visit[] = [];
    const { port, path, secret } = await start(visits);
    const r = await rawExchange(port, get(path));
    expect(status(r.text)).toBe(200);
    expect(body(r.text)).toContain(`You reached gaming-pc &#60;&#38;&#62;'s Port Doctor test on port ${port}`);
    expect(body(r.text)).not.toMatch(/<script|<a |<link|<img|<iframe|src=|href=/i);
    expect(r.text).toMatch(/content-security-policy: default-src 'none'/i);
    expect(r.text.toLowerCase()).toContain(`x-port-doctor-ack: ${Buffer.from(ackOf(secret)).toString('hex')}`);
    expect(r.closed).toBe(true);
    expect(visits).toEqual([{ address: '127.0.0.1', port: expect.any(Number), viaPublic: false }]);
  });

  it('tells the public link from the LAN link by the Host the browser asked for', async () => {
    const visits: Visit[] = [];
    const { port, path } = await start(visits, '198.51.100.10');
    await rawExchange(port, `GET ${path} HTTP/1.1\r\nHost: 198.51.100.10:${port}\r\n\r\n`);
    await rawExchange(port, `GET ${path} HTTP/1.1\r\nHost: 192.168.50.10:${port}\r\n\r\n`);
    expect(visits.map((v) => v.viaPublic)).toEqual([true, false]);
  });

  it('answers every other path, method and near-miss with a bare 404: no directory, no redirect, nothing of the request', async () => {
    const visits: Visit[] = [];
    const first = await start(visits);
    const path = first.path;
    const marker = 'ZZmarker1234';
    for (const [i, req] of [
      get('/'),
      get(`/${marker}`),
      get(`${path}/`),
      get(`${path}?${marker}`),
      get(path.slice(0, -1)),
      get(path.toUpperCase() === path ? path.toLowerCase() : path.toUpperCase()),
      get(`/..${path}`),
      get('/favicon.ico'),
      `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n`,
      `OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n`,
      `DELETE ${path} HTTP/1.1\r\nHost: x\r\n\r\n`,
      get(path.replace('/', '//')),
    ].entries()) {
      // A fresh listener (same secret) every few requests keeps this under the rate limit.
      if (i > 0 && i % 5 === 0) {
        await open.pop()!.close();
        const l = await openHttpTestListener({ port: first.port, secret: first.secret, computer: 'x', publicAddress: null, onVisit: (v) => (visits.push(v), false) });
        if (typeof l === 'string') throw new Error(l);
        open.push(l);
      }
      const r = await rawExchange(first.port, req.replace('Host: 127.0.0.1', `Host: ${marker}`));
      expect(status(r.text), req).toBe(404);
      expect(body(r.text)).toBe('');
      expect(r.text).not.toMatch(/location:/i);
      expect(r.text).not.toContain(marker);
    }
    expect(visits).toEqual([]);
  });

  it('refuses a request with a body (413) and one with oversized headers (431), echoing none of it', async () => {
    const { port, path } = await start();
    const withBody = await rawExchange(port, `GET ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello`);
    expect(status(withBody.text)).toBe(413);
    const big = await rawExchange(port, get(path, `X-Fill: ${'Q'.repeat(MAX_REQUEST_BYTES)}\r\n`));
    expect(status(big.text)).toBe(431);
    expect(big.text).not.toContain('QQQQ');
    const junk = await rawExchange(port, 'HELLO\x00\x01 there\r\n\r\n');
    expect(status(junk.text)).toBe(400);
    expect(junk.text).not.toContain('there');
  });

  it('caps connections from one address', async () => {
    const { port } = await start();
    const sockets = await Promise.all(
      Array.from({ length: MAX_CONNECTIONS_PER_SOURCE + 2 }, () => new Promise<net.Socket>((r) => {
        const s = net.connect({ host: '127.0.0.1', port }, () => r(s));
        s.on('error', () => undefined);
      })),
    );
    await new Promise((r) => setTimeout(r, 200));
    const alive = sockets.filter((s) => !s.destroyed && s.readyState === 'open' && !s.readableEnded);
    expect(alive.length).toBe(MAX_CONNECTIONS_PER_SOURCE);
    sockets.forEach((s) => s.destroy());
  });

  it('rate-limits one address: past the burst, 429 with nothing else', async () => {
    const { port, path } = await start();
    const codes: number[] = [];
    for (let i = 0; i < REQUEST_RATE.burst + 3; i++) codes.push(status((await rawExchange(port, get(path))).text));
    expect(codes.slice(0, REQUEST_RATE.burst).every((c) => c === 200)).toBe(true);
    expect(codes.slice(REQUEST_RATE.burst + 1)).toEqual([429, 429]);
  });

  it('binds only the test port, reports a held port, and frees the port on close', async () => {
    const { port, l } = await start();
    const ss = execFileSync('ss', ['-Htlnp'], { encoding: 'utf8' });
    const mine = ss.split('\n').filter((line) => line.includes(`pid=${process.pid},`));
    expect(mine.length).toBe(1);
    expect(mine[0]).toContain(`:${port} `);
    const again = await openHttpTestListener({ port, secret: newSecret(), computer: 'x', publicAddress: null, onVisit: () => false });
    expect(again).toBe('in-use');
    await l.close();
    open.length = 0;
    const after = execFileSync('ss', ['-Htln', `sport = :${port}`], { encoding: 'utf8' });
    expect(after.trim()).toBe('');
  });
});
