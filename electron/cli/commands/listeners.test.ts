// `listeners` and `who-has` through runCli, against sockets this test really opens.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../memory-io.test-util';
import { runCli } from '../main';
import { listenersCommand } from './listeners';
import { whoHasCommand } from './who-has';

const COMMANDS = [listenersCommand, whoHasCommand];

async function cli(...argv: string[]) {
  return cliWith({}, ...argv);
}

/** `onOut` sees everything written so far (to act between refreshes); `signal` stands for Ctrl-C. */
async function cliWith(o: { onOut?: (all: string) => void; signal?: AbortSignal }, ...argv: string[]) {
  const m = memoryIo({ signal: o.signal, onOut: o.onOut && ((_piece, all) => o.onOut?.(all)) });
  const code = await runCli(argv, m.io, COMMANDS);
  return { code, out: m.out(), err: m.err() };
}

describe.runIf(process.platform === 'linux')('listeners / who-has', () => {
  const server = net.createServer();
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('--json prints exactly the documented row shape', async () => {
    const { code, out } = await cli('listeners', '--json', '--tcp', '--port', String(port));
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(Object.keys(doc)).toEqual(['listeners']);
    expect(doc.listeners).toHaveLength(1);
    const row = doc.listeners[0];
    expect(Object.keys(row)).toEqual(['protocol', 'family', 'address', 'port', 'pid', 'process', 'command', 'user', 'exposure', 'category', 'service']);
    expect(row).toMatchObject({ protocol: 'tcp', family: 4, address: '127.0.0.1', port, pid: process.pid, exposure: 'loopback' });
  });

  it('--udp with our TCP port finds nothing; who-has exits 1 for a free port', async () => {
    const { out } = await cli('listeners', '--json', '--udp', '--port', String(port));
    expect(JSON.parse(out)).toEqual({ listeners: [] });
    const free = await cli('who-has', `${port}/udp`);
    expect(free.code).toBe(1);
    expect(free.out).toBe(`Nothing is listening on port ${port}/udp.\n`);
  });

  it('who-has prints an aligned table naming this process', async () => {
    const { code, out } = await cli('who-has', String(port));
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^PROTO +LOCAL ADDRESS +REACHABLE FROM +PID +PROGRAM +USER +SERVICE$/);
    expect(lines[1]).toContain(`127.0.0.1:${port}`);
    expect(lines[1]).toContain('this computer only');
    expect(lines[1]).toContain(String(process.pid));
    // Columns line up: each header word starts where its value starts.
    expect(lines[1]!.indexOf(String(process.pid))).toBe(lines[0]!.indexOf('PID'));
    expect(lines[1]!.indexOf('this computer')).toBe(lines[0]!.indexOf('REACHABLE'));
  });

  it('--watch --json writes one compact document per refresh, each the --json document', async () => {
    const once = JSON.parse((await cli('listeners', '--json', '--tcp', '--port', String(port))).out);
    const { code, out } = await cli('listeners', '--watch', '--interval', '0', '--count', '3', '--json', '--tcp', '--port', String(port));
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    for (const line of lines.slice(0, 3)) expect(JSON.parse(line)).toEqual(once);
  });

  it('--watch sees a socket opened and one closed between refreshes', async () => {
    const extra = net.createServer();
    let extraPort = -1;
    let docs = 0;
    const { code, out } = await cliWith(
      {
        onOut: (all) => {
          const n = all.split('\n').length - 1;
          if (n === docs) return;
          docs = n;
          // Opened after the first document, closed after the second (each refresh 0.3 s apart).
          if (n === 1) extra.listen(0, '127.0.0.1', () => (extraPort = (extra.address() as net.AddressInfo).port));
          if (n === 2) extra.close();
        },
      },
      'listeners', '--watch', '--interval', '0.3', '--count', '3', '--json', '--tcp',
    );
    expect(code).toBe(0);
    expect(extraPort).toBeGreaterThan(0);
    const docsRows = out.trim().split('\n').map((l) => (JSON.parse(l) as { listeners: Array<{ port: number; pid: number }> }).listeners);
    const extraRows = docsRows.map((rows) => rows.filter((r) => r.port === extraPort));
    expect(extraRows).toEqual([[], [expect.objectContaining({ pid: process.pid, address: '127.0.0.1' })], []]);
    expect(docsRows.every((rows) => rows.some((r) => r.port === port && r.pid === process.pid))).toBe(true);
  });

  it('--watch without --json prints a table per refresh; Ctrl-C between refreshes ends it with exit 0', async () => {
    const stop = new AbortController();
    const { code, out } = await cliWith(
      { signal: stop.signal, onOut: (all) => (all.includes('sockets\n') ? stop.abort() : undefined) },
      'listeners', '--watch', '--interval', '5', '--tcp', '--port', String(port),
    );
    expect(code).toBe(0);
    expect(out).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z: 1 sockets\nPROTO/);
    expect(out.match(/sockets\n/g)).toHaveLength(1);
  });

  it.each([
    [['--interval', '1'], '--interval and --count go with --watch'],
    [['--count', '2'], '--interval and --count go with --watch'],
    [['--watch', '--interval=-1'], '--interval must be a number of seconds'],
    [['--watch', '--interval', 'soon'], '--interval must be a number of seconds'],
    [['--watch', '--interval', '90000'], '--interval must be at most 86400 seconds'],
    [['--watch', '--count', '0'], '--count must be between 1'],
  ])('listeners %j exits 2: %s', async (args, message) => {
    const r = await cli('listeners', ...args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  it('usage mistakes exit 2', async () => {
    expect((await cli('listeners', '--port', '70000')).code).toBe(2);
    expect((await cli('listeners', 'extra')).code).toBe(2);
    expect((await cli('who-has')).code).toBe(2);
    expect((await cli('who-has', '80/sctp')).code).toBe(2);
  });
});

describe('who-has <port>[/proto]', () => {
  it.each([
    ['80/', "Nothing follows the '/' in '80/': write /tcp or /udp, or leave it out."],
    ['80/tcp/udp', "'80/tcp/udp' names more than one protocol: write one, like 80/tcp."],
    ['65536', '65536 is not a port: ports go from 1 to 65535.'],
  ])('%j: exit code 2 with the shared reader\'s sentence', async (spec, message) => {
    const r = await cli('who-has', spec);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });
});
