// The held-port watcher. On Linux against the real socket table (`ss` as the oracle); for macOS
// and Windows, the real parsers and the real polling loop fed a sequence of recorded command
// outputs through the command-runner seam — a fixture test of parser + polling, since netstat and
// PowerShell of those systems cannot run here.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import type { CommandOutcome, CommandRunner } from '../os/command';
import { darwinConnectionTable } from '../listeners/darwin/connections';
import { linuxConnectionTable } from '../listeners/linux/connections';
import { windowsConnectionTable } from '../listeners/windows/connections';
import { MAX_FAILED_READS, watchTcpPeers, type TcpPeer } from './socket-watch';

const connect = (port: number) =>
  new Promise<net.Socket>((r) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => r(s));
  });

/** Resolves when `test()` holds, checked on every event-loop turn; fails the test after `ms`. */
async function until(test: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setImmediate(r));
  }
}

/**
 * A runner that answers with `script` in order (the last one from then on), counts calls, and
 * records whether two calls were ever in flight at once. Each call takes a few milliseconds, as a
 * real tool start would, so overlapping polls would show.
 */
function scripted(script: CommandOutcome[]) {
  const state = { calls: 0, inFlight: 0, overlapped: false, signals: [] as (AbortSignal | undefined)[] };
  const run: CommandRunner = async (r) => {
    const i = state.calls++;
    state.signals.push(r.signal);
    state.inFlight++;
    if (state.inFlight > 1) state.overlapped = true;
    await new Promise((res) => setTimeout(res, 3));
    state.inFlight--;
    return script[Math.min(i, script.length - 1)]!;
  };
  return { run, state };
}

const ok = (stdout: string): CommandOutcome => ({ kind: 'exited', exitCode: 0, stdout, stderr: '', truncated: false });
const hung: CommandOutcome = { kind: 'timed-out', stdout: '', stderr: '', timeoutMs: 5_000 };
const lines = (text: string) => text.split(/\r?\n/);
/** The recorded table with only the header lines and the rows whose text contains one of `keep`. */
const subset = (text: string, header: number, keep: string[]) => {
  const all = lines(text);
  return [...all.slice(0, header), ...all.slice(header).filter((l) => keep.some((k) => l.includes(k)))].join('\n');
};

describe.runIf(process.platform === 'linux')('watch on Linux /proc', () => {
  it('reports only connections made after the start, each once, the ones `ss` lists', async () => {
    const server = net.createServer(() => undefined);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    const before = await connect(port);
    const seen: TcpPeer[] = [];
    const stop = new AbortController();
    await watchTcpPeers({ port, table: linuxConnectionTable, signal: stop.signal, pollMs: 20, onPeer: (p) => seen.push(p), onFailure: (e) => { throw e; } });
    const later = [await connect(port), await connect(port)];
    await until(() => seen.length === 2);
    const ss = execFileSync('ss', ['-Htn', 'state', 'established', `( sport = :${port} )`], { encoding: 'utf8' })
      .trim().split('\n').filter(Boolean).map((l) => l.trim().split(/\s+/).at(-1)!).sort();
    expect(ss).toHaveLength(3);
    expect(ss).toEqual(expect.arrayContaining(seen.map((p) => `${p.address}:${p.port}`)));
    expect(seen.map((p) => p.port).sort()).toEqual(later.map((s) => s.localPort!).sort());
    expect(seen.every((p) => p.address === '127.0.0.1')).toBe(true);
    stop.abort();
    for (const s of [before, ...later]) s.destroy();
    server.close();
  });

  it('an IPv4 peer of a dual-stack listener is reported as plain IPv4', async () => {
    const server = net.createServer(() => undefined);
    await new Promise<void>((r) => server.listen(0, '::', r));
    const port = (server.address() as net.AddressInfo).port;
    const seen: TcpPeer[] = [];
    const stop = new AbortController();
    await watchTcpPeers({ port, table: linuxConnectionTable, signal: stop.signal, pollMs: 20, onPeer: (p) => seen.push(p), onFailure: (e) => { throw e; } });
    const c = await connect(port);
    await until(() => seen.length === 1);
    expect(seen).toEqual([{ address: '127.0.0.1', port: c.localPort }]);
    stop.abort();
    c.destroy();
    server.close();
  });
});

describe('watch on macOS netstat output (recorded)', () => {
  const table = readFileSync(new URL('../listeners/darwin/fixtures/netstat-anlW-tcp.txt', import.meta.url), 'utf8');

  it('baseline connections are no arrivals; each new remote ip:port is one arrival however many polls show it; one failed poll is tolerated', async () => {
    const { run, state } = scripted([
      ok(subset(table, 2, ['LISTEN', '203.0.113.77'])),
      ok(subset(table, 2, ['LISTEN', '203.0.113.77', '192.168.1.31'])),
      ok(subset(table, 2, ['LISTEN', '203.0.113.77', '192.168.1.31', '198.51.100.9', '198.51.100.10'])),
      hung,
      ok(subset(table, 2, ['LISTEN', '192.168.1.31', '198.51.100.9', '2001:db8:ffff::77'])),
      ok(table),
    ]);
    const seen: string[] = [];
    const failures: unknown[] = [];
    const stop = new AbortController();
    await watchTcpPeers({ port: 25565, table: darwinConnectionTable(run), signal: stop.signal, pollMs: 1, onPeer: (p) => seen.push(`${p.address}|${p.port}`), onFailure: (e) => failures.push(e) });
    await until(() => state.calls >= 8);
    stop.abort();
    const callsAtAbort = state.calls;
    expect(seen).toEqual([
      '192.168.1.31|50022', '198.51.100.9|61001', '2001:db8:ffff::77|49152',
      '198.51.100.11|61003', 'fe80::aa:bbff:fecc:ddee|53001', '127.0.0.1|53010', '::1|53120',
    ]);
    expect(failures).toEqual([]);
    expect(state.overlapped).toBe(false);
    expect(state.signals.every((s) => s === stop.signal)).toBe(true);
    await new Promise((r) => setTimeout(r, 30));
    expect(state.calls - callsAtAbort).toBeLessThanOrEqual(1);
  });

  it(`${MAX_FAILED_READS} failed polls in a row stop the watch and say why, once`, async () => {
    const { run, state } = scripted([ok(table), hung, ok('netstat: sysctl: Operation not permitted'), { kind: 'exited', exitCode: 1, stdout: '', stderr: 'netstat: kvm_open failed', truncated: false }]);
    const failures: unknown[] = [];
    await watchTcpPeers({ port: 25565, table: darwinConnectionTable(run), signal: new AbortController().signal, pollMs: 1, onPeer: () => undefined, onFailure: (e) => failures.push(e) });
    await until(() => failures.length === 1);
    await new Promise((r) => setTimeout(r, 30));
    expect(state.calls).toBe(1 + MAX_FAILED_READS);
    expect(failures).toEqual([expect.objectContaining({ code: 'COMMAND_FAILED', detail: 'netstat exited with code 1: netstat: kvm_open failed' })]);
  });

  it('a first read that fails rejects: the caller says it cannot watch', async () => {
    const { run } = scripted([ok('')]);
    await expect(watchTcpPeers({ port: 25565, table: darwinConnectionTable(run), signal: new AbortController().signal, onPeer: () => undefined, onFailure: () => undefined }))
      .rejects.toThrow(/netstat output is not a socket table: the output was empty/);
  });
});

describe('watch on Windows output (recorded)', () => {
  const de = readFileSync(new URL('../listeners/windows/fixtures/netstat-ano-conn-de.txt', import.meta.url), 'latin1');
  const ps = readFileSync(new URL('../listeners/windows/fixtures/powershell-connections.json', import.meta.url), 'utf8');

  it('German netstat polls: new connections once each, localized words never read', async () => {
    const { run, state } = scripted([
      ok(subset(de, 4, ['0:0 ', '203.0.113.77'])),
      ok(subset(de, 4, ['0:0 ', '203.0.113.77', '[2001:db8:ffff::77]'])),
      ok(subset(de, 4, ['0:0 ', '203.0.113.77', '[2001:db8:ffff::77]'])),
      ok(subset(de, 4, ['0:0 ', '198.51.100.9', '198.51.100.10'])),
    ]);
    const seen: string[] = [];
    const stop = new AbortController();
    await watchTcpPeers({ port: 25565, table: windowsConnectionTable(run), signal: stop.signal, pollMs: 1, onPeer: (p) => seen.push(`${p.address}|${p.port}`), onFailure: (e) => { throw e; } });
    await until(() => state.calls >= 6);
    stop.abort();
    expect(seen).toEqual(['2001:db8:ffff::77|49152', '198.51.100.9|61001']);
    expect(state.overlapped).toBe(false);
  });

  it('PowerShell after netstat failed: an IPv4-mapped peer arrives as plain IPv4', async () => {
    const rows = JSON.parse(ps) as Array<{ RemoteAddress: string }>;
    const baseline = JSON.stringify(rows.filter((r) => !r.RemoteAddress.startsWith('::ffff:')));
    const outcomes = [ok(baseline), ok(ps)];
    let i = 0;
    const run: CommandRunner = async (r) => (r.file === 'netstat' ? { kind: 'not-installed', file: 'netstat' } : outcomes[Math.min(i++, 1)]!);
    const seen: TcpPeer[] = [];
    const stop = new AbortController();
    await watchTcpPeers({ port: 25565, table: windowsConnectionTable(run), signal: stop.signal, pollMs: 1, onPeer: (p) => seen.push(p), onFailure: (e) => { throw e; } });
    await until(() => seen.length === 1);
    stop.abort();
    expect(seen).toEqual([{ address: '198.51.100.12', port: 61004 }]);
  });
});

describe('cancel', () => {
  it('an abort during a slow read ends the watch without a failure report', async () => {
    const table = readFileSync(new URL('../listeners/darwin/fixtures/netstat-anlW-tcp.txt', import.meta.url), 'utf8');
    let calls = 0;
    let inFlight: (() => void) | null = null;
    const run: CommandRunner = async (r) => {
      if (calls++ === 0) return ok(table);
      // A tool that only ends when cancelled, as the real runner rejects with CANCELLED on abort.
      return new Promise((_, reject) => {
        inFlight = () => reject(Object.assign(new Error('cancelled'), { code: 'CANCELLED' }));
        r.signal?.addEventListener('abort', inFlight, { once: true });
      });
    };
    const failures: unknown[] = [];
    const stop = new AbortController();
    await watchTcpPeers({ port: 25565, table: darwinConnectionTable(run), signal: stop.signal, pollMs: 1, onPeer: () => undefined, onFailure: (e) => failures.push(e) });
    await until(() => inFlight !== null);
    stop.abort();
    await new Promise((r) => setTimeout(r, 30));
    expect(failures).toEqual([]);
    expect(calls).toBe(2);
  });
});
