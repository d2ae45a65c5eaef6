// `port-doctor diagnose` against a real loopback companion: JSON document, text, exit codes.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompanion, type CompanionHandle } from '../../../companion/companion';
import { DEFAULT_CONFIG } from '../../../companion/config';
import { silentLogger } from '../../../companion/log';
import { parseCidrList } from '../../../companion/net-address';
import { runCli } from '../main';

let c: CompanionHandle;
let companion: string;
let stun: string;
beforeAll(async () => {
  c = await startCompanion(
    { ...DEFAULT_CONFIG, host: '127.0.0.1', httpPort: 0, udpPort: 0, stunAltPort: 0, checksPerMinute: 0, checksPerHour: 0, allowTargets: parseCidrList(['127.0.0.0/8'], 't') },
    silentLogger,
  );
  companion = `http://127.0.0.1:${c.httpPort}`;
  stun = `127.0.0.1:${c.udpPort}`;
});
afterAll(() => c.close());

async function tcpServer(host: string): Promise<{ port: number; close: () => Promise<void> }> {
  const s = net.createServer((sock) => {
    sock.on('error', () => sock.destroy());
    sock.end('hello\n');
  });
  await new Promise<void>((r) => s.listen(0, host, r));
  return { port: (s.address() as net.AddressInfo).port, close: () => new Promise<void>((r) => s.close(() => r())) };
}

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t), stderrIsTTY: false, env: {}, signal: new AbortController().signal });
  return { code, out, err };
}

describe('port-doctor diagnose', () => {
  it('--json prints the documented document; text names the verdict, fix and friends line', async () => {
    const srv = await tcpServer('0.0.0.0');
    try {
      const r = await cli(['diagnose', '--port', `${srv.port}/tcp`, '--companion', companion, '--stun', stun, '--json']);
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.out) as { verdict: { cause: string; summary: string }; findings: { cause: string }[]; evidence: unknown; version: number };
      expect(doc.version).toBe(1);
      expect(doc.verdict.cause).toBe('reachable');
      expect(doc.verdict.summary).toContain(`TCP ${srv.port}`);
      expect(doc.findings[0]?.cause).toBe('reachable');
      const text = await cli(['diagnose', '--port', String(srv.port), '--companion', companion, '--stun', stun]);
      expect(text.out).toContain('Verdict: Friends can reach');
      expect(text.out).toContain(`Tell your friends: Friends connect to 127.0.0.1:${srv.port}`);
    } finally {
      await srv.close();
    }
  });

  it('bad arguments exit 2 with a specific message', async () => {
    expect((await cli(['diagnose'])).err).toContain('give either --game ID or --port');
    expect((await cli(['diagnose', '--game', 'terraria', '--port', '1'])).code).toBe(2);
    const unknown = await cli(['diagnose', '--game', 'no-such-game', '--stun', stun]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("unknown game 'no-such-game'");
    expect((await cli(['diagnose', '--port', '70000', '--stun', stun])).code).toBe(2);
    expect((await cli(['diagnose', '--port', '80', '--companion', 'ftp://x', '--stun', stun])).code).toBe(2);
    expect((await cli(['diagnose', '--game', 'valheim', '--relay', 'nope', '--stun', stun])).err).toContain("has no relay mode 'nope'");
  });
});
