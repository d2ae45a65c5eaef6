// Two scanners sharing one process list, stepped by hand in every order: the owners they agree on
// are those of one scanner reading the list in order, whether inodes were wanted before or after.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFdScanner, type ScanFs } from './fd-scan';

/** An in-memory /proc: pid → fd → link target; a missing pid has exited. */
function fakeFs(tables: Map<number, string[]>): ScanFs {
  const pidOf = (p: string) => Number(p.split('/')[2]);
  const enoent = () => Object.assign(new Error('gone'), { code: 'ENOENT' });
  return {
    readdirSync(p) {
      const fds = tables.get(pidOf(p));
      if (!fds) throw enoent();
      return fds.map((_, i) => String(i));
    },
    readlinkSync(p) {
      const link = tables.get(pidOf(p))?.[Number(p.split('/')[4])];
      if (link === undefined) throw enoent();
      return link;
    },
  };
}

const shared = (n: number) => new Int32Array(new SharedArrayBuffer(Math.max(1, n) * 4));

/** One scanner, in list order, from the start knowing what it wants: the reference answer. */
function reference(fs: ScanFs, pids: Int32Array, wanted: number[]): Int32Array {
  const control = shared(7);
  const owners = shared(wanted.length);
  control[3] = wanted.length;
  const s = createFdScanner(fs, '/proc', pids, control);
  s.setWanted(wanted, owners);
  while (s.scanNext());
  return owners;
}

const processes = fc.array(fc.array(fc.oneof(fc.integer({ min: 1, max: 12 }).map((i) => `socket:[${i}]`), fc.constant('pipe:[3]')), { maxLength: 5 }), {
  minLength: 1,
  maxLength: 12,
});

describe('createFdScanner', () => {
  it('two threads in any interleaving, told early or late, agree with one thread in order', () => {
    fc.assert(
      fc.property(processes, fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), fc.integer({ min: 0, max: 30 }), (tables, turns, tellAt) => {
        const pids = shared(tables.length);
        tables.forEach((_, i) => (pids[i] = 100 + i));
        const fs = fakeFs(new Map(tables.map((t, i) => [100 + i, t])));
        const wanted = [1, 2, 3, 5, 8, 11];
        const expected = reference(fs, pids, wanted);

        const control = shared(7);
        const owners = shared(wanted.length);
        control[3] = wanted.length;
        // The helper records every socket until, at turn `tellAt`, it learns what is wanted; this
        // thread knows from its first turn. Each turn reads one whole process.
        const helper = createFdScanner(fs, '/proc', pids, control);
        const main = createFdScanner(fs, '/proc', pids, control);
        main.setWanted(wanted, owners);
        const scanners = [helper, main];
        const alive = [true, true];
        for (let t = 0; alive[0] || alive[1]; t++) {
          if (t === tellAt || (!alive[1] && !helper.hasWanted)) helper.setWanted(wanted, owners);
          const pick = turns[t % turns.length] ? 0 : 1;
          const k = alive[pick] ? pick : 1 - pick;
          alive[k] = scanners[k]!.scanNext();
        }
        if (!helper.hasWanted) helper.setWanted(wanted, owners);
        expect([...owners]).toEqual([...expected]);
      }),
      { numRuns: 300 },
    );
  });

  it('stops claiming processes once every wanted inode has an owner', () => {
    const tables = new Map([[1, ['socket:[5]']], [2, ['socket:[6]']], [3, ['socket:[5]']]]);
    const pids = Int32Array.from([1, 2, 3]);
    const control = shared(7);
    control[3] = 1;
    const s = createFdScanner(fakeFs(tables), '/proc', pids, control);
    s.setWanted([5], shared(1));
    expect(s.scanNext()).toBe(true);
    expect(s.scanNext()).toBe(false);
    expect(control[0]).toBe(1);
  });
});
