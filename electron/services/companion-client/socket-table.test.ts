// The socket-table watcher: reads only while the check is in flight, one read at a time, and the
// Linux reader sees a real connection this test makes.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { linuxConnectionTable } from '../listeners/linux/connections';
import { tableConnections, watchConnections, type TcpConnection } from './socket-table';

describe('tableConnections', () => {
  it('no table for this OS reads as null; rows carry the port asked for, IPv4-mapped peers as IPv4', async () => {
    expect(await tableConnections(null)(7777)).toBeNull();
    const table = { source: 'netstat' as const, pollMs: 500, read: async () => [
      { remoteAddress: '::ffff:203.0.113.5', remotePort: 40000, localAddress: '::ffff:192.168.1.20' },
      { remoteAddress: '2001:db8::5', remotePort: 40001, localAddress: '2001:db8::20' },
    ] };
    expect(await tableConnections(table)(7777)).toEqual([
      { localPort: 7777, remoteAddress: '203.0.113.5', remotePort: 40000 },
      { localPort: 7777, remoteAddress: '2001:db8::5', remotePort: 40001 },
    ]);
  });
});

describe('watchConnections', () => {
  it('reads while `during` runs and once after, never two reads at once, nothing after it returns', async () => {
    let reads = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    let finished = false;
    const read = async (): Promise<TcpConnection[]> => {
      if (finished) throw new Error('read after the watch ended');
      reads++;
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return [{ localPort: 1, remoteAddress: '203.0.113.5', remotePort: 40000 + (reads % 3) }];
    };
    const { result, seen } = await watchConnections(read, 1, 1, () => new Promise<string>((r) => setTimeout(() => r('done'), 100)));
    finished = true;
    expect(result).toBe('done');
    expect(maxInFlight).toBe(1);
    expect(reads).toBeGreaterThan(3);
    expect(seen!.map((c) => c.remotePort).sort()).toEqual([40000, 40001, 40002]);
    await new Promise((r) => setTimeout(r, 30));
  });

  it('null from the reader (no reader on this OS) stops polling and reports null', async () => {
    let reads = 0;
    const { seen } = await watchConnections(async () => (reads++, null), 1, 1, () => new Promise((r) => setTimeout(r, 50)));
    expect(seen).toBeNull();
    expect(reads).toBe(1);
  });

  it('the check\'s own failure wins over a failing read; a failing read fails a check that succeeded', async () => {
    const failingRead = () => Promise.reject(new Error('EACCES /proc/net/tcp'));
    await expect(watchConnections(failingRead, 1, 1, () => Promise.reject(new Error('companion down')))).rejects.toThrow('companion down');
    await expect(watchConnections(failingRead, 1, 1, () => Promise.resolve(1))).rejects.toThrow('EACCES');
  });
});

describe.runIf(process.platform === 'linux')('tableConnections over the Linux table', () => {
  it('sees a connection to a port this test listens on, from the peer\'s address and port', async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    const client = net.connect({ host: '127.0.0.1', port });
    await new Promise((r) => client.once('connect', r));
    try {
      const rows = await tableConnections(linuxConnectionTable)(port);
      expect(rows).toContainEqual({ localPort: port, remoteAddress: '127.0.0.1', remotePort: client.localPort });
    } finally {
      client.destroy();
      await new Promise((r) => server.close(r));
    }
  });
});
