// companion:* / nat:detect through the real dispatcher, against a real loopback companion.
import dgram from 'node:dgram';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompanion, type CompanionHandle } from '../../companion/companion';
import { DEFAULT_CONFIG } from '../../companion/config';
import { silentLogger } from '../../companion/log';
import { parseCidrList } from '../../companion/net-address';
import { createDispatcher } from '../bridge/dispatch';
import type { HandlerContext } from '../bridge/handler';
import { createHandlerTable } from './index';

let c: CompanionHandle;
const dispatch = createDispatcher(createHandlerTable(), { error: () => undefined });
const ctx: HandlerContext = { signal: new AbortController().signal, emit: () => undefined, transport: 'websocket' };

beforeAll(async () => {
  c = await startCompanion(
    { ...DEFAULT_CONFIG, host: '127.0.0.1', httpPort: 0, udpPort: 0, stunAltPort: 0, allowTargets: parseCidrList(['127.0.0.0/8'], 't') },
    silentLogger,
  );
  // What the user configured for this engine: the only destinations companion:* and nat:* may use.
  saved = { url: process.env.PD_COMPANION_URL, stun: process.env.PD_STUN_SERVERS };
  process.env.PD_COMPANION_URL = `http://127.0.0.1:${c.httpPort}`;
  process.env.PD_STUN_SERVERS = `127.0.0.1:${c.udpPort}`;
});
afterAll(async () => {
  for (const [k, v] of [['PD_COMPANION_URL', saved.url], ['PD_STUN_SERVERS', saved.stun]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await c.close();
});
let saved: { url: string | undefined; stun: string | undefined };

describe('companion handlers', () => {
  it('companion:whoami answers with the address the companion saw', async () => {
    const r = await dispatch('companion:whoami', { companionUrl: `http://127.0.0.1:${c.httpPort}` }, ctx);
    expect(r).toMatchObject({ ok: true, value: { publicAddress: '127.0.0.1', family: 'ipv4', nat: null } });
  });

  it('companion:whoami with detectNat uses the STUN ports the companion announces, not 3478/3479', async () => {
    // Silent sockets of our own on the default ports: a client that ignored the announcement would
    // talk only to them (never to anyone else's service) and get no answer.
    const sinks = await Promise.all([3478, 3479].map(udpSink));
    try {
      const r = await dispatch('companion:whoami', { companionUrl: `http://127.0.0.1:${c.httpPort}`, detectNat: true }, ctx);
      expect(r).toMatchObject({ ok: true, value: { publicAddress: '127.0.0.1', nat: { publicAddress: '127.0.0.1' } } });
      if (!r.ok) return;
      const nat = (r.value as { nat: { samples: Array<{ server: string }> } }).nat;
      expect(nat.samples.map((s) => s.server)).toEqual([`127.0.0.1:${c.udpPort}`]);
    } finally {
      for (const s of sinks) s?.close();
    }
  });

  it('nat:detect uses the given STUN servers', async () => {
    const r = await dispatch('nat:detect', { stunServers: [`127.0.0.1:${c.udpPort}`] }, ctx);
    expect(r).toMatchObject({ ok: true, value: { publicAddress: '127.0.0.1', mapping: 'unknown', portPreserved: { state: 'yes' } } });
  });

  it('companion:* only talk to the configured companion: another URL is refused before one byte is sent', async () => {
    const hits: string[] = [];
    const other = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('{}');
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    try {
      const elsewhere = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
      const check = await dispatch('companion:check', { companionUrl: elsewhere, port: 80, protocol: 'tcp' }, ctx);
      expect(check).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', detail: expect.stringContaining('only the configured companion') } });
      expect(await dispatch('companion:whoami', { companionUrl: `${elsewhere}/v1` }, ctx)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(hits).toEqual([]);
      // Naming the configured one explicitly is fine.
      expect(await dispatch('companion:whoami', { companionUrl: process.env.PD_COMPANION_URL }, ctx)).toMatchObject({ ok: true });
    } finally {
      await new Promise<void>((r) => other.close(() => r()));
    }
  });

  it('nat:detect only asks configured STUN servers: another one is refused before one datagram is sent', async () => {
    const sink = dgram.createSocket('udp4');
    const seen: number[] = [];
    sink.on('message', (m) => seen.push(m.length));
    await new Promise<void>((r) => sink.bind(0, '127.0.0.1', r));
    try {
      const r = await dispatch('nat:detect', { stunServers: [`127.0.0.1:${c.udpPort}`, `127.0.0.1:${sink.address().port}`] }, ctx);
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', detail: expect.stringContaining('is not configured') } });
      await new Promise((res) => setTimeout(res, 300));
      expect(seen).toEqual([]);
    } finally {
      sink.close();
    }
  });

  it('refuses bad URLs and server lists as INVALID_INPUT', async () => {
    expect(await dispatch('companion:check', { companionUrl: 'ftp://x', port: 80, protocol: 'tcp' }, ctx)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await dispatch('companion:check', { companionUrl: 'http://x', port: 0, protocol: 'tcp' }, ctx)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await dispatch('nat:detect', { stunServers: ['a:b:c'] }, ctx)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

/** Binds a UDP socket that never answers; null when the port is someone else's (then we do not touch it). */
function udpSink(port: number): Promise<dgram.Socket | null> {
  return new Promise((resolve) => {
    const s = dgram.createSocket('udp4');
    s.once('error', () => {
      s.close();
      resolve(null);
    });
    s.bind(port, '127.0.0.1', () => resolve(s));
  });
}
