// The table read shared with a worker thread (table-read.ts), on /proc/net files written to disk.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProcText } from '../../os/proc-text';
import { startTableRead } from './table-read';

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
