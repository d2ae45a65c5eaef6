// /proc/net parser: kernel-format round trip, real /proc, and hostile input → typed errors.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kernelText, kernelWord, type KernelSocket, type Table } from './kernel-format.test-util';
import { MAX_LINE_LENGTH, ProcNetFormatError, TCP_LISTEN, parseProcNet } from './proc-net';

const byte = fc.integer({ min: 0, max: 255 });
const bytes = (n: number) => fc.array(byte, { minLength: n, maxLength: n });

/** IPv6 text normalised by the WHATWG URL serializer: an oracle that shares no code with ours. */
const canonical6 = (text: string) => new URL(`http://[${text}]/`).hostname;
const full6 = (b: number[]) => {
  const g: string[] = [];
  for (let i = 0; i < 16; i += 2) g.push(((b[i]! << 8) | b[i + 1]!).toString(16));
  return g.join(':');
};

const socketArb = (family: 4 | 6) =>
  fc.record({
    family: fc.constant(family),
    local: fc.oneof(
      bytes(family === 4 ? 4 : 16),
      // v4-mapped IPv6 (::ffff:a.b.c.d): how dual-stack sockets show IPv4 peers and binds.
      family === 6 ? bytes(4).map((v4) => [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...v4]) : bytes(4),
      fc.constant(new Array<number>(family === 4 ? 4 : 16).fill(0)),
    ),
    localPort: fc.integer({ min: 0, max: 0xffff }),
    remote: bytes(family === 4 ? 4 : 16),
    remotePort: fc.integer({ min: 0, max: 0xffff }),
    state: fc.integer({ min: 1, max: 12 }),
    uid: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    inode: fc.integer({ min: 0, max: 2 ** 40 }),
  }) satisfies fc.Arbitrary<KernelSocket>;

const tableArb = fc.constantFrom<Table>('tcp', 'udp');

describe('round trip through the kernel format', () => {
  for (const family of [4, 6] as const) {
    it(`IPv${family}: %08X words and %04X ports, both byte orders`, () => {
      fc.assert(
        fc.property(tableArb, fc.boolean(), fc.array(socketArb(family), { maxLength: 40 }), (table, le, sockets) => {
          const parsed = parseProcNet(kernelText(table, family, sockets, le), { family, littleEndian: le });
          expect(parsed).toHaveLength(sockets.length);
          parsed.forEach((p, i) => {
            const s = sockets[i]!;
            expect(p).toMatchObject({ family, localPort: s.localPort, remotePort: s.remotePort, state: s.state, uid: s.uid, inode: s.inode });
            if (family === 4) {
              expect(p.localAddress).toBe(s.local.join('.'));
              expect(p.remoteAddress).toBe(s.remote.join('.'));
            } else {
              expect(canonical6(p.localAddress)).toBe(canonical6(full6(s.local)));
              expect(canonical6(p.remoteAddress)).toBe(canonical6(full6(s.remote)));
              const v4 = s.local.slice(12).join('.');
              if (s.local.slice(0, 12).join() === '0,0,0,0,0,0,0,0,0,0,255,255') expect(p.localAddress).toBe(`::ffff:${v4}`);
            }
          });
        }),
      );
    });
  }

  it('reads the IPv6 words in host order: ::1 is 00000000000000000000000001000000 on little-endian', () => {
    expect(kernelWord([0, 0, 0, 1], true)).toBe('01000000');
    const text = kernelText('tcp', 6, [{ family: 6, local: [...new Array(15).fill(0), 1], localPort: 8080, remote: new Array(16).fill(0), remotePort: 0, state: TCP_LISTEN, uid: 0, inode: 7 }]);
    expect(text).toContain('00000000000000000000000001000000:1F90');
    expect(parseProcNet(text, { family: 6, littleEndian: true })[0]).toMatchObject({ localAddress: '::1', localPort: 8080 });
  });

  it('filters by state and port without changing what is kept', () => {
    fc.assert(
      fc.property(fc.array(socketArb(4), { maxLength: 30 }), fc.integer({ min: 1, max: 12 }), (sockets, state) => {
        const text = kernelText('tcp', 4, sockets);
        const all = parseProcNet(text, { family: 4, littleEndian: true });
        const port = sockets[0]?.localPort ?? 1;
        expect(parseProcNet(text, { family: 4, littleEndian: true, state, port })).toEqual(all.filter((s) => s.state === state && s.localPort === port));
      }),
    );
  });

  it('parses this machine\'s real tables', () => {
    for (const [file, family] of [['tcp', 4], ['tcp6', 6], ['udp', 4], ['udp6', 6]] as const) {
      let text: string;
      try {
        text = readFileSync(`/proc/net/${file}`, 'latin1');
      } catch {
        continue;
      }
      const rows = parseProcNet(text, { family, littleEndian: true });
      expect(rows.length).toBe(text.split('\n').length - 2);
    }
  });
});

const sample = kernelText('tcp', 4, [
  { family: 4, local: [127, 0, 0, 1], localPort: 631, remote: [0, 0, 0, 0], remotePort: 0, state: 10, uid: 0, inode: 1234 },
  { family: 4, local: [0, 0, 0, 0], localPort: 22, remote: [0, 0, 0, 0], remotePort: 0, state: 10, uid: 0, inode: 5678 },
]);
const sample6 = kernelText('udp', 6, [
  { family: 6, local: new Array(16).fill(0), localPort: 5353, remote: new Array(16).fill(0), remotePort: 0, state: 7, uid: 102, inode: 99 },
]);

function reasonOf(text: string, family: 4 | 6 = 4): string | 'ok' {
  try {
    parseProcNet(text, { family, littleEndian: true });
    return 'ok';
  } catch (e) {
    if (e instanceof ProcNetFormatError) return e.reason;
    throw e;
  }
}

describe('hostile input', () => {
  it('any truncation either errors with a type or yields a prefix of the rows', () => {
    const full = parseProcNet(sample, { family: 4, littleEndian: true });
    for (let cut = 0; cut < sample.length; cut++) {
      const text = sample.slice(0, cut);
      const r = reasonOf(text);
      if (r === 'ok') {
        expect(text.endsWith('\n')).toBe(true);
        expect(full.slice(0, parseProcNet(text, { family: 4, littleEndian: true }).length)).toEqual(parseProcNet(text, { family: 4, littleEndian: true }));
      } else expect(['truncated', 'missing-header']).toContain(r);
    }
  });

  it('names each failure', () => {
    expect(reasonOf('')).toBe('missing-header');
    expect(reasonOf('hello\n')).toBe('missing-header');
    expect(reasonOf(sample.replaceAll('\n', '\r\n'))).toBe('unexpected-character');
    expect(reasonOf(sample.replace('0100007F', '0100007G'))).toBe('bad-field');
    expect(reasonOf(sample.replace(':0277 ', ':10277 '))).toBe('port-out-of-range');
    expect(reasonOf(sample.replace(':0277 ', ':FFFFFFFFF '))).toBe('port-out-of-range');
    expect(reasonOf(sample.replace('1234', `1234${'9'.repeat(30)}`))).toBe('bad-field');
    expect(reasonOf(sample + `${'x'.repeat(10_000)}\n`)).toBe('line-too-long');
    expect(reasonOf(sample6.replace('00000000000000000000000000000000:14E9', '0000:14E9'), 6)).not.toBe('ok');
    expect(reasonOf(sample.replace(' 0A ', ' 0A0 '))).toBe('bad-field');
    expect(reasonOf(sample.replace('\0', '') + '   2: 0100007F\0:0277\n')).toBe('unexpected-character');
  });

  it('garbage of any kind yields rows or a ProcNetFormatError, nothing else', () => {
    const noise = fc.oneof(fc.string({ maxLength: 300 }), fc.stringMatching(/^[0-9A-F: \n\r]{0,400}$/));
    fc.assert(
      fc.property(noise, fc.nat(sample.length), (junk, at) => {
        for (const text of [junk, sample.slice(0, at) + junk + sample.slice(at)]) {
          expect(() => reasonOf(text)).not.toThrow();
          expect(() => reasonOf(text, 6)).not.toThrow();
        }
      }),
    );
  });

  // How long these take is measured by `npm run bench:listeners` (parser scaling), not here: a
  // timed unit test fails on a loaded machine without anything being wrong.
  it('refuses a 10 MB line by its length, and parses 40k rows whole', () => {
    const huge = `${sample}   9: ${'A'.repeat(10_000_000)}`;
    expect(reasonOf(huge)).toBe('line-too-long');
    expect(MAX_LINE_LENGTH).toBeLessThan(10_000);

    const rows = Array.from({ length: 40_000 }, (_, i) => ({
      family: 6 as const, local: [0x20, 1, 0xd, 0xb8, ...new Array(10).fill(0), i >> 8, i & 255], localPort: i % 65536,
      remote: new Array(16).fill(0), remotePort: 0, state: 10, uid: 1000, inode: i,
    }));
    const big = kernelText('tcp', 6, rows);
    const parsed = parseProcNet(big, { family: 6, littleEndian: true, state: TCP_LISTEN });
    expect(parsed).toHaveLength(40_000);
    expect(parsed[39_999]).toMatchObject({ localAddress: '2001:db8::9c3f', localPort: 39_999, inode: 39_999 });
    const bad = big.replace(/\n$/, 'X');
    expect(reasonOf(bad, 6)).toBe('truncated');
  });
});
