// lsof -F parser on recorded macOS output, plus round trip and garbage properties.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CommandRunner } from '../run-command';
import { collectDarwin, LSOF_TCP_ARGS, LSOF_UDP_ARGS } from './collect';
import { parseLsof, splitEndpoint } from './lsof';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('parseLsof', () => {
  it('reads TCP listeners: wildcard per family, loopback, names with spaces', () => {
    const rows = parseLsof(fixture('lsof-tcp-listen.txt'));
    expect(rows.map((r) => [r.pid, r.process, r.user, r.protocol, r.family, r.address, r.port])).toEqual([
      [321, 'ControlCenter', 'alice', 'tcp', 4, '0.0.0.0', 7000],
      [321, 'ControlCenter', 'alice', 'tcp', 6, '::', 7000],
      [588, 'rapportd', 'alice', 'tcp', 4, '0.0.0.0', 49152],
      [1842, 'java', 'alice', 'tcp', 6, '::', 25565],
      [2201, 'Code Helper (Plugin)', 'alice', 'tcp', 4, '127.0.0.1', 49301],
      [2201, 'Code Helper (Plugin)', 'alice', 'tcp', 6, '::1', 49301],
    ]);
  });

  it('reads UDP sockets, drops connected and unbound ones and zone ids', () => {
    const rows = parseLsof(fixture('lsof-udp.txt'));
    expect(rows.map((r) => `${r.pid} ${r.user} ${r.family} ${r.address} ${r.port}`)).toEqual([
      '1 root 4 0.0.0.0 137',
      '302 _mdnsresponder 4 0.0.0.0 5353',
      '302 _mdnsresponder 6 :: 5353',
      '911 alice 6 fe80::1c2b:3d4e:5f60:7182 123',
    ]);
  });

  it('round trip: sockets written as lsof -F come back', () => {
    const sock = fc.record({
      pid: fc.integer({ min: 0, max: 4_000_000 }),
      process: fc.stringMatching(/^[A-Za-z0-9 ._()-]{1,20}$/),
      user: fc.stringMatching(/^[a-z_][a-z0-9_]{0,10}$/),
      protocol: fc.constantFrom('tcp' as const, 'udp' as const),
      v4: fc.boolean(),
      port: fc.integer({ min: 0, max: 65535 }),
      fd: fc.nat(1000),
    });
    fc.assert(
      fc.property(fc.array(sock, { maxLength: 20 }), (socks) => {
        const text = socks
          .map((s) => [`p${s.pid}`, `c${s.process}`, `L${s.user}`, `f${s.fd}`, `t${s.v4 ? 'IPv4' : 'IPv6'}`, `P${s.protocol.toUpperCase()}`, `n${s.v4 ? '10.0.0.7' : '[2001:db8::7]'}:${s.port}`].join('\n'))
          .join('\n');
        expect(parseLsof(`${text}\n`)).toEqual(
          socks.map((s) => ({ pid: s.pid, process: s.process, user: s.user, protocol: s.protocol, family: s.v4 ? 4 : 6, address: s.v4 ? '10.0.0.7' : '2001:db8::7', port: s.port })),
        );
      }),
    );
  });

  it('never throws on garbage, never yields an out-of-range port', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (junk) => {
        for (const r of parseLsof(junk + fixture('lsof-udp.txt') + junk)) expect(r.port).toBeLessThanOrEqual(65535);
      }),
    );
    expect(splitEndpoint('*:70000')).toBeNull();
    expect(splitEndpoint('[::1:80')).toBeNull();
  });
});

describe('collectDarwin', () => {
  it('makes two lsof calls (TCP LISTEN, UDP) and one ps call for command lines', async () => {
    const calls: string[] = [];
    const run: CommandRunner = async (file, args) => {
      calls.push(`${file} ${args.join(' ')}`);
      if (file === 'ps') return { stdout: fixture('ps-commands.txt'), exitCode: 0 };
      return { stdout: fixture(args.includes('-iTCP') ? 'lsof-tcp-listen.txt' : 'lsof-udp.txt'), exitCode: 0 };
    };
    const { listeners, source } = await collectDarwin({}, run);
    expect(source).toBe('lsof');
    expect(calls.slice(0, 2)).toEqual([`lsof ${LSOF_TCP_ARGS.join(' ')}`, `lsof ${LSOF_UDP_ARGS.join(' ')}`]);
    expect(calls[2]).toMatch(/^ps -ww -o pid= -o command= -p [\d,]+$/);
    const java = listeners.find((l) => l.port === 25565)!;
    expect(java).toMatchObject({ process: 'java', command: '/usr/bin/java -Xmx4G -jar server.jar nogui', exposure: 'all', service: 'minecraft', privileged: false });
    expect(listeners.find((l) => l.port === 137)).toMatchObject({ protocol: 'udp', user: 'root', privileged: true, category: 'well-known' });
  });

  it('treats lsof exit 1 with no output as "nothing listening", other failures as errors', async () => {
    const empty: CommandRunner = async () => ({ stdout: '', exitCode: 1 });
    expect((await collectDarwin({}, empty)).listeners).toEqual([]);
    const broken: CommandRunner = async () => ({ stdout: '', exitCode: 2 });
    await expect(collectDarwin({}, broken)).rejects.toMatchObject({ code: 'COMMAND_FAILED' });
  });
});
