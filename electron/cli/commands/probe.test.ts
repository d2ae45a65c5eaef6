// `port-doctor probe` through runCli, against loopback sockets this test opens.
import dgram from 'node:dgram';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../memory-io.test-util';
import { runCli } from '../main';
import { probeCommand, renderTable } from './probe';
import { localNotes } from './probe-local';

async function cli(argv: string[], tty = false) {
  const m = memoryIo({ stderrIsTTY: tty });
  const code = await runCli(argv, m.io, [probeCommand]);
  return { code, out: m.out(), err: m.err() };
}

describe('probe table', () => {
  it('names a game port by its game, IANA\'s registration second', () => {
    const text = renderTable({ host: 'h', address: 'h', family: 4, cancelled: false, durationMs: 5, results: [{ port: 2458, protocol: 'udp', state: 'open|filtered', reason: 'no-response', rttMs: null, service: null }] });
    expect(text).toMatch(/^2458\/udp\s+open\|filtered\s+no-response\s+-\s+valheim \(IANA: griffin\)$/m);
  });
});

describe('port-doctor probe', () => {
  const server = net.createServer((c) => c.destroy());
  let open = 0;
  let closed = 0;
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    open = (server.address() as net.AddressInfo).port;
    const gone = net.createServer();
    await new Promise<void>((r) => gone.listen(0, '127.0.0.1', r));
    closed = (gone.address() as net.AddressInfo).port;
    await new Promise((r) => gone.close(r));
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('--json prints exactly the documented shape', async () => {
    const { code, out, err } = await cli(['probe', '127.0.0.1', `${open},${closed}`, '--json']);
    expect(code).toBe(0);
    expect(err).toBe('');
    const doc = JSON.parse(out);
    expect(Object.keys(doc)).toEqual(['host', 'address', 'thisComputer', 'results']);
    expect(doc.host).toBe('127.0.0.1');
    expect(doc.address).toBe('127.0.0.1');
    expect(doc.thisComputer).toBe(true);
    for (const r of doc.results) expect(Object.keys(r)).toEqual(['port', 'protocol', 'state', 'reason', 'rttMs', 'service', 'local']);
    const byPort = Object.fromEntries(doc.results.map((r: { port: number; state: string; reason: string }) => [r.port, `${r.state} ${r.reason}`]));
    expect(byPort).toEqual({ [open]: 'open syn-ack', [closed]: 'closed conn-refused' });
  });

  it('resolves a host name once and reports the address used', async () => {
    const { out } = await cli(['probe', 'localhost', String(open), '--json']);
    const doc = JSON.parse(out);
    expect(doc.host).toBe('localhost');
    expect(['127.0.0.1', '::1']).toContain(doc.address);
  });

  it('draws a progress line on stderr only when stderr is a terminal', async () => {
    const quiet = await cli(['probe', '127.0.0.1', String(open)]);
    expect(quiet.err).toBe('');
    expect(quiet.out).toMatch(new RegExp(`^${open}/tcp\\s+open\\s+syn-ack`, 'm'));
    const tty = await cli(['probe', '127.0.0.1', String(open)], true);
    expect(tty.err).toContain('probing 127.0.0.1: 1/1 ports, 1 open');
    expect(tty.err.endsWith('\r\x1b[K')).toBe(true);
  });

  it.each([
    [['probe', '127.0.0.1', '0'], /Port 0 means "any free port"/],
    [['probe', '127.0.0.1', '80-70'], /runs backwards/],
    [['probe', '127.0.0.1'], /missing <ports>/],
    [['probe', '127.0.0.1', '80', '--timeout', '10'], /--timeout must be between 50 and 30000/],
    [['probe', '127.0.0.1', '80', '--concurrency', 'x'], /--concurrency must be a whole number/],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    const { code, err } = await cli(argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  it('an unknown host name is a failure with a sentence, not a crash', async () => {
    const { code, out } = await cli(['probe', 'no-such-host.invalid', '80', '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(out).error.code).toBe('HOST_NOT_FOUND');
  });
});

describe('port-doctor probe on this computer ties verdicts to local listeners (issue 16 item 14)', () => {
  const v4only = net.createServer((c) => c.destroy());
  const silent = dgram.createSocket('udp4');
  let tcpPort = 0;
  let udpPort = 0;
  beforeAll(async () => {
    await new Promise<void>((r) => v4only.listen(0, '127.0.0.1', r));
    tcpPort = (v4only.address() as net.AddressInfo).port;
    await new Promise<void>((r) => silent.bind(0, '127.0.0.1', r));
    udpPort = silent.address().port;
  });
  afterAll(async () => {
    await new Promise((r) => v4only.close(r));
    silent.close();
  });

  it('::1 "closed" while the server listens on IPv4 only: says so and where to connect', async () => {
    const { code, out } = await cli(['probe', '::1', String(tcpPort)]);
    expect(code).toBe(0);
    expect(out).toMatch(new RegExp(`^${tcpPort}/tcp\\s+closed`, 'm'));
    expect(out).toContain('On this computer:');
    expect(out).toContain(`${tcpPort}/tcp: A program on this computer (`);
    expect(out).toContain(`pid ${process.pid}`);
    expect(out).toContain(`listens on port ${tcpPort} over IPv4 only (127.0.0.1): connect to 127.0.0.1 instead of ::1`);
    const doc = JSON.parse((await cli(['probe', '::1', String(tcpPort), '--json'])).out);
    expect(doc.thisComputer).toBe(true);
    expect(doc.results[0].state).toBe('closed');
    expect(doc.results[0].local).toMatch(/over IPv4 only \(127\.0\.0\.1\): connect to 127\.0\.0\.1 instead of ::1/);
  });

  it('a UDP port a local program holds but does not answer: "holds this port but did not answer the probe"', async () => {
    const doc = JSON.parse((await cli(['probe', '127.0.0.1', String(udpPort), '--udp', '--timeout', '300', '--json'])).out);
    expect(doc.results[0].state).toBe('open|filtered');
    expect(doc.results[0].local).toMatch(new RegExp(`^A program on this computer \\(.*pid ${process.pid}\\) holds this port but did not answer the probe`));
    const { out } = await cli(['probe', '127.0.0.1', String(udpPort), '--udp', '--timeout', '300']);
    expect(out).toMatch(new RegExp(`^  ${udpPort}/udp: A program on this computer .* holds this port but did not answer the probe`, 'm'));
  });

  it('an open port names the program that answered', async () => {
    const doc = JSON.parse((await cli(['probe', '127.0.0.1', String(tcpPort), '--json'])).out);
    expect(doc.results[0].local).toMatch(new RegExp(`^Answered by .*pid ${process.pid} on this computer\\.$`));
  });

  it('a host that is not this computer gets no note and no socket-table read (nothing is probed here)', async () => {
    const { io } = memoryIo({ signal: AbortSignal.abort() });
    // An aborted signal would fail any socket-table read: the answer shows none was attempted.
    const notes = await localNotes({ address: '203.0.113.5', family: 4, results: [{ port: tcpPort, protocol: 'tcp', state: 'closed', reason: 'conn-refused', rttMs: 1, service: null }] }, io, () => new Set(['127.0.0.1']));
    expect(notes).toEqual({ thisComputer: false, notes: [null] });
  });
});
