// Differential test: `port-doctor listeners --json` against `ss -H -tulnp` inside a namespace this
// test builds, with sockets of every kind held by several processes (one named with spaces).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeLab, Netns, veth, type NsProcess } from '../../../e2e/lab/netns.js';

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
    expect(text.stdout).toContain("(another user's; run elevated to see)");
  });
});
