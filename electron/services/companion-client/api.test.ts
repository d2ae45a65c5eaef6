// The companion client against hostile loopback servers: a body that never ends, a body that
// trickles, a body just under the cap. Real sockets; the server counts what it managed to send.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { MAX_RESPONSE_BYTES, fetchWhoami } from './api';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

/** A loopback server whose handler writes what it likes; `sent` counts body bytes it got out. */
async function hostile(write: (res: http.ServerResponse, sent: { bytes: number }) => void) {
  const sent = { bytes: 0, closed: false };
  const server = http.createServer((req, res) => {
    res.on('close', () => (sent.closed = true));
    write(res, sent);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`), sent };
}

async function errorOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

describe('companion responses are read with a cap', () => {
  it('an endless body is cut at the cap: the client stops reading and closes the connection', async () => {
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    const { url, sent } = await hostile((res, s) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) s.bytes += chunk.length;
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    const started = performance.now();
    const e = await errorOf(fetchWhoami(url));
    expect(e.code).toBe('COMPANION_BAD_RESPONSE');
    expect(e.detail).toContain('larger than');
    expect(performance.now() - started).toBeLessThan(3_000);
    await expect.poll(() => sent.closed).toBe(true);
    // Socket buffers on both ends hold a few hundred KiB at most; an unbounded read would be megabytes by now.
    expect(sent.bytes).toBeLessThan(4 * 1024 * 1024);
  });

  it('a Content-Length above the cap is refused before any body is read', async () => {
    const { url } = await hostile((res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(1024 * 1024 * 1024) });
      res.write('{');
    });
    const e = await errorOf(fetchWhoami(url));
    expect(e.code).toBe('COMPANION_BAD_RESPONSE');
    expect(e.detail).toContain('larger than');
  });

  it('a body that trickles forever ends in TIMEOUT within the deadline', async () => {
    const { url } = await hostile((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write(' ')), 50);
    });
    const e = await errorOf(fetchWhoami(url, { timeoutMs: 500 }));
    expect(e.code).toBe('TIMEOUT');
  });

  it('a whoami just under the cap (padded with spaces) still parses', async () => {
    const body = JSON.stringify({ service: 'port-doctor-companion', version: '1', protocol: 1, address: '198.51.100.7', port: 4242, family: 'ipv4' });
    const padded = body + ' '.repeat(MAX_RESPONSE_BYTES - body.length);
    const { url } = await hostile((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(padded);
    });
    expect(await fetchWhoami(url)).toMatchObject({ address: '198.51.100.7', port: 4242 });
  });
});
