// The fd walk on /proc trees built on disk: owners, odd entries, and which process owns a socket
// that several hold (the first in /proc order).
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPids, socketInode, walkFds } from './fd-walk';

let root = '';
beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'pd-owners-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A /proc with one directory per pid, each fd a symlink to the given target. */
function procTree(name: string, processes: Record<number, Record<string, string> | 'no-fd-dir'>): string {
  const proc = path.join(root, name);
  mkdirSync(path.join(proc, 'self'), { recursive: true });
  for (const [pid, fds] of Object.entries(processes)) {
    if (fds === 'no-fd-dir') {
      mkdirSync(path.join(proc, pid));
      continue;
    }
    mkdirSync(path.join(proc, pid, 'fd'), { recursive: true });
    for (const [fd, target] of Object.entries(fds)) symlinkSync(target, path.join(proc, pid, 'fd', fd));
  }
  return proc;
}

const search = (proc: string, wanted: number[]) => walkFds(proc, listPids(proc), new Set(wanted), () => undefined);

/** The first holder of each wanted inode in readdir order, as one thread reading in order finds it. */
function firstHolders(proc: string, holders: Map<number, number[]>, wanted: number[]): Map<number, number> {
  const order = readdirSync(proc).filter((n) => /^\d+$/.test(n)).map(Number);
  const out = new Map<number, number>();
  for (const pid of order) for (const inode of holders.get(pid) ?? []) if (wanted.includes(inode) && !out.has(inode)) out.set(inode, pid);
  return out;
}

describe('walkFds', () => {
  it('finds owners, skips other links, and notes processes without an fd table', () => {
    const proc = procTree(`basic`, {
      10: { '0': '/dev/null', '1': 'pipe:[7]', '3': 'socket:[501]', '4': 'socket:[bad]' },
      20: { '5': 'socket:[502]', '6': 'anon_inode:[eventpoll]' },
      30: 'no-fd-dir',
    });
    const r = search(proc, [501, 502, 999]);
    expect([...r.owners].sort()).toEqual([[501, 10], [502, 20]]);
    expect(r).toMatchObject({ sawVanished: true, sawPermissionDenied: false });
  });

  it('with nothing wanted, reads no fd table', () => {
    const proc = procTree(`none`, { 10: 'no-fd-dir', 20: 'no-fd-dir' });
    expect(search(proc, [])).toEqual({ owners: new Map(), sawPermissionDenied: false, sawVanished: false });
  });

  it('stops at the first process once every socket has a holder, and a checkpoint can stop it', () => {
    const proc = procTree('early', { 10: { '3': 'socket:[501]' }, 20: 'no-fd-dir' });
    // Process 20 has no fd table: reading it would note a vanished process.
    expect(search(proc, [501])).toMatchObject({ sawVanished: false });
    const stop = new Error('stop');
    expect(() => walkFds(proc, listPids(proc), new Set([999]), () => { throw stop; })).toThrow(stop);
  });

  it('a socket held by several processes belongs to the first in /proc order', () => {
    // 300 processes, each holding its own socket and three shared by ranges of them.
    const processes: Record<number, Record<string, string>> = {};
    const holders = new Map<number, number[]>();
    for (let pid = 100; pid < 400; pid++) {
      const inodes = [10_000 + pid, 1 + (pid % 3), 7];
      holders.set(pid, inodes);
      processes[pid] = Object.fromEntries(inodes.map((inode, fd) => [String(fd + 3), `socket:[${inode}]`]));
    }
    const proc = procTree(`shared`, processes);
    const wanted = [7, 1, 2, 0, ...Array.from({ length: 300 }, (_, i) => 10_100 + i)];
    const r = search(proc, wanted);
    expect(r.owners).toEqual(firstHolders(proc, holders, wanted));
    expect(r.owners.size).toBe(wanted.length - 1);
  });

  it('an fd entry that is not a link is an error, not a silent gap', () => {
    const proc = procTree(`broken`, { 10: { '3': 'socket:[501]' } });
    writeFileSync(path.join(proc, '10', 'fd', '4'), 'not a link');
    expect(() => search(proc, [501, 502])).toThrow(/EINVAL|invalid argument/i);
  });
});

describe('socketInode', () => {
  it.each([
    ['socket:[0]', 0], ['socket:[12345]', 12345], ['socket:[]', -1], ['socket:[12a]', -1], ['socket:[12', -1],
    ['pipe:[12]', -1], ['/dev/null', -1], ['socket:[4294967295]', 4294967295],
  ])('%s → %i', (link, inode) => {
    expect(socketInode(link)).toBe(inode);
  });
});
