// `port-doctor diagnose` argument errors (exit 2 before any network traffic). The whole command runs
// against a real companion in the lab (e2e/lab/diagnose-truth.lab.test.ts), never here: a diagnosis
// reads the machine's gateway, and this machine's gateway is not ours to touch (LAB.md).
import { describe, expect, it } from 'vitest';
import { runCli } from '../main';
import { memoryIo } from '../memory-io.test-util';

/** Never contacted: every case below fails on its arguments first. */
const STUN = '127.0.0.1:9';

async function cli(args: string[]) {
  const m = memoryIo();
  const code = await runCli(args, m.io);
  return { code, out: m.out(), err: m.err() };
}

describe('port-doctor diagnose', () => {
  it('bad arguments exit 2 with a specific message', async () => {
    expect((await cli(['diagnose'])).err).toContain('give either --game ID or --port');
    expect((await cli(['diagnose', '--game', 'terraria', '--port', '1'])).code).toBe(2);
    const unknown = await cli(['diagnose', '--game', 'no-such-game', '--stun', STUN]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("unknown game 'no-such-game'");
    expect((await cli(['diagnose', '--port', '70000', '--stun', STUN])).code).toBe(2);
    expect((await cli(['diagnose', '--port', '80', '--companion', 'ftp://x', '--stun', STUN])).code).toBe(2);
    expect((await cli(['diagnose', '--game', 'valheim', '--relay', 'nope', '--stun', STUN])).err).toContain("has no relay mode 'nope'");
    expect((await cli(['diagnose', '--port', ',', '--stun', STUN])).err).toContain('--port needs at least one port');
  });
});
