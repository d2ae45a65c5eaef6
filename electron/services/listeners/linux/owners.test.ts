// The owner search on /proc trees built on disk: with and without the helper thread the answers
// are the same, including which process owns a socket that several hold (the first in /proc order).
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOwnerSearch, type OwnerSearchThreads } from './owners';

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

const search = (proc: string, threads: OwnerSearchThreads, wanted: number[]) => startOwnerSearch(proc, threads).finish(wanted);

/** The first holder of each wanted inode in readdir order, as one thread reading in order finds it. */
function firstHolders(proc: string, holders: Map<number, number[]>, wanted: number[]): Map<number, number> {
  const order = readdirSync(proc).filter((n) => /^\d+$/.test(n)).map(Number);
  const out = new Map<number, number>();
  for (const pid of order) for (const inode of holders.get(pid) ?? []) if (wanted.includes(inode) && !out.has(inode)) out.set(inode, pid);
  return out;
}

describe.each(['this', 'both', 'helper'] as const)('fd tables read by %s', (threads) => {
  it('finds owners, skips other links, and notes processes without an fd table', () => {
    const proc = procTree(`basic-${threads}`, {
      10: { '0': '/dev/null', '1': 'pipe:[7]', '3': 'socket:[501]', '4': 'socket:[bad]' },
      20: { '5': 'socket:[502]', '6': 'anon_inode:[eventpoll]' },
      30: 'no-fd-dir',
    });
    const r = search(proc, threads, [501, 502, 999]);
    expect([...r.owners].sort()).toEqual([[501, 10], [502, 20]]);
    expect(r).toMatchObject({ sawVanished: true, sawPermissionDenied: false });
  });

  it('with nothing wanted, reads no fd table', () => {
    const proc = procTree(`none-${threads}`, { 10: 'no-fd-dir', 20: 'no-fd-dir' });
    expect(search(proc, threads, [])).toEqual({ owners: new Map(), sawPermissionDenied: false, sawVanished: false });
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
    const proc = procTree(`shared-${threads}`, processes);
    const wanted = [7, 1, 2, 0, ...Array.from({ length: 300 }, (_, i) => 10_100 + i)];
    const r = search(proc, threads, wanted);
    expect(r.owners).toEqual(firstHolders(proc, holders, wanted));
    expect(r.owners.size).toBe(wanted.length - 1);
  });

  it('an fd entry that is not a link is an error, not a silent gap', () => {
    const proc = procTree(`broken-${threads}`, { 10: { '3': 'socket:[501]' } });
    writeFileSync(path.join(proc, '10', 'fd', '4'), 'not a link');
    expect(() => search(proc, threads, [501, 502])).toThrow(/EINVAL|invalid argument/i);
  });
});
