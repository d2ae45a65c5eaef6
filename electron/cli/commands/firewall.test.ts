// `port-doctor firewall` and `network` argument handling: every caller mistake is exit 2 with a specific message.
import { describe, expect, it } from 'vitest';
import { runCli } from '../main';
import { memoryIo } from '../memory-io.test-util';

async function cli(args: string[]) {
  const m = memoryIo();
  const code = await runCli(args, m.io);
  return { code, out: m.out(), err: m.err() };
}

describe('port-doctor firewall arguments', () => {
  it.each([
    [[], 'missing argument'],
    [['0'], 'Port 0 means "any free port"'],
    [['65536/tcp'], '65536 is not a port: ports go from 1 to 65535.'],
    [['80/sctp'], "'/sctp' is not a protocol Port Doctor checks: write /tcp or /udp."],
    [['80', '81'], "unexpected argument '81'"],
    [['80', '--program'], "--program"],
    [['80', '--program', ' '], '--program needs a path'],
    [['80', '--bogus'], "Unknown option '--bogus'"],
  ])('%j → exit 2 (%s)', async (args, message) => {
    const r = await cli(['firewall', ...args]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err).toContain('Usage: port-doctor firewall <port>[/tcp|/udp]');
    expect(r.out).toBe('');
  });
});

describe('port-doctor network arguments', () => {
  it.each([
    [['extra'], "Unexpected argument 'extra'"],
    [['--stun', 'a:1', '--stun', 'b:2', '--stun', 'c:3', '--stun', 'd:4'], '--stun: at most 3 servers'],
    [['--stun', 'host:99999'], '--stun: STUN server must be host[:port]'],
    [['--companion', 'ftp://x'], '--companion: companion URL must be http(s)'],
    [['--companion'], '--companion'],
  ])('%j → exit 2 (%s)', async (args, message) => {
    const r = await cli(['network', ...args]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err).toContain('Usage: port-doctor network');
  });
});
