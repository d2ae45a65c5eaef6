// Loopback integration: the real companion, real sockets, 127.0.0.0/8 explicitly allow-listed.
import dgram from 'node:dgram';
import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseUdpProbeDatagram, tcpGreeting, udpReplyDatagram, checkResponseSchema, errorResponseSchema, whoamiResponseSchema } from '../shared/companion-protocol';
import { bindingRequest, decodeStun, mappedAddressOf } from '../shared/protocol/stun';
import { startCompanion, type CompanionHandle } from './companion';
import { DEFAULT_CONFIG, parseCompanionArgs, type CompanionConfig } from './config';
import { silentLogger } from './log';
import { parseCidrList } from './net-address';
import { udpPayload } from './probes';

const NONCE = 'abcdefghijklmnop0123';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function companion(over: Partial<CompanionConfig> = {}): Promise<CompanionHandle> {
  const c = await startCompanion(
    { ...DEFAULT_CONFIG, host: '127.0.0.1', httpPort: 0, udpPort: 0, stunAltPort: 0, allowTargets: parseCidrList(['127.0.0.0/8'], 't'), ...over },
    silentLogger,
    { probeOptions: { greetingWaitMs: 200, tcpDeadlineMs: 1000, udpDeadlineMs: 800 } },
  );
  cleanups.push(() => c.close());
  return c;
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

function request(port: number, method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers: { 'content-type': 'application/json', ...headers }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(Buffer.concat(chunks).toString() || 'null') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const check = (port: number, probes: unknown, headers?: Record<string, string>, path = '/v1/check') => request(port, 'POST', path, JSON.stringify({ probes }), headers);

async function nonceListener(nonce: string) {
  const seen: string[] = [];
  const server = net.createServer((s) => {
    seen.push(s.remoteAddress ?? '');
    s.end(tcpGreeting(nonce));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  return { port: (server.address() as net.AddressInfo).port, seen };
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('companion over loopback', () => {
  it('serves /healthz and whoami with a version', async () => {
    const c = await companion();
    const h = await request(c.httpPort, 'GET', '/healthz');
    expect(h.status).toBe(200);
    expect(h.headers['x-port-doctor-companion']).toBeTruthy();
    const w = await request(c.httpPort, 'GET', '/v1/whoami');
    const who = whoamiResponseSchema.parse(w.body);
    expect(who).toMatchObject({ address: '127.0.0.1', family: 'ipv4', service: 'port-doctor-companion' });
    expect(who.port).toBeGreaterThan(0);
    const nf = await request(c.httpPort, 'GET', '/nope');
    expect(nf.status).toBe(404);
    expect(errorResponseSchema.parse(nf.body).version).toBe(who.version);
  });

  it('reports open with the nonce proven, closed when nothing listens', async () => {
    const c = await companion();
    const l = await nonceListener(NONCE);
    const closedPort = await freePort();
    const r = await check(c.httpPort, [
      { protocol: 'tcp', port: l.port, nonce: NONCE },
      { protocol: 'tcp', port: closedPort },
    ]);
    expect(r.status).toBe(200);
    const body = checkResponseSchema.parse(r.body);
    expect(body.target).toBe('127.0.0.1');
    expect(body.results[0]).toMatchObject({ state: 'open', reason: 'syn-ack', nonceMatched: true });
    expect(body.results[0]!.from?.port).toBeGreaterThan(0);
    expect(body.results[1]).toMatchObject({ state: 'closed', reason: 'conn-refused', nonceMatched: false });
    expect(l.seen).toEqual(['127.0.0.1']);
  });

  it("runs a check's probes at once, each in its own slot, and answers in the order asked", async () => {
    const c = await companion();
    const silent = await Promise.all(
      [0, 1, 2].map(async () => {
        const s = dgram.createSocket('udp4');
        await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
        cleanups.push(() => new Promise<void>((r) => s.close(() => r())));
        return s;
      }),
    );
    const ports = silent.map((s) => s.address().port);
    let peak = 0;
    const watch = setInterval(() => (peak = Math.max(peak, c.activeProbes())), 10);
    const reply = await check(c.httpPort, ports.map((port) => ({ protocol: 'udp', port, nonce: NONCE })));
    clearInterval(watch);
    const r = checkResponseSchema.parse(reply.body);
    expect(r.results.map((x) => x.port)).toEqual(ports);
    expect(r.results.every((x) => x.state === 'open|filtered')).toBe(true);
    // Three silent probes of 800 ms each: one after another they would never overlap.
    expect(peak).toBe(3);
    expect(c.activeProbes()).toBe(0);
  });

  it('does not count a different greeting as proof', async () => {
    const c = await companion();
    const l = await nonceListener('zzzzzzzzzzzzzzzzzzzz');
    const r = checkResponseSchema.parse((await check(c.httpPort, [{ protocol: 'tcp', port: l.port, nonce: NONCE }])).body);
    expect(r.results[0]).toMatchObject({ state: 'open', nonceMatched: false, banner: 'PORT-DOCTOR zzzzzzzzzzzzzzzzzzzz.' });
  });

  it('UDP: a nonce reply is reached; silence is open|filtered; never echoes client bytes', async () => {
    const c = await companion();
    const got: Buffer[] = [];
    const sock = dgram.createSocket('udp4');
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => sock.close(() => r())));
    sock.on('message', (m, rinfo) => {
      got.push(m);
      const server = parseUdpProbeDatagram(new Uint8Array(m));
      if (server) sock.send(udpReplyDatagram(server, NONCE), rinfo.port, rinfo.address);
    });
    const silent = dgram.createSocket('udp4');
    const silentGot: Buffer[] = [];
    silent.on('message', (m) => silentGot.push(m));
    await new Promise<void>((r) => silent.bind(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => silent.close(() => r())));
    const r = checkResponseSchema.parse(
      (await check(c.httpPort, [
        { protocol: 'udp', port: sock.address().port, nonce: NONCE },
        { protocol: 'udp', port: silent.address().port, nonce: NONCE },
      ])).body,
    );
    expect(r.results[0]).toMatchObject({ state: 'open', reason: 'udp-response', nonceMatched: true });
    expect(r.results[1]).toMatchObject({ state: 'open|filtered', reason: 'no-response', nonceMatched: false });
    expect(got.length).toBe(1);
    expect(silentGot.length).toBe(3);
    for (const m of [...got, ...silentGot]) {
      expect(m.length).toBeLessThanOrEqual(64);
      expect(m.toString()).not.toContain(NONCE);
    }
  });

  it('UDP to a closed port is closed (ICMP port unreachable)', async () => {
    const c = await companion();
    const s = dgram.createSocket('udp4');
    await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
    const port = s.address().port;
    await new Promise<void>((r) => s.close(() => r()));
    const r = checkResponseSchema.parse((await check(c.httpPort, [{ protocol: 'udp', port }])).body);
    expect(r.results[0]).toMatchObject({ state: 'closed', reason: 'port-unreach' });
  });

  it('refuses special-range callers without an allow-list, and every query string', async () => {
    const c = await companion({ allowTargets: [] });
    const l = await nonceListener(NONCE);
    const r = await check(c.httpPort, [{ protocol: 'tcp', port: l.port }]);
    expect(r.status).toBe(403);
    expect(errorResponseSchema.parse(r.body).error.code).toBe('target-refused');
    const c2 = await companion();
    const q = await check(c2.httpPort, [{ protocol: 'tcp', port: l.port }], {}, '/v1/check?ip=127.0.0.2');
    expect(q.status).toBe(400);
    expect(l.seen).toEqual([]);
  });

  it('ignores X-Forwarded-For from an untrusted peer', async () => {
    const c = await companion();
    const w = whoamiResponseSchema.parse((await request(c.httpPort, 'GET', '/v1/whoami', undefined, { 'x-forwarded-for': '8.8.8.8' })).body);
    expect(w.address).toBe('127.0.0.1');
    const t = await companion({ trustProxy: parseCidrList(['127.0.0.1'], 't') });
    const w2 = whoamiResponseSchema.parse((await request(t.httpPort, 'GET', '/v1/whoami', undefined, { 'x-forwarded-for': '127.0.0.9' })).body);
    expect(w2.address).toBe('127.0.0.9');
  });

  it('caps HTTP connections per source, except for a trusted proxy', async () => {
    const open = async (port: number, n: number) => {
      const sockets = await Promise.all(
        Array.from({ length: n }, () => new Promise<net.Socket>((resolve) => {
          const s = net.connect(port, '127.0.0.1', () => resolve(s));
        })),
      );
      await new Promise((r) => setTimeout(r, 100));
      const closedByServer = await Promise.all(sockets.map((s) => new Promise<boolean>((resolve) => {
        if (s.destroyed) return resolve(true);
        s.on('error', () => undefined);
        s.once('data', () => resolve(false));
        s.once('close', () => resolve(true));
        s.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
      })));
      for (const s of sockets) s.destroy();
      return { refused: closedByServer.filter(Boolean).length };
    };
    const c = await companion({ maxConnectionsPerSource: 3 });
    expect((await open(c.httpPort, 5)).refused).toBe(2);
    const p = await companion({ maxConnectionsPerSource: 3, trustProxy: parseCidrList(['127.0.0.1'], 't') });
    expect((await open(p.httpPort, 5)).refused).toBe(0);
  });

  it('hardens the body: 415, 413 on the header alone, 413 when chunked, __proto__, unknown fields', async () => {
    const c = await companion();
    expect((await request(c.httpPort, 'POST', '/v1/check', '{}', { 'content-type': 'text/plain' })).status).toBe(415);
    const started = performance.now();
    const big = await request(c.httpPort, 'POST', '/v1/check', Buffer.alloc(1024 * 1024, 0x20));
    expect(big.status).toBe(413);
    expect(performance.now() - started).toBeLessThan(1000);
    const chunked = await request(c.httpPort, 'POST', '/v1/check', Buffer.alloc(8000, 0x20), { 'transfer-encoding': 'chunked' });
    expect(chunked.status).toBe(413);
    const proto = await request(c.httpPort, 'POST', '/v1/check', '{"probes":[{"protocol":"tcp","port":1}],"__proto__":{"admin":true}}');
    expect(proto.status).toBe(400);
    const extra = await check(c.httpPort, [{ protocol: 'tcp', port: 1, host: '10.0.0.1' }]);
    expect(extra.status).toBe(400);
    expect((await check(c.httpPort, [{ protocol: 'tcp', port: 1, query: 'a2s-info' }])).status).toBe(400);
    expect((await check(c.httpPort, [{ protocol: 'udp', port: 1, query: 'anything' }])).status).toBe(400);
    expect((await request(c.httpPort, 'GET', '/v1/check')).status).toBe(405);
  });

  it('holds the per-source rate limit at its boundary', async () => {
    const c = await companion({ checksPerMinute: 3 });
    const closedPort = await freePort();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await check(c.httpPort, [{ protocol: 'tcp', port: closedPort }])).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('allows one check in flight per destination', async () => {
    const c = await companion();
    const hold = net.createServer(() => undefined);
    await new Promise<void>((r) => hold.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => hold.close(() => r())));
    const port = (hold.address() as net.AddressInfo).port;
    const first = check(c.httpPort, [{ protocol: 'tcp', port }]);
    await new Promise((r) => setTimeout(r, 50));
    const second = await check(c.httpPort, [{ protocol: 'tcp', port }]);
    expect(second.status).toBe(429);
    expect(errorResponseSchema.parse(second.body).error.code).toBe('destination-busy');
    expect((await first).status).toBe(200);
  });

  it('answers STUN Binding with XOR-MAPPED-ADDRESS only, never larger than the request', async () => {
    const c = await companion();
    const s = dgram.createSocket('udp4');
    await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => s.close(() => r())));
    const replies: Buffer[] = [];
    s.on('message', (m) => replies.push(m));
    const tid = new Uint8Array(12).fill(7);
    s.send(bindingRequest(tid, 20), c.udpPort, '127.0.0.1'); // bare: would amplify, so dropped
    s.send(bindingRequest(tid, 48), c.udpPort, '127.0.0.1');
    s.send(Buffer.from('hello, not stun at all'), c.udpPort, '127.0.0.1');
    await new Promise((r) => setTimeout(r, 200));
    expect(replies.length).toBe(1);
    expect(replies[0]!.length).toBeLessThanOrEqual(48);
    const m = decodeStun(new Uint8Array(replies[0]!))!;
    expect(m.attributes.map((a) => a.type)).toEqual([0x0020]);
    expect(mappedAddressOf(m)).toEqual({ family: 'ipv4', address: '127.0.0.1', port: s.address().port });
    expect(c.stun[0]!.stats.droppedSize).toBe(1);
  });

  it('shuts down gracefully: in-flight probes aborted, nothing left open', async () => {
    const c = await companion();
    const hold = net.createServer(() => undefined);
    await new Promise<void>((r) => hold.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => hold.close(() => r())));
    const pending = check(c.httpPort, [{ protocol: 'tcp', port: (hold.address() as net.AddressInfo).port }]);
    await new Promise((r) => setTimeout(r, 50));
    expect(c.activeProbes()).toBe(1);
    const t = performance.now();
    await c.close();
    expect(performance.now() - t).toBeLessThan(1500);
    expect((await pending).status).toBe(503);
    expect(c.activeProbes()).toBe(0);
    expect(c.openConnections()).toBe(0);
  });

  it('sends only companion-built UDP payloads of at most 64 bytes', () => {
    for (const q of ['nonce', 'a2s-info', 'raknet-ping'] as const) {
      const p = udpPayload(q, 'ab'.repeat(16));
      expect(p.length).toBeLessThanOrEqual(64);
      expect(p.length).toBeGreaterThan(0);
    }
  });

  it('parses flags with safe defaults', () => {
    const d = parseCompanionArgs([]);
    expect(d).toMatchObject({ httpPort: 8080, udpPort: 3478, stunAltPort: 3479, checksPerMinute: 10, checksPerHour: 60, maxConcurrentProbes: 256 });
    const c = parseCompanionArgs(['--allow-targets', '10.0.0.0/8', '192.168.0.0/16', '--trust-proxy=127.0.0.1', '--udp-port', '5000']);
    expect(c.allowTargets.map((x) => x.text)).toEqual(['10.0.0.0/8', '192.168.0.0/16']);
    expect(c.trustProxy.map((x) => x.text)).toEqual(['127.0.0.1/32']);
    expect(c.stunAltPort).toBe(5001);
    expect(() => parseCompanionArgs(['--allow-targets', 'nonsense'])).toThrow(RangeError);
    expect(() => parseCompanionArgs(['--http-port', '70000'])).toThrow(RangeError);
    expect(() => parseCompanionArgs(['stray'])).toThrow(RangeError);
  });
});
