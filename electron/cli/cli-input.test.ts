// What a new user types at the CLI: blank and pasted hosts, port 0, missing configuration, and
// --json errors that a script can read (issue 16, items 6, 7 and 9). Real loopback sockets only.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from './memory-io.test-util';
import { runCli } from './main';
import { COMMANDS } from './commands/index';

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const m = memoryIo({ env });
  const code = await runCli(argv, m.io, COMMANDS);
  return { code, out: m.out(), err: m.err() };
}

describe('CLI input a new user types', () => {
  const server = net.createServer((c) => c.destroy());
  let open = 0;
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    open = (server.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it.each([[''], ['   ']])('probe with a blank host %j is a usage error, and nothing is probed', async (host) => {
    const r = await cli(['probe', host, '25565']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^port-doctor probe: enter a host/);
    expect(r.err).toContain('Usage: port-doctor probe');
  });

  it('probe refuses an impossible address without asking a resolver', async () => {
    const r = await cli(['probe', '999.1.1.1', '80']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/'999\.1\.1\.1' is not an IPv4 address: each of the four numbers must be 0 to 255/);
  });

  it.each([
    (p: number) => `127.0.0.1:${p}`,
    (p: number) => `http://127.0.0.1:${p}/`,
  ])('probe reads the port from a pasted address (%#)', async (paste) => {
    const r = await cli(['probe', paste(open), '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.host).toBe('127.0.0.1');
    expect(doc.results.map((x: { port: number; state: string }) => `${x.port} ${x.state}`)).toEqual([`${open} open`]);
  });

  it('probe with a port in the host and a different <ports> says which one to use', async () => {
    const r = await cli(['probe', `127.0.0.1:${open}`, '22']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/names port \d+ but <ports> says 22/);
  });

  it.each([['who-has', '0'], ['who-has', '0/udp'], ['listeners', '--port', '0']])('%s %s explains that port 0 means "any free port"', async (...argv) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/[Pp]ort 0 means "any free port"/);
    expect(r.err).not.toMatch(/a program can use it|Nothing is listening/);
  });

  it('--json usage errors are a JSON document on stdout with the error code and the usage line', async () => {
    const r = await cli(['probe', '', '80', '--json']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('');
    const doc = JSON.parse(r.out);
    expect(doc).toEqual({
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/^The request was not understood/), detail: expect.stringMatching(/^enter a host/), usage: expect.stringMatching(/^port-doctor probe /) },
    });
  });

  it('--json with an unknown flag is still JSON', async () => {
    const r = await cli(['who-has', '80', '--json', '--frobnicate']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).error.code).toBe('INVALID_INPUT');
  });

  it.each([['check', '25565'], ['whoami']])('%s without a companion is missing configuration: exit 3, says how to set it', async (...argv) => {
    const r = await cli(argv);
    expect(r.code).toBe(3);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/no companion configured.*--companion URL or set PD_COMPANION_URL/);
    expect(r.err).not.toContain('Usage:');
  });

  it('missing configuration with --json is a JSON document with its own code', async () => {
    const r = await cli(['check', '25565', '--json'], { PD_COMPANION_URL: '  ' });
    expect(r.code).toBe(3);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out)).toEqual({ error: { code: 'NOT_CONFIGURED', message: expect.any(String), detail: expect.stringMatching(/PD_COMPANION_URL/) } });
  });

  it('a malformed companion URL is still a usage error (exit 2)', async () => {
    const r = await cli(['check', '25565', '--companion', 'ftp://x']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/must be http\(s\)/);
  });

  it('--help documents the exit codes, missing configuration included', async () => {
    const r = await cli(['--help']);
    expect(r.out).toMatch(/Exit codes: 0 success, 1 .*, 2 bad arguments,\s+3 missing configuration/);
  });
});
