// CLI check/whoami against a real loopback companion: exact JSON shape, exit codes, usage errors.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompanion, type CompanionHandle } from '../../../companion/companion';
import { DEFAULT_CONFIG } from '../../../companion/config';
import { silentLogger } from '../../../companion/log';
import { parseCidrList } from '../../../companion/net-address';
import { runCli } from '../main';
import { memoryIo } from '../memory-io.test-util';

let c: CompanionHandle;
beforeAll(async () => {
  c = await startCompanion(
    { ...DEFAULT_CONFIG, host: '127.0.0.1', httpPort: 0, udpPort: 0, stunAltPort: 0, allowTargets: parseCidrList(['127.0.0.0/8'], 't') },
    silentLogger,
  );
});
afterAll(() => c.close());

async function cli(args: string[]) {
  const m = memoryIo();
  const code = await runCli(args, m.io);
  return { code, out: m.out(), err: m.err() };
}

describe('port-doctor check / whoami', () => {
  it('prints exactly the documented JSON for a verified open port', async () => {
    const s = net.createServer();
    await new Promise<void>((r) => s.listen(0, '0.0.0.0', r));
    const port = (s.address() as net.AddressInfo).port;
    await new Promise<void>((r) => s.close(() => r()));
    const r = await cli(['check', `${port}/tcp`, '--companion', `http://127.0.0.1:${c.httpPort}`, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['publicAddress', 'protocol', 'port', 'state', 'reason', 'verified', 'verifiedBy']);
    expect(doc).toEqual({ publicAddress: '127.0.0.1', protocol: 'tcp', port, state: 'open', reason: 'syn-ack', verified: { state: 'yes', detail: "Port Doctor's test listener answered with the fresh code" }, verifiedBy: 'nonce' });
  });

  it('whoami --no-nat --json', async () => {
    const r = await cli(['whoami', '--companion', `http://127.0.0.1:${c.httpPort}`, '--no-nat', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ publicAddress: '127.0.0.1', family: 'ipv4', nat: null });
  });

  it('rejects bad arguments with exit code 2, and a missing companion with 3', async () => {
    expect((await cli(['check', '70000', '--companion', 'http://127.0.0.1:1'])).code).toBe(2);
    expect((await cli(['check', '80', '--companion', 'ftp://x'])).code).toBe(2);
    expect((await cli(['whoami', '--companion', 'http://127.0.0.1:1', '--stun', 'a:b:c'])).code).toBe(2);
    expect((await cli(['companion', '--allow-targets', 'nope'])).code).toBe(2);
    // No companion named anywhere: a clear instruction, never a silent default somebody else owns.
    for (const args of [['check', '25565'], ['whoami']]) {
      const r = await cli(args);
      expect(r.code).toBe(3);
      expect(r.err).toContain('no companion configured: run your own (companion/README.md) and pass --companion URL or set PD_COMPANION_URL');
    }
    // The shared <port>[/proto] reader's own sentence reaches the user (shared/ports/port-spec.test.ts has them all).
    const bad = await cli(['check', '80/sctp', '--companion', 'http://127.0.0.1:1']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("'/sctp' is not a protocol Port Doctor checks: write /tcp or /udp.");
  });
});
