// macOS connection table on recorded `netstat -anlW -p tcp` output (column widths as Apple's netstat prints them).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import type { CommandRequest, CommandRunner } from '../../os/command';
import { ConnectionTableFormatError } from '../connections';
import { NETSTAT_DARWIN_ARGS, darwinConnectionTable, parseDarwinNetstat, splitDotted } from './connections';

const fixture = readFileSync(new URL('./fixtures/netstat-anlW-tcp.txt', import.meta.url), 'utf8');
const ends = (rows: { remoteAddress: string; remotePort: number }[]) => rows.map((r) => `${r.remoteAddress}|${r.remotePort}`);

describe('parseDarwinNetstat', () => {
  it('lists the remote ends connected to the port: IPv4, IPv6 (zone dropped), loopback; TIME_WAIT and closing states count', () => {
    expect(ends(parseDarwinNetstat(fixture, 25565))).toEqual([
      '203.0.113.77|51234', '192.168.1.31|50022', '198.51.100.9|61001', '198.51.100.11|61003',
      '2001:db8:ffff::77|49152', 'fe80::aa:bbff:fecc:ddee|53001', '127.0.0.1|53010', '::1|53120',
    ]);
  });

  it('leaves out listeners, half-open handshakes (SYN_RCVD), outgoing SYN_SENT and other local ports', () => {
    const rows = ends(parseDarwinNetstat(fixture, 25565));
    expect(rows).not.toContain('198.51.100.10|61002');
    expect(rows).not.toContain('203.0.113.80|25565');
    expect(rows).not.toContain('127.0.0.1|25565');
    expect(parseDarwinNetstat(fixture, 7000)).toEqual([]);
    expect(parseDarwinNetstat(fixture, 443)).toEqual([]);
  });

  it('keeps the local address, and an IPv4-mapped peer as written (the watcher makes it plain)', () => {
    expect(parseDarwinNetstat(fixture, 25565)[0]).toEqual({ remoteAddress: '203.0.113.77', remotePort: 51234, localAddress: '192.168.1.20' });
    // Defensive: Apple's netstat prints v4 peers of a dual-stack socket as tcp4, but a mapped form must not break the split.
    const mapped = 'tcp6       0      0  ::ffff:192.168.1.20.25565   ::ffff:203.0.113.5.40000    ESTABLISHED\n';
    expect(parseDarwinNetstat(mapped, 25565)).toEqual([{ remoteAddress: '::ffff:203.0.113.5', remotePort: 40000, localAddress: '::ffff:192.168.1.20' }]);
  });

  it('a header with no rows is an empty table; empty or foreign text is a clear error', () => {
    expect(parseDarwinNetstat(fixture.split('\n').slice(0, 2).join('\n'), 25565)).toEqual([]);
    for (const bad of ['', '\n\n', 'netstat: sysctl: net.inet.tcp.pcblist_n: Operation not permitted\n', '<html>proxy error</html>', 'tcp4 0 0 nonsense']) {
      expect(() => parseDarwinNetstat(bad, 25565)).toThrow(ConnectionTableFormatError);
    }
    expect(() => parseDarwinNetstat('', 1)).toThrow(/netstat output is not a socket table: the output was empty/);
    expect(() => parseDarwinNetstat('Usage: netstat [-AaLlnW]\n', 1)).toThrow(/it began "Usage: netstat/);
  });

  it('round trip: generated rows in netstat columns come back exactly; hostile text never throws anything but the format error', () => {
    const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((b) => b.join('.'));
    const v6 = fc.ipV6().map((a) => a.toLowerCase());
    const row = fc.record({
      v6: fc.boolean(), local: v4, remote: v4, local6: v6, remote6: v6,
      lport: fc.integer({ min: 1, max: 65535 }), rport: fc.integer({ min: 1, max: 65535 }),
      state: fc.constantFrom('ESTABLISHED', 'TIME_WAIT', 'LISTEN', 'SYN_RCVD'),
    });
    fc.assert(fc.property(fc.array(row, { maxLength: 20 }), fc.integer({ min: 1, max: 65535 }), (rows, port) => {
      const text = ['Proto Recv-Q Send-Q  Local Address  Foreign Address  (state)', ...rows.map((r) =>
        `${r.v6 ? 'tcp6 ' : 'tcp4 '}      0      0  ${r.v6 ? r.local6 : r.local}.${r.lport}  ${r.v6 ? r.remote6 : r.remote}.${r.rport}  ${r.state}`)].join('\n');
      const want = rows.filter((r) => r.lport === port && (r.state === 'ESTABLISHED' || r.state === 'TIME_WAIT'))
        .map((r) => `${r.v6 ? r.remote6 : r.remote}|${r.rport}`);
      expect(ends(parseDarwinNetstat(text, port))).toEqual(want);
    }));
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (junk) => {
      try {
        parseDarwinNetstat(junk, 25565);
      } catch (e) {
        expect(e).toBeInstanceOf(ConnectionTableFormatError);
      }
    }));
  });

  it('splitDotted reads the port after the last dot; `*` is port 0; junk is null', () => {
    expect(splitDotted('fe80::1%lo0.1023')).toEqual({ host: 'fe80::1%lo0', port: 1023 });
    expect(splitDotted('*.*')).toEqual({ host: '*', port: 0 });
    for (const bad of ['', '.80', '1.2.3.4.70000', '1.2.3.4.x', 'noport']) expect(splitDotted(bad)).toBeNull();
  });
});

describe('darwinConnectionTable through the command runner seam', () => {
  it('runs netstat with -anlW -p tcp and a deadline, passes the signal, parses the recorded output', async () => {
    const seen: CommandRequest[] = [];
    const run: CommandRunner = async (r) => (seen.push(r), { kind: 'exited', exitCode: 0, stdout: fixture, stderr: '', truncated: false });
    const signal = new AbortController().signal;
    const rows = await darwinConnectionTable(run).read(25565, signal);
    expect(rows).toHaveLength(8);
    expect(seen).toEqual([expect.objectContaining({ file: 'netstat', args: NETSTAT_DARWIN_ARGS, signal })]);
    expect(seen[0]!.timeoutMs).toBeGreaterThan(0);
  });

  it('a missing tool, a failed run, a hang and a flood each reject with their own AppError', async () => {
    const table = (outcome: Awaited<ReturnType<CommandRunner>>) => darwinConnectionTable(async () => outcome).read(1, new AbortController().signal);
    await expect(table({ kind: 'not-installed', file: 'netstat' })).rejects.toMatchObject({ code: 'COMMAND_FAILED', detail: 'netstat is not installed' });
    await expect(table({ kind: 'exited', exitCode: 1, stdout: '', stderr: 'netstat: sysctl failed\n', truncated: false })).rejects.toMatchObject({ code: 'COMMAND_FAILED', detail: 'netstat exited with code 1: netstat: sysctl failed' });
    await expect(table({ kind: 'timed-out', stdout: '', stderr: '', timeoutMs: 5000 })).rejects.toMatchObject({ code: 'TIMEOUT' });
    await expect(table({ kind: 'exited', exitCode: 0, stdout: fixture, stderr: '', truncated: true })).rejects.toBeInstanceOf(AppError);
  });
});
