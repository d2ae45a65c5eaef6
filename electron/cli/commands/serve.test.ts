// `port-doctor serve` started twice, as a user would: the second start finds our own instance
// (through the owner-only instance file) and prints a fresh link to it; a port held by another
// program falls back to a free one. The built CLI, real processes, real sockets.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WS_PROTOCOL } from '../../../shared/wire';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'bin/port-doctor.cjs');
const URL_RE = /(http:\/\/127\.0\.0\.1:(\d+)\/\?launch=([A-Za-z0-9_-]+))/;

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function stateDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pd-serve-state-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'state');
}

interface Run {
  child: ChildProcess;
  out: () => string;
  exited: Promise<number | null>;
}

function run(args: string[], dir: string): Run {
  const child = spawn(process.execPath, [CLI, 'serve', '--no-open', ...args], { env: { ...process.env, PD_STATE_DIR: dir }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  cleanups.push(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  });
  return { child, out: () => out, exited };
}

async function link(r: Run): Promise<RegExpExecArray> {
  await expect.poll(() => URL_RE.exec(r.out()), { timeout: 15_000 }).not.toBeNull();
  return URL_RE.exec(r.out())!;
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Whether the link's token opens a session on the engine (the page's first step). */
function linkOpens(port: string, token: string): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, [WS_PROTOCOL, `pd.launch.${token}`], { origin: `http://127.0.0.1:${port}` });
    ws.once('message', () => {
      ws.close();
      resolve(true);
    });
    ws.once('close', () => resolve(false));
    ws.once('error', () => resolve(false));
  });
}

describe('serve, started twice', () => {
  beforeAll(() => {
    if (!existsSync(path.join(ROOT, 'dist/cli/port-doctor.cjs'))) throw new Error('dist/cli is missing: run npm run build first');
  });

  it('the second start prints a fresh link to the running one and exits 0; the record is owner-only', async () => {
    const dir = stateDir();
    const port = await freePort();
    const first = run(['--port', String(port)], dir);
    const [, , firstPort, firstToken] = await link(first);
    expect(firstPort).toBe(String(port));
    if (process.platform !== 'win32') {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(path.join(dir, 'serve.json')).mode & 0o777).toBe(0o600);
    }

    const second = run(['--port', String(port)], dir);
    expect(await second.exited).toBe(0);
    expect(second.out()).toContain(`already running (process ${first.child.pid})`);
    expect(second.out()).not.toMatch(/in use|pick another/i);
    const [, , secondPort, secondToken] = URL_RE.exec(second.out())!;
    expect(secondPort).toBe(firstPort);
    expect(secondToken).not.toBe(firstToken);
    expect(await linkOpens(secondPort!, secondToken!)).toBe(true);
    expect(await linkOpens(firstPort!, firstToken!)).toBe(true);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(path.join(dir, 'serve.json'))).toBe(false);
  });

  it('a port held by another program: starts on a free one and says so', async () => {
    const squatter = net.createServer((s) => s.end('not port doctor\n'));
    await new Promise<void>((r) => squatter.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => squatter.close(() => r())));
    const taken = (squatter.address() as net.AddressInfo).port;
    const r = run(['--port', String(taken)], stateDir());
    const [, , port, token] = await link(r);
    expect(port).not.toBe(String(taken));
    expect(r.out()).toContain(`Port ${taken} is used by another program, so Port Doctor uses port ${port} instead.`);
    expect(await linkOpens(port!, token!)).toBe(true);
  });

  it('a record left by a crashed instance is not trusted: a new one starts', async () => {
    const dir = stateDir();
    const first = run(['--port', '0'], dir);
    await link(first);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(existsSync(path.join(dir, 'serve.json'))).toBe(true);
    const second = run(['--port', '0'], dir);
    const [, , port] = await link(second);
    expect(second.out()).not.toContain('already running');
    expect(await linkOpens(port!, URL_RE.exec(second.out())![3]!)).toBe(true);
  });
});
