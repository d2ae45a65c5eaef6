import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatPortSpec, parsePortSpec } from './port-spec';

describe('parsePortSpec', () => {
  it('reads lists, ranges and all', () => {
    expect(parsePortSpec('22,80,8000-8003')).toEqual([22, 80, 8000, 8001, 8002, 8003]);
    expect(parsePortSpec(' 80 , 22,22 ')).toEqual([22, 80]);
    expect(parsePortSpec('all')).toHaveLength(65535);
    expect(parsePortSpec('all')[0]).toBe(1);
    expect(parsePortSpec('65535')).toEqual([65535]);
  });
  it.each(['', '0', '65536', '80-70', 'http', '1,,2', '-5', '1-2-3', '99999999'])('rejects %j', (spec) => {
    expect(() => parsePortSpec(spec)).toThrow(RangeError);
  });
  it('round-trips through formatPortSpec', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { maxLength: 300 }), (ports) => {
        fc.pre(ports.length > 0);
        const sorted = [...ports].sort((a, b) => a - b);
        expect(parsePortSpec(formatPortSpec(ports))).toEqual(sorted);
      }),
    );
  });
  it('either parses to valid ports or throws RangeError on hostile input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        try {
          const ports = parsePortSpec(s);
          expect(ports.every((p) => Number.isInteger(p) && p >= 1 && p <= 65535)).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(RangeError);
        }
      }),
    );
  });
});
