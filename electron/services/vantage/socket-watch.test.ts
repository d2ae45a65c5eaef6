// The held-port watcher on the real socket table: the same peers `ss` lists, and only new ones reported.
import { execFileSync } from 'node:child_process';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { linuxTcpPeers, watchTcpPeers, type TcpPeer } from './socket-watch';

function connect(port: number): Promise<net.Socket> {
  return new Promise((r) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => r(s));
  });
}

describe.runIf(process.platform === 'linux')('socket table watch (Linux /proc)', () => {
  it('lists the remote ends `ss` lists for the port, and reports only connections made after the start', async () => {
    const server = net.createServer(() => undefined);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    const before = await connect(port);
    const seen: TcpPeer[] = [];
    const stop = new AbortController();
    expect(await watchTcpPeers({ port, read: linuxTcpPeers, signal: stop.signal, intervalMs: 20, onPeer: (p) => seen.push(p), onError: (e) => { throw e; } })).toBe(true);
    const later = [await connect(port), await connect(port)];
    await new Promise((r) => setTimeout(r, 200));
    stop.abort();
    const ours = (await linuxTcpPeers(port))!.map((p) => `${p.address}:${p.port}`).sort();
    const ss = execFileSync('ss', ['-Htn', 'state', 'established', `( sport = :${port} )`], { encoding: 'utf8' })
      .trim().split('\n').filter(Boolean).map((l) => l.trim().split(/\s+/).at(-1)!).sort();
    expect(ours).toEqual(ss);
    expect(ours).toHaveLength(3);
    expect(seen.map((p) => p.port).sort()).toEqual(later.map((s) => s.localPort!).sort());
    for (const s of [before, ...later]) s.destroy();
    server.close();
  });
});
