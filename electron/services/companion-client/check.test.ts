// Loopback tests of the client against a real companion (127.0.0.0/8 allow-listed), real sockets, real /proc.
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompanion, type CompanionHandle } from '../../../companion/companion';
import { DEFAULT_CONFIG } from '../../../companion/config';
import { silentLogger } from '../../../companion/log';
import { parseCidrList } from '../../../companion/net-address';
import { AppError } from '../../../shared/errors';
import { checkPort } from './check';
import { classifyMapping, detectNat, probeNat } from './stun-client';
import { whoami } from './whoami';

let c: CompanionHandle;
let url: URL;
const opened: Array<() => Promise<void>> = [];

beforeAll(async () => {
  c = await startCompanion(
    { ...DEFAULT_CONFIG, host: '127.0.0.1', httpPort: 0, udpPort: 0, stunAltPort: 0, checksPerMinute: 0, checksPerHour: 0, allowTargets: parseCidrList(['127.0.0.0/8'], 't') },
    silentLogger,
    { probeOptions: { greetingWaitMs: 300, udpDeadlineMs: 600 } },
  );
  url = new URL(`http://127.0.0.1:${c.httpPort}`);
});
afterAll(async () => {
  for (const f of opened) await f();
  await c.close();
});

async function tcpServer(onConn: (s: net.Socket) => void): Promise<number> {
  const s = net.createServer(onConn);
  await new Promise<void>((r) => s.listen(0, '0.0.0.0', r));
  opened.push(() => new Promise<void>((r) => s.close(() => r())));
  return (s.address() as net.AddressInfo).port;
}

async function freeTcpPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '0.0.0.0', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('companion client over loopback', () => {
  it('a free TCP port: temporary listener, open and verified by nonce', async () => {
    const r = await checkPort(url, await freeTcpPort(), 'tcp');
    expect(r).toMatchObject({ publicAddress: '127.0.0.1', state: 'open', verified: { state: 'yes' }, verifiedBy: 'nonce', mode: 'temporary-listener' });
  });

  it('a held TCP port: verified through the real socket table (/proc/net/tcp)', async () => {
    if (process.platform !== 'linux') return;
    const port = await tcpServer(() => undefined);
    const r = await checkPort(url, port, 'tcp');
    expect(r).toMatchObject({ state: 'open', verified: { state: 'yes' }, verifiedBy: 'socket-table', mode: 'port-held' });
  });

  it('a held TCP port whose connection is not in the table: the same banner is protocol proof', async () => {
    const port = await tcpServer((s) => s.end('SSH-2.0-PortDoctorTest\r\n'));
    const r = await checkPort(url, port, 'tcp', { readConnections: () => Promise.resolve([]) });
    expect(r).toMatchObject({ state: 'open', verified: { state: 'yes' }, verifiedBy: 'protocol', banner: 'SSH-2.0-PortDoctorTest..' });
  });

  it('a held silent TCP port with no socket-table reader: open, and arrival not checked (not "no")', async () => {
    const port = await tcpServer(() => undefined);
    const r = await checkPort(url, port, 'tcp', { readConnections: () => Promise.resolve(null) });
    expect(r).toMatchObject({ state: 'open', verified: { state: 'not-checked', why: 'unsupported-os' }, verifiedBy: null });
  });

  it('a held silent TCP port whose table lacks the companion\'s connection: verified is no', async () => {
    const port = await tcpServer(() => undefined);
    const r = await checkPort(url, port, 'tcp', { readConnections: () => Promise.resolve([]) });
    expect(r).toMatchObject({ state: 'open', verified: { state: 'no' }, verifiedBy: null });
  });

  it('UDP: free port verified by nonce; a held port whose program answers no game query is not checked', async () => {
    const probe = dgram.createSocket('udp4');
    await new Promise<void>((r) => probe.bind(0, '0.0.0.0', r));
    const free = probe.address().port;
    await new Promise<void>((r) => probe.close(() => r()));
    expect(await checkPort(url, free, 'udp')).toMatchObject({ state: 'open', reason: 'udp-response', verified: { state: 'yes' }, verifiedBy: 'nonce' });
    const held = dgram.createSocket('udp4');
    await new Promise<void>((r) => held.bind(0, '0.0.0.0', r));
    opened.push(() => new Promise<void>((r) => held.close(() => r())));
    expect(await checkPort(url, held.address().port, 'udp')).toMatchObject({ state: 'open|filtered', verified: { state: 'not-checked', why: 'unavailable' }, verifiedBy: null, mode: 'port-held' });
  });

  it('a held UDP port running a RakNet server: the same server GUID inside and outside is protocol proof', async () => {
    const probe = dgram.createSocket('udp4');
    await new Promise<void>((r) => probe.bind(0, '0.0.0.0', r));
    const port = probe.address().port;
    await new Promise<void>((r) => probe.close(() => r()));
    const child = spawn(process.execPath, [new URL('../../../companion/lab/raknet-server.mjs', import.meta.url).pathname, '0011223344556677', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
    opened.push(async () => {
      child.kill();
    });
    await new Promise<void>((r) => child.stdout.once('data', () => r()));
    const r = await checkPort(url, port, 'udp');
    expect(r).toMatchObject({ state: 'open', reason: 'udp-response', verified: { state: 'yes' }, verifiedBy: 'protocol', mode: 'port-held' });
  });

  it('translates companion refusals and unreachable companions into AppErrors', async () => {
    const refusing = await startCompanion({ ...DEFAULT_CONFIG, host: '127.0.0.1', httpPort: 0, udpPort: 0, stunAltPort: 0 }, silentLogger);
    try {
      const e = await checkPort(new URL(`http://127.0.0.1:${refusing.httpPort}`), await freeTcpPort(), 'tcp').catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('COMPANION_REFUSED');
      expect((e as AppError).detail).toContain('target-refused');
    } finally {
      await refusing.close();
    }
    const dead = await freeTcpPort();
    const e2 = await whoami(new URL(`http://127.0.0.1:${dead}`)).catch((x: unknown) => x);
    expect((e2 as AppError).code).toBe('COMPANION_UNREACHABLE');
  });

  it('whoami and STUN: loopback has no NAT, so the mapping is easy and the port preserved', async () => {
    const two = await startCompanion({ ...DEFAULT_CONFIG, host: '127.0.0.1', httpPort: 0, udpPort: 0, stunAltPort: 0 }, silentLogger);
    const alt = await startCompanion({ ...DEFAULT_CONFIG, host: '127.0.0.1', httpPort: 0, udpPort: 0, stunAltPort: 0 }, silentLogger);
    try {
      const servers = [{ host: '127.0.0.1', port: two.udpPort }, { host: '127.0.0.1', port: alt.udpPort }];
      const r = await whoami(url, { stun: servers });
      expect(r.publicAddress).toBe('127.0.0.1');
      expect(r.nat).toMatchObject({ publicAddress: '127.0.0.1', mapping: 'easy', portPreserved: { state: 'yes' } });
      expect(r.nat!.samples.every((s) => s.rttMs !== null)).toBe(true);
    } finally {
      await two.close();
      await alt.close();
    }
  });

  it('STUN with nobody answering: probeNat reports unknown, detectNat fails with STUN_FAILED', async () => {
    const s = dgram.createSocket('udp4');
    await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
    opened.push(() => new Promise<void>((r) => s.close(() => r())));
    const silent = [{ host: '127.0.0.1', port: s.address().port }];
    const report = await probeNat(silent, { timeoutMs: 300 });
    expect(report.mapping).toBe('unknown');
    expect(report.portPreserved).toEqual({ state: 'not-checked', why: 'failed', reason: `no STUN server answered (127.0.0.1:${s.address().port})` });
    const e = await detectNat(silent, { timeoutMs: 300 }).catch((x: unknown) => x);
    expect((e as AppError).code).toBe('STUN_FAILED');
  });

  it('classifies mappings', () => {
    const m = (port: number) => ({ server: 's', rttMs: 1, mapped: { family: 'ipv4' as const, address: '198.51.100.2', port } });
    expect(classifyMapping([m(1000), m(1000)])).toBe('easy');
    expect(classifyMapping([m(1000), m(2000)])).toBe('hard');
    expect(classifyMapping([m(1000), { server: 's', rttMs: null, mapped: null }])).toBe('unknown');
  });
});
