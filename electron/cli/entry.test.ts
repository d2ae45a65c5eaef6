// The shipped CLI as a user runs it: `node bin/port-doctor.cjs …` (needs `npm run build`), checking
// exit codes, which stream each message goes to, and that `serve` really serves what it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from './commands/index';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.join(ROOT, 'bin', 'port-doctor.cjs');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
/** Node starts the bundle in well under a second; a loaded CI machine gets slack. */
const START_MS = 10_000;
const LAUNCH_LINE = /^Port Doctor is running at (http:\/\/127\.0\.0\.1:(\d+)\/\?launch=([A-Za-z0-9_-]{40,}))$/m;

beforeAll(() => {
  for (const built of ['dist/cli/port-doctor.cjs', 'dist/renderer/index.html']) {
    if (!existsSync(path.join(ROOT, built))) throw new Error(`${built} is missing: run npm run build first`);
  }
});

function run(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('port-doctor (the built CLI)', () => {
  it('--help exits 0 and lists every command, serve included', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain('Usage: port-doctor <command> [options]');
    const section = r.out.split('Commands:\n')[1]?.split('\n\n')[0] ?? '';
    const listed = section.split('\n').map((l) => /^ {2}([a-z][a-z-]*) {2,}\S/.exec(l)?.[1]);
    expect(listed).toContain('serve');
    expect(listed).toEqual(COMMANDS.map((c) => c.name));
  });

  it('--version prints the package.json version', async () => {
    for (const flag of ['--version', '-v']) {
      const r = await run(flag);
      expect(r).toEqual({ code: 0, out: `${pkg.version}\n`, err: '' });
    }
  });

  it('a blank host is a usage error with no Node warning, nothing probed (issue 16 item 6)', async () => {
    const r = await run('probe', '', '25565');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^port-doctor probe: enter a host/);
    expect(r.err).not.toMatch(/Warning|\(null\)/);
  });

  it('no command at all shows the help and exits 2', async () => {
    const r = await run();
    expect(r.code).toBe(2);
    expect(r.out).toContain('Usage: port-doctor <command> [options]');
  });

  it('an unknown command exits 2 with a usage line on stderr and nothing on stdout', async () => {
    const r = await run('frobnicate');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe("port-doctor: unknown command 'frobnicate'\nUsage: port-doctor <command> [options] (see port-doctor --help)\n");
  });

  it.each([
    [['--port', 'abc'], "--port must be a whole number, got 'abc'"],
    [['--port', '1e3'], "--port must be a whole number, got '1e3'"],
    [['--port', '70000'], '--port must be between 0 and 65535, got 70000'],
    [['--port'], "Option '--port <value>' argument missing"],
    [['--bogus'], "Unknown option '--bogus'"],
    [['extra'], "Unexpected argument 'extra'"],
  ])('serve %j exits 2 naming the mistake', async (args, message) => {
    const r = await run('serve', ...args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    const [first, second] = r.err.split('\n');
    expect(first).toBe(`port-doctor serve: ${message}${args[0] === 'extra' ? '. This command does not take positional arguments' : ''}`);
    expect(second).toBe('Usage: port-doctor serve [--port N] [--no-open]');
  });

  it('serve --help describes the command and exits 0 without serving', async () => {
    const r = await run('serve', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: port-doctor serve \[--port N\] \[--no-open\]\n/);
    expect(r.out).not.toContain('is running at');
  });
});

describe('port-doctor serve --port 0 --no-open', () => {
  let child: ChildProcess;
  let out = '';
  let err = '';

  function exited(): Promise<number | null> {
    return new Promise((resolve) => {
      if (child.exitCode !== null) resolve(child.exitCode);
      else child.once('exit', (code) => resolve(code));
    });
  }

  it('prints the launch URL, serves it, and stops cleanly on SIGTERM without logging the token', async () => {
    // A private state folder: a running instance elsewhere (a developer's) must not be found instead.
    const stateDir = mkdtempSync(path.join(os.tmpdir(), 'pd-entry-state-'));
    child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--no-open'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PD_STATE_DIR: stateDir } });
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
    try {
      const launch = await new Promise<RegExpExecArray>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no launch line within ${START_MS} ms: ${out}${err}`)), START_MS);
        child.stdout!.on('data', () => {
          const m = LAUNCH_LINE.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m);
          }
        });
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`serve exited with ${code}: ${out}${err}`));
        });
      });
      const [, url, port, token] = launch;

      const reply = await new Promise<http.IncomingMessage>((resolve, reject) => {
        http.get(url!, { agent: false }, (res) => {
          res.resume();
          resolve(res);
        }).on('error', reject);
      });
      // The page itself; the secret is traded on the WebSocket upgrade, never set as a cookie.
      expect(reply.statusCode).toBe(200);
      expect(reply.headers['set-cookie']).toBeUndefined();
      expect(Number(port)).toBeGreaterThan(0);

      child.kill('SIGTERM');
      expect(await exited()).toBe(0);
      expect(out.split(token!).length - 1).toBe(1);
      expect(err).not.toContain(token);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
