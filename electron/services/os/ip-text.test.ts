// Address text must match inet_ntop (what `ss` prints).
import { isIPv6 } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ipv6Text } from './ip-text';

const groupsOf = (text: string) => {
  // Expand with the WHATWG parser (independent of ours), then read the eight groups back.
  const host = new URL(`http://[${text}]/`).hostname.slice(1, -1);
  const [head = '', tail = ''] = host.split('::');
  const h = head ? head.split(':') : [];
  const t = host.includes('::') ? (tail ? tail.split(':') : []) : [];
  const all = host.includes('::') ? [...h, ...new Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return all.map((g) => parseInt(g, 16));
};

describe('ipv6Text (glibc inet_ntop6 rules)', () => {
  it.each([
    ['::', '::'],
    ['::1', '::1'],
    ['1::', '1::'],
    ['fe80::1', 'fe80::1'],
    ['2001:db8::1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
    ['::ffff:127.0.0.1', '::ffff:127.0.0.1'],
    ['::ffff:0.0.0.0', '::ffff:0.0.0.0'],
    ['::1.2.3.4', '::1.2.3.4'],
    ['0:0:0:0:0:1:0:0', '::1:0:0'],
  ])('%s → %s', (input, want) => {
    expect(ipv6Text(groupsOf(input))).toBe(want);
  });

  it('always yields a valid IPv6 text that denotes the same address', () => {
    const group = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff }));
    fc.assert(
      fc.property(fc.array(group, { minLength: 8, maxLength: 8 }), (groups) => {
        const text = ipv6Text(groups);
        expect(isIPv6(text)).toBe(true);
        expect(groupsOf(text)).toEqual(groups);
      }),
    );
  });
});
