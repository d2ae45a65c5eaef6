// Linux connection table on this machine's real /proc, with connections this test makes: the same
// remote ends `ss` lists in the same states, dual-stack (IPv4-mapped) and IPv6 included.
import { execFileSync } from 'node:child_process';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { kernelText } from '../../os/kernel-format.test-util';
import { connectionsFromProcNet, linuxConnectionTable } from './connections';

const connect = (port: number, host: string) =>
  new Promise<net.Socket>((resolve, reject) => {
    const s = net.connect({ host, port }, () => resolve(s));
    s.once('error', reject);
  });

/** The oracle: `ss`'s peers on local port `port` in the states the reader keeps. */
function ssPeers(port: number): string[] {
  const states = ['established', 'fin-wait-1', 'fin-wait-2', 'time-wait', 'close-wait', 'last-ack', 'closing'].flatMap((s) => ['state', s]);
  return execFileSync('ss', ['-Htn', ...states, `( sport = :${port} )`], { encoding: 'utf8' })
    .trim().split('\n').filter(Boolean)
    .map((l) => l.trim().split(/\s+/).at(-1)!.replace(/^\[(.*)\]:(\d+)$/, '$1|$2').replace(/^([^[\]]*):(\d+)$/, '$1|$2'))
    .sort();
}

describe.runIf(process.platform === 'linux')('linuxConnectionTable on this machine', () => {
  it('lists what `ss` lists: IPv4 peers of a dual-stack listener as ::ffff:, IPv6 loopback, a server-closed TIME_WAIT; never the listener', async () => {
    const server = net.createServer((s) => s.on('error', () => undefined));
    await new Promise<void>((r) => server.listen(0, '::', r));
    const port = (server.address() as net.AddressInfo).port;
    const closedByServer = await new Promise<number>((resolve) => {
      server.once('connection', (s) => s.end());
      const c = net.connect({ host: '127.0.0.1', port }, () => resolve(c.localPort!));
      c.on('end', () => c.end());
    });
    const open = [await connect(port, '127.0.0.1'), await connect(port, '::1')];
    await new Promise((r) => setTimeout(r, 100));
    const rows = await linuxConnectionTable.read(port, new AbortController().signal);
    const ours = rows.map((r) => `${r.remoteAddress}|${r.remotePort}`).sort();
    expect(ours).toEqual(ssPeers(port));
    expect(ours).toEqual(expect.arrayContaining([`::ffff:127.0.0.1|${open[0]!.localPort}`, `::1|${open[1]!.localPort}`, `::ffff:127.0.0.1|${closedByServer}`]));
    expect(rows.every((r) => r.remotePort !== 0)).toBe(true);
    for (const s of open) s.destroy();
    await new Promise((r) => server.close(r));
  });

  it('a port nobody uses has no connections; an aborted signal stops the read', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as net.AddressInfo).port;
    expect(await linuxConnectionTable.read(port, new AbortController().signal)).toEqual([]);
    await new Promise((r) => probe.close(r));
    await expect(linuxConnectionTable.read(port, AbortSignal.abort())).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('keeps established and closing states, drops LISTEN, SYN_SENT and SYN_RECV (kernel-format text)', () => {
    const row = (remote: number[], remotePort: number, state: number) => ({ family: 4 as const, local: [192, 168, 1, 20], localPort: 7777, remote, remotePort, state, uid: 1000, inode: 1 });
    const text = kernelText('tcp', 4, [
      row([203, 0, 113, 77], 51234, 0x01),
      row([198, 51, 100, 9], 61001, 0x06),
      row([198, 51, 100, 10], 61002, 0x03),
      row([198, 51, 100, 11], 61003, 0x02),
      { ...row([0, 0, 0, 0], 0, 0x0a), local: [0, 0, 0, 0] },
    ]);
    expect(connectionsFromProcNet(text, 4, 7777, true).map((r) => `${r.remoteAddress}|${r.remotePort}`)).toEqual(['203.0.113.77|51234', '198.51.100.9|61001']);
  });
});
