// Differential test: `port-doctor listeners --json` against `ss -H -tulnp` inside a namespace this
// test builds, with sockets of every kind held by several processes (one named with spaces).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeLab, Netns, signalPid, veth, type NsProcess } from '../../../e2e/lab/netns.js';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'bin/port-doctor.cjs');
const HOLDER = path.join(ROOT, 'bench/listeners-holder.mjs');

interface Key {
  protocol: string;
  address: string;
  port: number;
  pid: number | null;
  process: string | null;
}

/**
 * Reads `ss -H -tulnp` simply: netid, state, queues, local, peer, process. ss writes the wildcard
 * of a dual-stack socket as `*`, which is `::` (IPv4 0.0.0.0 is always written out).
 */
function parseSs(text: string): Key[] {
  const keys: Key[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const cols = line.trim().split(/\s+/);
    const [netid, , , , local] = cols;
    const users = line.slice(line.indexOf('users:') >= 0 ? line.indexOf('users:') : line.length);
    const m = local!.match(/^(.*):(\d+)$/)!;
    let host = m[1]!.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
    if (host === '*') host = '::';
    const owners = [...users.matchAll(/\("((?:[^"\\]|\\.)*)",pid=(\d+),fd=\d+\)/g)];
    if (owners.length === 0) keys.push({ protocol: netid!, address: host, port: Number(m[2]), pid: null, process: null });
    for (const o of owners) keys.push({ protocol: netid!, address: host, port: Number(m[2]), pid: Number(o[2]), process: o[1]! });
  }
  return keys;
}

const keyText = (k: Key) => `${k.protocol} ${k.address} ${k.port} ${k.pid}`;
const socketText = (k: Key) => `${k.protocol} ${k.address} ${k.port}`;

/**
 * The same sockets as ss, and each row names one of the processes ss names for that socket, by
 * the name ss gives it (ss lists every holder of a shared socket; a row names one: the first).
 */
function expectSameAsSs(rows: Key[], ss: Key[]): void {
  expect([...new Set(rows.map(socketText))].sort()).toEqual([...new Set(ss.map(socketText))].sort());
  expect(rows).toHaveLength(new Set(ss.map(socketText)).size);
  for (const r of rows) {
    const holders = ss.filter((k) => socketText(k) === socketText(r));
    expect(holders.map((k) => k.pid), socketText(r)).toContain(r.pid);
    expect(r.process, socketText(r)).toBe(holders.find((k) => k.pid === r.pid)?.process);
  }
}

/** `port-doctor listeners --watch --json` in the namespace, its documents collected as they come. */
class Watch {
  readonly docs: Key[][] = [];
  private readonly child: ChildProcess;
  private buffered = '';
  private wake: (() => void) | null = null;

  constructor(ns: Netns, intervalS: number) {
    this.child = spawn('ip', ['netns', 'exec', ns.name, process.execPath, CLI, 'listeners', '--watch', '--interval', String(intervalS), '--json'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    this.child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      this.buffered += d;
      for (let i = this.buffered.indexOf('\n'); i >= 0; i = this.buffered.indexOf('\n')) {
        this.docs.push((JSON.parse(this.buffered.slice(0, i)) as { listeners: Key[] }).listeners);
        this.buffered = this.buffered.slice(i + 1);
      }
      this.wake?.();
    });
  }

  /** The second document to arrive from now: the first may have been read before now. */
  async freshDoc(timeoutMs = 30_000): Promise<Key[]> {
    const want = this.docs.length + 2;
    const deadline = Date.now() + timeoutMs;
    while (this.docs.length < want) {
      if (Date.now() > deadline || this.child.exitCode !== null) throw new Error(`no fresh document (have ${this.docs.length})`);
      await new Promise<void>((r) => {
        this.wake = r;
        setTimeout(r, 100);
      });
    }
    return this.docs[want - 1]!;
  }

  stop(): void {
    if (this.child.pid !== undefined && this.child.exitCode === null) signalPid(this.child.pid, 'SIGTERM');
  }
}

describeLab('listeners vs ss -tulnp', () => {
  let ns: Netns;
  let peer: Netns;
  let tmp = '';
  const holders: NsProcess[] = [];

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), 'cli'], { cwd: ROOT, stdio: 'inherit' });
    ns = await Netns.create('lst');
    peer = await Netns.create('lsp');
    await veth(ns, 'lst0', peer, 'lsp0');
    await ns.ip(['addr', 'add', '10.77.0.1/24', 'dev', 'lst0']);
    await ns.ip(['-6', 'addr', 'add', '2001:db8:77::1/64', 'dev', 'lst0', 'nodad']);
    tmp = mkdtempSync(path.join(os.tmpdir(), 'pd-lst-'));
    // comm is the name the program was started by, so a symlink to node gives a name with spaces.
    const spaced = path.join(tmp, 'my game server');
    symlinkSync(process.execPath, spaced);
    const specs: Array<[string, object[]]> = [
      [process.execPath, [
        { kind: 'tcp', host: '0.0.0.0', port: 7001 }, { kind: 'tcp', host: '127.0.0.1', port: 7002 },
        { kind: 'udp', host: '0.0.0.0', port: 7003 }, { kind: 'udp', host: '127.0.0.1', port: 7004 },
        { kind: 'tcp-conn', host: '127.0.0.1', port: 7002 }, { kind: 'udp-conn', host: '127.0.0.1', port: 7004 },
      ]],
      [process.execPath, [
        { kind: 'tcp', host: '::', port: 7011 }, { kind: 'tcp', host: '::1', port: 7012 },
        { kind: 'tcp', host: '::', port: 7013, v6only: true }, { kind: 'udp', host: '::', port: 7014 },
        { kind: 'udp', host: '::1', port: 7015 }, { kind: 'tcp', host: '::ffff:127.0.0.1', port: 7016 },
      ]],
      [process.execPath, [
        { kind: 'tcp', host: '10.77.0.1', port: 7021 }, { kind: 'udp', host: '10.77.0.1', port: 7022 },
        { kind: 'tcp', host: '2001:db8:77::1', port: 7023 }, { kind: 'udp', host: '2001:db8:77::1', port: 7024 },
        { kind: 'tcp', host: '0.0.0.0', port: 7013 },
      ]],
      [spaced, [{ kind: 'tcp', host: '0.0.0.0', port: 25565 }, { kind: 'udp', host: '0.0.0.0', port: 25565 }, { kind: 'udp', host: '::', port: 19133 }]],
    ];
    for (const [program, spec] of specs) {
      const p = ns.spawn([program, HOLDER, JSON.stringify(spec)]);
      holders.push(p);
      await p.waitForLine(/^ready \d+$/, 15_000);
    }
  });

  afterAll(async () => {
    await Promise.all(holders.map((h) => h.stop()));
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('lists exactly what ss lists: protocol, address, port, pid', async () => {
    const ours = JSON.parse((await ns.exec([process.execPath, CLI, 'listeners', '--json'])).stdout) as { listeners: Key[] };
    const ss = parseSs((await ns.exec(['ss', '-H', '-tulnp'])).stdout);
    // Addresses compared as text: both sides write them with inet_ntop's rules (::ffff:a.b.c.d too).
    const mine = ours.listeners;
    expect(new Set(mine.map(keyText))).toEqual(new Set(ss.map(keyText)));
    expect(mine).toHaveLength(ss.length);
    // Sanity on the fixture itself: every holder is represented and nothing is unowned.
    expect(new Set(mine.map((r) => r.pid))).toEqual(new Set(holders.map((h) => h.pid)));
    expect(ss.length).toBe(18);
    // Names agree too (ss reads comm), including the one with spaces.
    const names = new Map(ss.map((k) => [k.pid, k.process]));
    for (const r of mine) expect(r.process).toBe(names.get(r.pid));
    expect(mine.find((r) => r.port === 25565)?.process).toBe('my game server');
  });

  it('--watch keeps rows and owners those of ss while sockets and processes come and go', async () => {
    const watch = new Watch(ns, 0.2);
    const churn = ns.spawn([process.execPath, HOLDER, JSON.stringify([{ kind: 'tcp', host: '0.0.0.0', port: 7100 }])]);
    let child = 0;
    const ask = async (command: string, answer: RegExp) => {
      churn.write(`${command}\n`);
      return (await churn.waitForLine(answer, 15_000))[1];
    };
    const step = async (what: string) => {
      const ss = parseSs((await ns.exec(['ss', '-H', '-tulnp'])).stdout);
      const rows = await watch.freshDoc();
      try {
        expectSameAsSs(rows, ss);
      } catch (e) {
        throw new Error(`after ${what}: ${(e as Error).message}`, { cause: e });
      }
      return rows;
    };
    try {
      await churn.waitForLine(/^ready 1$/, 15_000);
      await step('start');
      await ask(`open ${JSON.stringify([{ kind: 'tcp', host: '0.0.0.0', port: 7101 }, { kind: 'udp', host: '0.0.0.0', port: 7102 }, { kind: 'tcp', host: '::', port: 7103, v6only: true }])}`, /^opened (3)$/);
      let rows = await step('open');
      expect(rows.filter((r) => r.port >= 7100 && r.port <= 7103).map((r) => r.pid)).toEqual([churn.pid, churn.pid, churn.pid, churn.pid]);
      await ask('close 7102', /^closed (7102)$/);
      rows = await step('close');
      expect(rows.some((r) => r.port === 7102)).toBe(false);
      child = Number(await ask('fork 7101', /^forked (\d+)$/));
      rows = await step('fork');
      expect(rows.find((r) => r.port === 7101)?.pid).toBe(churn.pid); // still alive: still named
      await ask('exec', /^execed (\d+)$/);
      await step('exec');
      churn.write('exit\n');
      await churn.exited;
      rows = await step('the first holder exited');
      // Only the child (now `sleep`) holds 7101; 7100 and 7103 closed with their only holder.
      expect(rows.filter((r) => r.port >= 7100 && r.port <= 7103).map((r) => [r.port, r.pid, r.process])).toEqual([[7101, child, 'sleep']]);
      // A cold run agrees with the warm one.
      const cold = JSON.parse((await ns.exec([process.execPath, CLI, 'listeners', '--json'])).stdout) as { listeners: Key[] };
      expect(cold.listeners.map(keyText).sort()).toEqual(rows.map(keyText).sort());
    } finally {
      watch.stop();
      await churn.stop();
      if (child > 0) signalPid(child, 'SIGTERM');
    }
  });

  it('says who can reach each socket', async () => {
    const { listeners } = JSON.parse((await ns.exec([process.execPath, CLI, 'listeners', '--json'])).stdout) as {
      listeners: Array<Key & { exposure: string; family: number }>;
    };
    const exposure = (protocol: string, port: number, family?: number) =>
      listeners.filter((r) => r.protocol === protocol && r.port === port && (family === undefined || r.family === family)).map((r) => r.exposure);
    expect(exposure('tcp', 7001)).toEqual(['all']);
    expect(exposure('tcp', 7002)).toEqual(['loopback']);
    expect(exposure('tcp', 7011)).toEqual(['all']);
    expect(exposure('tcp', 7012)).toEqual(['loopback']);
    expect(exposure('tcp', 7016)).toEqual(['loopback']);
    expect(exposure('tcp', 7021)).toEqual(['interface']);
    expect(exposure('udp', 7024)).toEqual(['interface']);
    expect(exposure('tcp', 7013, 4)).toEqual(['all']);
    expect(exposure('tcp', 7013, 6)).toEqual(['all']);
  });

  it('who-has answers for a port held twice (IPv4 and IPv6-only) and for nothing', async () => {
    const both = JSON.parse((await ns.exec([process.execPath, CLI, 'who-has', '7013/tcp', '--json'])).stdout) as { listeners: Key[] };
    expect(both.listeners.map((r) => r.pid).sort()).toEqual([holders[1]!.pid, holders[2]!.pid].sort());
    const none = await ns.exec([process.execPath, CLI, 'who-has', '7099'], { allowFailure: true });
    expect(none.code).toBe(1);
  });

  it('without root, other users\' sockets keep their user and say why the program is unknown', async () => {
    const r = await ns.exec(['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, CLI, 'listeners', '--json', '--port', '25565']);
    const rows = (JSON.parse(r.stdout) as { listeners: Key[] & Array<{ user: string | null }> }).listeners;
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatchObject({ pid: null, process: null, user: 'root' });
    const text = await ns.exec(['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, CLI, 'who-has', '25565/tcp']);
    expect(text.stdout).toContain('Unknown (another user’s — run elevated to see)');
  });
});
