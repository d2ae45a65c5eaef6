// The warm engine on /proc trees built on disk: what it keeps between refreshes, and when it must
// look again (a new socket, an owner that exited, a reused pid, an exec, a new process).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { kernelText } from '../../os/kernel-format.test-util';
import { LinuxListenersEngine } from './engine';
import { statLine } from './proc-tree.test-util';

let root = '';
let proc = '';
let n = 0;
afterAll(() => rmSync(root, { recursive: true, force: true }));

const listen = (port: number, inode: number) => ({ family: 4 as const, local: [0, 0, 0, 0], localPort: port, remote: [0, 0, 0, 0], remotePort: 0, state: 0x0a, uid: 0, inode });

function tables(sockets: Array<[port: number, inode: number]>): void {
  writeFileSync(path.join(proc, 'net/tcp'), kernelText('tcp', 4, sockets.map(([p, i]) => listen(p, i))));
}

function processDir(pid: number, comm: string, startTime: number, inodes: number[]): void {
  const d = path.join(proc, String(pid));
  rmSync(d, { recursive: true, force: true });
  mkdirSync(path.join(d, 'fd'), { recursive: true });
  writeFileSync(path.join(d, 'stat'), statLine(pid, comm, startTime));
  writeFileSync(path.join(d, 'cmdline'), `/usr/bin/${comm}\0--serve\0`);
  symlinkSync(`/usr/bin/${comm}`, path.join(d, 'exe'));
  inodes.forEach((inode, fd) => symlinkSync(`socket:[${inode}]`, path.join(d, 'fd', String(fd + 3))));
}

/** An fd entry that is not a link: reading this process's fd table now fails loudly (EINVAL). */
function poison(pid: number): void {
  writeFileSync(path.join(proc, String(pid), 'fd', '99'), 'not a link');
}

const owners = (engine: LinuxListenersEngine) =>
  engine.refresh({}).map((r) => [r.port, r.pid, r.process, r.ownerUnknownReason]);

beforeEach(() => {
  root ||= mkdtempSync(path.join(os.tmpdir(), 'pd-engine-'));
  proc = path.join(root, `proc${n++}`);
  mkdirSync(path.join(proc, 'net'), { recursive: true });
  tables([[7001, 501], [7002, 502]]);
  processDir(100, 'alpha', 1000, [501]);
  processDir(200, 'beta', 2000, [502]);
});

const engineHere = () => new LinuxListenersEngine({ procRoot: proc, passwdPath: path.join(root, 'none'), littleEndian: true });

describe('LinuxListenersEngine', () => {
  it('a refresh with nothing new reads no fd table', () => {
    const engine = engineHere();
    expect(owners(engine)).toEqual([[7001, 100, 'alpha', null], [7002, 200, 'beta', null]]);
    poison(100);
    poison(200);
    expect(owners(engine)).toEqual([[7001, 100, 'alpha', null], [7002, 200, 'beta', null]]);
    expect(engine.knownSockets).toBe(2);
    // A cold engine on the same tree does read them, and the poisoned entry fails it.
    expect(() => engineHere().refresh({})).toThrow(/EINVAL|invalid argument/i);
  });

  it('an unchanged socket gets the same row object back', () => {
    const engine = engineHere();
    const first = engine.refresh({});
    const second = engine.refresh({});
    expect(second[0]).toBe(first[0]);
    processDir(100, 'alpha2', 1000, [501]);
    const third = engine.refresh({});
    expect(third[0]).not.toBe(first[0]);
    expect(third[1]).toBe(first[1]);
  });

  it('a new socket is looked up; a closed one is forgotten', () => {
    const engine = engineHere();
    owners(engine);
    processDir(300, 'gamma', 3000, [503]);
    tables([[7002, 502], [7003, 503]]);
    expect(owners(engine)).toEqual([[7002, 200, 'beta', null], [7003, 300, 'gamma', null]]);
    expect(engine.knownSockets).toBe(2);
  });

  it('when the owner exits, the socket goes to the process still holding it (a forked child)', () => {
    const engine = engineHere();
    owners(engine);
    processDir(150, 'alpha', 1500, [501]);
    rmSync(path.join(proc, '100'), { recursive: true });
    expect(owners(engine)).toEqual([[7001, 150, 'alpha', null], [7002, 200, 'beta', null]]);
  });

  it('a reused pid (same pid, another start time) is not taken for the old owner', () => {
    const engine = engineHere();
    owners(engine);
    processDir(100, 'other', 9999, []);
    processDir(250, 'alpha', 2500, [501]);
    expect(owners(engine)).toEqual([[7001, 250, 'alpha', null], [7002, 200, 'beta', null]]);
  });

  it('an exec keeps the socket with the pid and shows the new program', () => {
    const engine = engineHere();
    owners(engine);
    processDir(100, 'newprog', 1000, [501]);
    poison(100);
    expect(owners(engine)).toEqual([[7001, 100, 'newprog', null], [7002, 200, 'beta', null]]);
    expect(engine.refresh({ port: 7001 })[0]).toMatchObject({ command: '/usr/bin/newprog --serve', exePath: '/usr/bin/newprog' });
  });

  it('a socket nobody holds is looked for again only in processes started since', () => {
    tables([[7001, 501], [7002, 502], [7009, 509]]);
    writeFileSync(path.join(proc, 'loadavg'), '0.00 0.00 0.00 1/100 300\n');
    const engine = engineHere();
    expect(owners(engine)).toContainEqual([7009, null, null, 'not-found']);
    poison(100);
    poison(200);
    expect(owners(engine)).toContainEqual([7009, null, null, 'not-found']);
    processDir(400, 'late', 4000, [509]);
    writeFileSync(path.join(proc, 'loadavg'), '0.00 0.00 0.00 1/100 400\n');
    expect(owners(engine)).toContainEqual([7009, 400, 'late', null]);
  });

  it('without the pid cursor every process counts as new for a socket nobody holds', () => {
    tables([[7001, 501], [7002, 502], [7009, 509]]);
    const engine = engineHere();
    expect(owners(engine)).toContainEqual([7009, null, null, 'not-found']);
    poison(100);
    expect(() => owners(engine)).toThrow(/EINVAL|invalid argument/i);
  });

  it('a pid the kernel handed out again since the last look counts as new (pid cursor in loadavg)', () => {
    tables([[7001, 501], [7002, 502], [7009, 509]]);
    processDir(50, 'old', 500, []);
    writeFileSync(path.join(proc, 'loadavg'), '0.00 0.00 0.00 1/100 300\n');
    const engine = engineHere();
    expect(owners(engine)).toContainEqual([7009, null, null, 'not-found']);
    // Pid 50 exits and, after the cursor wrapped (300 → 60), belongs to a new process holding it.
    processDir(50, 'reborn', 9000, [509]);
    writeFileSync(path.join(proc, 'loadavg'), '0.00 0.00 0.00 1/100 60\n');
    expect(owners(engine)).toContainEqual([7009, 50, 'reborn', null]);
  });

  it('a filtered refresh keeps what it knows about other sockets', () => {
    const engine = engineHere();
    owners(engine);
    expect(engine.refresh({ port: 7002 }).map((r) => r.pid)).toEqual([200]);
    poison(100);
    expect(owners(engine)).toEqual([[7001, 100, 'alpha', null], [7002, 200, 'beta', null]]);
  });

  it('a checkpoint that throws stops the refresh', () => {
    const stop = new Error('cancelled');
    expect(() => engineHere().refresh({}, () => { throw stop; })).toThrow(stop);
  });

  it('an owner whose stat is gone between the walk and the read counts as vanished', () => {
    const engine = engineHere();
    unlinkSync(path.join(proc, '200', 'stat'));
    expect(owners(engine)).toEqual([[7001, 100, 'alpha', null], [7002, null, null, 'vanished']]);
  });
});
