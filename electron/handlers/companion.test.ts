// companion:* / nat:detect through the real dispatcher, against a real loopback companion.
import dgram from 'node:dgram';
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
});
afterAll(() => c.close());

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
    expect(r).toMatchObject({ ok: true, value: { publicAddress: '127.0.0.1', mapping: 'unknown', portPreserved: true } });
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
