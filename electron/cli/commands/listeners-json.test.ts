// The hand-written `--json` text is byte for byte what JSON.stringify makes of the same rows.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Listener } from '../../../shared/channels/listeners';
import { JSON_FIELDS, listenersJsonText, newJsonMemo, writeListenersJson } from './listeners-json';

const reference = (rows: readonly Listener[], indent?: number) =>
  `${JSON.stringify({ listeners: rows.map((r) => Object.fromEntries(JSON_FIELDS.map((f) => [f, r[f]]))) }, null, indent ?? 2)}\n`;

const text = fc.string({ unit: 'binary' });
const row: fc.Arbitrary<Listener> = fc.record({
  protocol: fc.constantFrom('tcp', 'udp'),
  family: fc.constantFrom(4, 6),
  address: fc.oneof(fc.ipV4(), fc.ipV6(), text),
  port: fc.integer({ min: 0, max: 65535 }),
  exposure: fc.constantFrom('loopback', 'interface', 'all'),
  pid: fc.option(fc.oneof(fc.nat(), fc.constantFrom(1, 2))),
  process: fc.option(text),
  command: fc.option(text),
  user: fc.option(text),
  category: fc.constantFrom('well-known', 'registered', 'dynamic'),
  service: fc.option(fc.constantFrom('ssh', 'minecraft', 'a"b\\c', '\u2028')),
  serviceDescription: fc.option(text),
  privileged: fc.boolean(),
  exePath: fc.option(text),
  ownerUnknownReason: fc.option(fc.constantFrom('permission', 'vanished', 'not-found')),
});

describe('listenersJsonText', () => {
  it('equals JSON.stringify(…, null, 2) for any rows, including hostile strings', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 6 }), (rows) => {
        expect(listenersJsonText(rows)).toBe(reference(rows));
      }),
      { numRuns: 500 },
    );
  });

  it('compact equals JSON.stringify(…) on one line for any rows (the --watch document)', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 6 }), (rows) => {
        const t = listenersJsonText(rows, 'compact');
        expect(t).toBe(reference(rows, 0));
        expect(t.indexOf('\n')).toBe(t.length - 1);
      }),
      { numRuns: 500 },
    );
  });

  it('with a memo: the same document for the same rows, a new one when any row object changes', () => {
    const [rows] = fc.sample(fc.array(row, { minLength: 5, maxLength: 5 }), { numRuns: 1, seed: 7 });
    const memo = newJsonMemo();
    const text = (rs: Listener[]) => {
      const pieces: Uint8Array[] = [];
      writeListenersJson(rs, (b) => pieces.push(b), 'compact', memo);
      return Buffer.concat(pieces).toString('utf8');
    };
    expect(text(rows!)).toBe(reference(rows!, 0));
    expect(text(rows!)).toBe(reference(rows!, 0));
    const changed = [...rows!.slice(0, 4), { ...rows![4]!, port: (rows![4]!.port + 1) % 65536 }];
    expect(text(changed)).toBe(reference(changed, 0));
    expect(text(rows!.slice(1))).toBe(reference(rows!.slice(1), 0));
  });

  it('many rows come in pieces of about a megabyte, each whole UTF-8, that together are the same document', () => {
    const [sample] = fc.sample(fc.array(row, { minLength: 2500, maxLength: 2500 }), { numRuns: 1, seed: 4 });
    // About 4.5 MB, with two- and four-byte characters everywhere a piece could end.
    const rows = sample!.map((r, i) => ({ ...r, pid: i % 5 === 0 ? 42 : r.pid, command: `${r.command ?? ''}${'é😀'.repeat(300 + (i % 7))}` }));
    const pieces: Uint8Array[] = [];
    writeListenersJson(rows, (b) => pieces.push(b));
    expect(pieces.length).toBeGreaterThan(3);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(1 << 20);
    const whole = new TextDecoder('utf-8', { fatal: true });
    expect(pieces.map((p) => whole.decode(p)).join('')).toBe(reference(rows));
  });

  it('a row longer than a piece is written whole, in a piece of its own size', () => {
    const [sample] = fc.sample(fc.array(row, { minLength: 3, maxLength: 3 }), { numRuns: 1, seed: 9 });
    const rows = sample!.map((r, i) => (i === 1 ? { ...r, pid: 7, command: 'x'.repeat(3 << 20) } : r));
    const pieces: Uint8Array[] = [];
    writeListenersJson(rows, (b) => pieces.push(b));
    expect(pieces.some((p) => p.length > 3 << 20)).toBe(true);
    expect(Buffer.concat(pieces).toString('utf8')).toBe(reference(rows));
  });

  it('a piece handed on is never written into again, with or without a memo', () => {
    const [rows] = fc.sample(fc.array(row, { minLength: 3000, maxLength: 3000 }), { numRuns: 1, seed: 5 });
    const long = rows!.map((r) => ({ ...r, command: 'c'.repeat(600) }));
    for (const memo of [undefined, newJsonMemo()]) {
      const pieces: Uint8Array[] = [];
      const copies: Buffer[] = [];
      const write = (b: Uint8Array) => {
        pieces.push(b);
        copies.push(Buffer.from(b));
      };
      writeListenersJson(long, write, 'pretty', memo);
      writeListenersJson(long.slice(1), write, 'pretty', memo);
      expect(pieces.length).toBeGreaterThan(2);
      pieces.forEach((p, i) => expect(Buffer.compare(Buffer.from(p), copies[i]!)).toBe(0));
    }
  });

  it('no rows is an empty array', () => {
    expect(listenersJsonText([])).toBe('{\n  "listeners": []\n}\n');
  });
});
