// `port-doctor port` through the CLI dispatcher, with the real socket table: a port this test opens
// is reported as listening by this very process; bad input exits 2 with a sentence naming the mistake.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portsLookupResponseSchema } from '../../../shared/channels/ports';
import { memoryIo } from '../memory-io.test-util';
import { runCli } from '../main';

const capture = () => memoryIo();

const server = net.createServer();
let port = 0;
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('port-doctor port', () => {
  it('names this process as listening on a port it opened, this computer only', async () => {
    const c = capture();
    expect(await runCli(['port', `${port}/tcp`], c.io)).toBe(0);
    expect(c.out()).toContain(`${port}/tcp`);
    expect(c.out()).toContain('  Listening now: ');
    expect(c.out()).toContain(`(pid ${process.pid}) on 127.0.0.1 — this computer only`);
  });

  it('--json is the documented document', async () => {
    const c = capture();
    expect(await runCli(['port', String(port), '--json'], c.io)).toBe(0);
    const doc = portsLookupResponseSchema.parse(JSON.parse(c.out()));
    expect(doc.listening.state).toBe('yes');
    expect(doc.entries.find((e) => e.protocol === 'tcp')?.listeningNow).toEqual([expect.objectContaining({ pid: process.pid, address: '127.0.0.1', exposure: 'loopback' })]);
    expect(doc.entries.find((e) => e.protocol === 'udp')?.listeningNow).toEqual([]);
  });

  it('a risky port carries the risk, the fix and the sources', async () => {
    const c = capture();
    expect(await runCli(['port', '6379/tcp'], c.io)).toBe(0);
    expect(c.out()).toMatch(/Risk: +Attacked when exposed \(Redis\)/);
    expect(c.out()).toMatch(/Fix: +Bind it to 127\.0\.0\.1/);
    expect(c.out()).toContain('https://redis.io/');
  });

  it('an unknown name exits 1 and says so', async () => {
    const c = capture();
    expect(await runCli(['port', 'zzqqxx'], c.io)).toBe(1);
    expect(c.out()).toBe("No port is known by the name 'zzqqxx'.\n");
  });

  it.each([
    ['-1', '-1 is not a port: ports go from 0 to 65535, never below 0.'],
    ['65536', 'Port 65536 is too large: ports go from 0 to 65535.'],
    ['abc-', "'abc-' is not a port (25565), a range (27015-27030) or a name (minecraft, rdp)"],
    ['1-65535', 'The range 1-65535 has 65,535 ports; look up at most 1,024 at a time.'],
  ])('%s exits 2 with the reason and the usage line', async (arg, reason) => {
    const c = capture();
    expect(await runCli(['port', arg], c.io)).toBe(2);
    expect(c.err()).toContain(reason);
    expect(c.err()).toContain('Usage: port-doctor port');
    expect(c.out()).toBe('');
  });

  it('no argument exits 2', async () => {
    const c = capture();
    expect(await runCli(['port'], c.io)).toBe(2);
  });
});
