// The table read shared with a worker thread (table-read.ts), on /proc/net files written to disk.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProcText } from '../../os/proc-text';
import { ALL_TABLE_FILES, WORKER_MIN_SOCKETS, startTableRead, worthAWorker } from './table-read';
import { tableFiles } from './tables';

let proc = '';
const FILES = ['tcp', 'tcp6', 'udp', 'udp6'];
beforeAll(() => {
  proc = mkdtempSync(path.join(os.tmpdir(), 'pd-table-read-'));
  mkdirSync(path.join(proc, 'net'));
  // Distinct texts, one table missing (IPv6 off for UDP).
  for (const f of ['tcp', 'tcp6', 'udp']) writeFileSync(path.join(proc, 'net', f), `${f}\n`.repeat(5000));
});
afterAll(() => rmSync(proc, { recursive: true, force: true }));

const expected = () => new Map(FILES.map((f) => [f, readProcText(path.join(proc, 'net', f))]));

describe('startTableRead', () => {
  it('an early read covers exactly the tables an unfiltered refresh reads, in its order', () => {
    // table-read.ts keeps its own list so that starting early loads nothing else; this holds it to tables.ts.
    expect([...ALL_TABLE_FILES]).toEqual(tableFiles({}));
  });

  it('the worker sends every table; poll gives them once all are in', async () => {
    const read = startTableRead(proc, FILES);
    let texts = read.poll(FILES);
    for (let waited = 0; texts === null && waited < 10_000; waited += 10) {
      await sleep(10);
      texts = read.poll(FILES);
    }
    expect(texts).toEqual(expected());
    expect(texts?.get('udp6')).toBeNull();
  });

  it('finish takes what has arrived and reads the rest here, without waiting', () => {
    const read = startTableRead(proc, FILES);
    // Called at once: the worker has not even started, so this thread reads every table.
    expect(read.finish(FILES)).toEqual(expected());
  });

  it('gives only the tables asked for', () => {
    const read = startTableRead(proc, FILES);
    expect([...read.finish(['udp']).keys()]).toEqual(['udp']);
  });
});

describe('worthAWorker', () => {
  it('counts TCP and UDP sockets of both families from the kernel\'s sockstat files', () => {
    const net = path.join(proc, 'net');
    // Written as the kernel writes them (net/ipv4/proc.c, net/ipv6/proc.c); UDPLITE and RAW do not count.
    const v4 = (tcp: number, udp: number) => `sockets: used 99999\nTCP: inuse ${tcp} orphan 0 tw 7 alloc ${tcp} mem 1\nUDP: inuse ${udp} mem 0\nUDPLITE: inuse 5000\nRAW: inuse 5000\nFRAG: inuse 0 memory 0\n`;
    const v6 = (tcp: number, udp: number) => `TCP6: inuse ${tcp}\nUDP6: inuse ${udp}\nUDPLITE6: inuse 5000\nRAW6: inuse 5000\nFRAG6: inuse 0 memory 0\n`;
    expect(worthAWorker(proc)).toBe(false); // no sockstat: read on the calling thread
    writeFileSync(path.join(net, 'sockstat'), v4(10, 3));
    writeFileSync(path.join(net, 'sockstat6'), v6(4, 1));
    expect(worthAWorker(proc)).toBe(false);
    writeFileSync(path.join(net, 'sockstat'), v4(WORKER_MIN_SOCKETS / 4, WORKER_MIN_SOCKETS / 4));
    writeFileSync(path.join(net, 'sockstat6'), v6(WORKER_MIN_SOCKETS / 4, WORKER_MIN_SOCKETS / 4 - 1));
    expect(worthAWorker(proc)).toBe(false);
    writeFileSync(path.join(net, 'sockstat6'), v6(WORKER_MIN_SOCKETS / 4, WORKER_MIN_SOCKETS / 4));
    expect(worthAWorker(proc)).toBe(true);
  });
});
