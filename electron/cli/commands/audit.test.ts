// `port-doctor audit` with the real socket table and the real firewall reader: a socket this test
// binds to every network shows in the farthest group, one bound to loopback in "only this computer".
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSchema } from '../../../shared/channels/audit';
import { memoryIo } from '../memory-io.test-util';
import { runCli } from '../main';

const capture = () => memoryIo();

const wide = net.createServer();
const local = net.createServer();
let widePort = 0;
let localPort = 0;
beforeAll(async () => {
  await new Promise<void>((r) => wide.listen(0, '0.0.0.0', r));
  await new Promise<void>((r) => local.listen(0, '127.0.0.1', r));
  widePort = (wide.address() as net.AddressInfo).port;
  localPort = (local.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await new Promise((r) => wide.close(r));
  await new Promise((r) => local.close(r));
});

describe('port-doctor audit', () => {
  it('--json groups our two sockets by how far they reach', async () => {
    const c = capture();
    await runCli(['audit', '--json'], c.io);
    const audit = auditSchema.parse(JSON.parse(c.out()));
    const ours = (port: number) => audit.items.find((i) => i.port === port && i.pid === process.pid);
    expect(ours(widePort)).toMatchObject({ group: expect.stringMatching(/^(internet-if-forwarded|this-computer)$/), exposure: 'all', flagged: false });
    // Not blocked → the farthest group; blocked by this machine's own rules → this computer only, with the firewall saying so.
    const wideItem = ours(widePort)!;
    expect(wideItem.group === 'this-computer').toBe(wideItem.firewall.state === 'blocks');
    expect(ours(localPort)).toMatchObject({ group: 'this-computer', exposure: 'loopback' });
    expect(audit.counts['this-computer'] + audit.counts['your-network'] + audit.counts['internet-if-forwarded']).toBe(audit.items.length);
  });

  it('text names the three groups and our loopback socket under only this computer', async () => {
    const c = capture();
    await runCli(['audit'], c.io);
    const text = c.out();
    const local = text.indexOf('Only this computer (');
    expect(text.indexOf('Your network and, if forwarded, the internet (')).toBeGreaterThanOrEqual(0);
    expect(text.indexOf('Your network (')).toBeGreaterThan(0);
    expect(local).toBeGreaterThan(0);
    expect(text.slice(local)).toContain(`tcp 127.0.0.1:${localPort}`);
  });

  it('refuses arguments', async () => {
    expect(await runCli(['audit', 'extra'], capture().io)).toBe(2);
  });
});
