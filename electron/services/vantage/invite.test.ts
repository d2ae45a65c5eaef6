// A whole test from outside on loopback: STUN on 127.0.0.1 for the public address, the listener,
// `reach` from the friend's side, arrivals, count, timeout and cancel.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Arrival, InviteReady } from '../../../shared/channels/vantage';
import { AppError } from '../../../shared/errors';
import { endSentence } from '../../../shared/render/vantage';
import { parseStunServer } from '../companion-client/stun-client';
import { decodeFriendCode } from './friend-code';
import { runInvite, type InviteOptions } from './invite';
import { reachCode } from './reach';
import { MAX_FAILED_READS } from './socket-watch';
import { freePort, loopbackStun, rawExchange } from './test-helpers';

let stun: { server: string; close(): Promise<void> };
beforeAll(async () => {
  stun = await loopbackStun();
});
afterAll(() => stun.close());

/** This "computer" is 192.168.50.10 on a /24; the loopback peer is itself (hairpin through the public address). */
const seams = {
  interfaces: () => ({
    lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4' as const, mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }],
    eth0: [{ address: '192.168.50.10', netmask: '255.255.255.0', family: 'IPv4' as const, mac: '02:00:00:00:00:01', internal: false, cidr: '192.168.50.10/24' }],
  }),
  readGateways: async () => [],
  hostname: () => 'lab-pc',
};

function invite(over: Partial<InviteOptions> & Pick<InviteOptions, 'port' | 'protocol'>) {
  const ready: InviteReady[] = [];
  const arrivals: Arrival[] = [];
  const controller = new AbortController();
  let onReady: () => void = () => undefined;
  const readyP = new Promise<void>((r) => (onReady = r));
  const done = runInvite({
    testId: 't1',
    timeoutMs: 5_000,
    stun: [parseStunServer(stun.server)],
    signal: controller.signal,
    onReady: (r) => {
      ready.push(r);
      onReady();
    },
    onArrival: (a) => arrivals.push(a),
    seams,
    ...over,
  });
  return { ready, arrivals, controller, readyP, done };
}

describe('runInvite', () => {
  it('TCP: links to the LAN and public address with the same secret path; the friend code reaches it and is acknowledged', async () => {
    const port = await freePort();
    const t = invite({ port, protocol: 'tcp', count: 1 });
    await t.readyP;
    const r = t.ready[0]!;
    expect(r).toMatchObject({ testId: 't1', port, protocol: 'tcp', mode: 'test-listener', lanAddress: '192.168.50.10', publicAddress: '127.0.0.1', publicAddressError: null, notes: [] });
    const path = new URL(r.lan!).pathname;
    expect(r.lan).toBe(`http://192.168.50.10:${port}${path}`);
    expect(r.public).toBe(`http://127.0.0.1:${port}${path}`);
    expect(decodeFriendCode(r.code!)).toMatchObject({ address: '127.0.0.1', port, protocol: 'tcp' });
    const reached = await reachCode(r.code!);
    expect(reached).toMatchObject({ target: `127.0.0.1:${port}`, protocol: 'tcp', outcome: 'acknowledged' });
    const out = await t.done;
    expect(out.endedBy).toBe('count');
    // Loopback through the public address: this computer reaching itself, i.e. hairpin, not proof.
    expect(out.arrivals).toEqual([expect.objectContaining({ address: '127.0.0.1', path: 'hairpin', via: 'link' })]);
    expect(t.arrivals).toEqual(out.arrivals);
  });

  it('UDP: no links, a code; reach is acknowledged and the arrival counted once despite retransmits', async () => {
    const port = await freePort();
    const t = invite({ port, protocol: 'udp', count: 2, timeoutMs: 1_500 });
    await t.readyP;
    expect(t.ready[0]).toMatchObject({ lan: null, public: null, mode: 'test-listener' });
    expect((await reachCode(t.ready[0]!.code!)).outcome).toBe('acknowledged');
    const out = await t.done;
    expect(out.endedBy).toBe('timeout');
    expect(out.arrivals).toEqual([expect.objectContaining({ path: 'hairpin', via: 'code' })]);
  });

  it('a visit over the LAN link from this computer itself is no arrival', async () => {
    const port = await freePort();
    const t = invite({ port, protocol: 'tcp', timeoutMs: 800 });
    await t.readyP;
    const path = new URL(t.ready[0]!.lan!).pathname;
    const r = await rawExchange(port, `GET ${path} HTTP/1.1\r\nHost: 192.168.50.10:${port}\r\n\r\n`);
    expect(r.text).toContain('This is lab-pc itself');
    expect((await t.done).arrivals).toEqual([]);
  });

  it('cancel ends the test and frees the port; the public address stays unknown when STUN is silent', async () => {
    const port = await freePort();
    const silent = await freePort();
    const t = invite({ port, protocol: 'tcp', stun: [parseStunServer(`127.0.0.1:${silent}`)] });
    await t.readyP;
    expect(t.ready[0]).toMatchObject({ publicAddress: null, public: null, code: null, notes: ['no-public-address'] });
    expect(t.ready[0]!.publicAddressError).toContain(`127.0.0.1:${silent}`);
    t.controller.abort();
    expect((await t.done).endedBy).toBe('cancelled');
    await new Promise<void>((resolve, reject) => {
      const s = net.createServer().once('error', reject).listen(port, '0.0.0.0', () => s.close(() => resolve()));
    });
  });

  it('a port held by a program: TCP watches the socket table; UDP says it cannot see and ends at once', async () => {
    const held = net.createServer((s) => s.destroy());
    await new Promise<void>((r) => held.listen(0, '0.0.0.0', r));
    const port = (held.address() as net.AddressInfo).port;
    // The table is a seam here: what is under test is how invite classifies and counts what a table shows.
    const row = (remoteAddress: string, remotePort: number) => ({ remoteAddress, remotePort, localAddress: '192.168.50.10' });
    const polls = [
      [row('127.0.0.1', 1)],
      [row('127.0.0.1', 1), row('127.0.0.1', 2), row('::ffff:203.0.113.20', 40000), row('192.168.50.20', 40001), row('192.168.50.1', 40002)],
    ];
    let reads = 0;
    const table = { source: 'procfs' as const, pollMs: 5, read: async () => polls[Math.min(reads++, 1)]! };
    const t = invite({ port, protocol: 'tcp', count: 3, seams: { ...seams, readGateways: async () => ['192.168.50.1'], connectionTable: table } });
    const out = await t.done;
    expect(t.ready[0]).toMatchObject({ mode: 'port-held', notes: ['tcp-held-page-not-served'], watchError: null });
    // This computer's own connection (127.0.0.1:2) is no arrival; the router's is hairpin.
    expect(out.arrivals.map((a) => [a.from, a.path, a.via])).toEqual([
      ['203.0.113.20:40000', 'internet', 'socket-table'],
      ['192.168.50.20:40001', 'lan', 'socket-table'],
      ['192.168.50.1:40002', 'hairpin', 'socket-table'],
    ]);
    expect(out.watchError).toBeNull();
    held.close();

    const dgram = await import('node:dgram');
    const u = dgram.createSocket('udp4');
    await new Promise<void>((r) => u.bind(0, '0.0.0.0', r));
    const uport = u.address().port;
    const ut = invite({ port: uport, protocol: 'udp' });
    const uout = await ut.done;
    expect(ut.ready[0]).toMatchObject({ mode: 'port-held', notes: ['udp-held-invisible'] });
    expect(uout).toEqual({ testId: 't1', endedBy: 'unobservable', arrivals: [], watchError: null });
    u.close();
  });
});

describe('runInvite on a held TCP port whose table cannot be read', () => {
  async function heldPort(): Promise<{ port: number; close(): void }> {
    const held = net.createServer((s) => s.destroy());
    await new Promise<void>((r) => held.listen(0, '0.0.0.0', r));
    return { port: (held.address() as net.AddressInfo).port, close: () => held.close() };
  }

  it('no reader for this OS, or a first read that fails: the test says it cannot watch, and why, and ends at once', async () => {
    const held = await heldPort();
    const none = await invite({ port: held.port, protocol: 'tcp', seams: { ...seams, connectionTable: null } }).done;
    expect(none.endedBy).toBe('unobservable');
    const failing = { source: 'netstat' as const, pollMs: 5, read: async () => Promise.reject(new AppError('COMMAND_FAILED', 'netstat is not installed')) };
    const t = invite({ port: held.port, protocol: 'tcp', seams: { ...seams, connectionTable: failing } });
    expect(await t.done).toEqual({ testId: 't1', endedBy: 'unobservable', arrivals: [], watchError: null });
    expect(t.ready[0]).toMatchObject({ mode: 'port-held', notes: ['tcp-held-unwatched'], watchError: 'netstat is not installed' });
    held.close();
  });

  it('a table that stops being readable mid-test ends it as watch-failed, keeping the arrivals seen before', async () => {
    const held = await heldPort();
    let reads = 0;
    const table = {
      source: 'netstat' as const,
      pollMs: 5,
      read: async () => {
        reads++;
        if (reads === 1) return [];
        if (reads === 2) return [{ remoteAddress: '203.0.113.20', remotePort: 40000, localAddress: '192.168.50.10' }];
        throw new AppError('TIMEOUT', 'netstat did not finish within 5 s');
      },
    };
    const t = invite({ port: held.port, protocol: 'tcp', seams: { ...seams, connectionTable: table } });
    const out = await t.done;
    expect(out).toMatchObject({ endedBy: 'watch-failed', watchError: 'netstat did not finish within 5 s' });
    expect(out.arrivals.map((a) => a.from)).toEqual(['203.0.113.20:40000']);
    expect(reads).toBe(2 + MAX_FAILED_READS);
    expect(endSentence(out)).toBe('Port Doctor stopped watching: this system\'s connection table could no longer be read (netstat did not finish within 5 s). 1 arrival before that. Stop the server for a moment and test again.');
    held.close();
  });
});

describe('reachCode', () => {
  it('refused, no answer, a silent program and another program are told apart', async () => {
    const { encodeFriendCode } = await import('./friend-code');
    const secret = new Uint8Array(16).fill(9);
    const closed = await freePort();
    expect((await reachCode(encodeFriendCode({ address: '127.0.0.1', port: closed, protocol: 'tcp', secret }))).outcome).toBe('refused');
    const silent = net.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const sp = (silent.address() as net.AddressInfo).port;
    expect((await reachCode(encodeFriendCode({ address: '127.0.0.1', port: sp, protocol: 'tcp', secret }))).outcome).toBe('connected');
    const other = net.createServer((s) => s.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi'));
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    const op = (other.address() as net.AddressInfo).port;
    expect((await reachCode(encodeFriendCode({ address: '127.0.0.1', port: op, protocol: 'tcp', secret }))).outcome).toBe('answered-wrong');
    const uclosed = await freePort();
    expect((await reachCode(encodeFriendCode({ address: '127.0.0.1', port: uclosed, protocol: 'udp', secret }))).outcome).toBe('refused');
    silent.close();
    other.close();
  }, 20_000);
});
