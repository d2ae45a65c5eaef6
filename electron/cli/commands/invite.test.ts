// `invite` and `reach` as a user runs them: NDJSON events, exit codes, the terminal QR code, argument mistakes.
// Loopback only: the public address comes from a STUN answerer on 127.0.0.1 (never a public server).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../memory-io.test-util';
import { runCli } from '../main';
import { freePort, loopbackStun } from '../../services/vantage/test-helpers';

let stun: Awaited<ReturnType<typeof loopbackStun>>;
beforeAll(async () => {
  stun = await loopbackStun();
});
afterAll(() => stun.close());

const io = (onOut?: (text: string) => void) => memoryIo({ onOut });

describe('port-doctor invite / reach', () => {
  it('--json: ready, then one arrival per reach, then end; exit 0 on the count; reach exits 0 acknowledged', async () => {
    const port = await freePort();
    let codeSeen: (code: string) => void = () => undefined;
    const code = new Promise<string>((r) => (codeSeen = r));
    const inv = io((t) => {
      const first = JSON.parse(t.split('\n')[0]!) as { event: string; code?: string };
      if (first.event === 'ready' && first.code) codeSeen(first.code);
    });
    const running = runCli(['invite', `${port}/udp`, '--json', '--stun', stun.server, '--timeout', '20'], inv.io);
    const friend = io();
    expect(await runCli(['reach', await code, '--json'], friend.io)).toBe(0);
    expect(JSON.parse(friend.out())).toMatchObject({ target: `127.0.0.1:${port}`, protocol: 'udp', outcome: 'acknowledged' });
    expect(await running).toBe(0);
    const events = inv.out().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events.map((e) => e.event)).toEqual(['ready', 'arrival', 'end']);
    expect(events[0]).toMatchObject({ port, protocol: 'udp', lan: null, public: null, publicAddress: '127.0.0.1', mode: 'test-listener' });
    expect(events[0]).not.toHaveProperty('testId');
    expect(events[1]).toMatchObject({ from: expect.stringMatching(/^127\.0\.0\.1:\d+$/), path: 'hairpin', via: 'code' });
    expect(events[2]).toEqual({ event: 'end', endedBy: 'count', arrivals: 1, watchError: null });
  });

  it('human mode: a terminal QR code and the links; exit 1 when the time is up with no arrival', async () => {
    const port = await freePort();
    const inv = io();
    expect(await runCli(['invite', String(port), '--stun', stun.server, '--timeout', '5'], inv.io)).toBe(1);
    expect(inv.out()).toMatch(/[▀▄█]{20}/);
    expect(inv.out()).toMatch(new RegExp(`http://127\\.0\\.0\\.1:${port}/[A-Za-z0-9_-]{22}`));
    expect(inv.out()).toContain('Friend code');
    expect(inv.out()).toContain('Time is up and nothing arrived');
  }, 15_000);

  it.each([
    [['invite'], /missing argument/],
    [['invite', '70000'], /70000 is not a port: ports go from 1 to 65535/],
    [['invite', '80/sctp'], /'\/sctp' is not a protocol Port Doctor checks/],
    [['invite', '8080', '--timeout', '1'], /--timeout must be between 5 and 3600/],
    [['invite', '8080', '--count', '0'], /--count must be between 1 and 1000/],
    [['invite', '8080', '--stun', 'a:b:c'], /--stun: STUN server must be host\[:port\]/],
    [['invite', '8080', '--companion', 'ftp://x'], /--companion: companion URL must be http/],
    [['reach'], /missing argument/],
    [['reach', 'PD-ABC'], /too short/],
    [['reach', 'hello world!'], /character/],
  ])('%j is a usage error (exit 2): %s', async (args, message) => {
    const r = io();
    expect(await runCli(args, r.io)).toBe(2);
    expect(r.err()).toMatch(message);
  });
});
