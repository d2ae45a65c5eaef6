// MAC makers: the 802 bits of the first byte, longest-prefix lookup, and the real IEEE registry in
// its worker thread. The expected makers were read by hand from oui-data's index.json (line numbers
// of oui-data 2.1.9 beside each), not computed by the code under test.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lookupVendors } from './mac-vendor-client';
import { lookupVendor, macHex, macKind } from './mac-vendor';

describe('macKind (IEEE 802 U/L and I/G bits)', () => {
  it.each([
    ['3c:37:86:aa:bb:cc', 'universal'], // 0x3c = 0011 1100: both low bits clear
    ['b8:27:eb:01:02:03', 'universal'],
    ['02:42:ac:11:00:02', 'local'], // Docker's made-up prefix: 0x02
    ['da:a1:19:00:00:01', 'local'], // 0xda = 1101 1010: a phone's private Wi-Fi address
    ['3E-22-FB-12-34-56', 'local'], // 0x3e: bit 1 set, Windows spelling
    ['01:00:5e:00:00:fb', 'group'], // IPv4 multicast (mDNS)
    ['33:33:00:00:00:01', 'group'], // IPv6 multicast
    ['ff:ff:ff:ff:ff:ff', 'group'],
  ])('%s is %s', (mac, kind) => expect(macKind(mac)).toBe(kind));

  it('anything that is not six bytes is no MAC', () => {
    for (const bad of ['', '3c:37:86', '3c:37:86:aa:bb:cc:dd', 'zz:37:86:aa:bb:cc', 'incomplete']) expect(macKind(bad)).toBeNull();
    expect(macHex('3c37.86aa.bbcc')).toBe('3C3786AABBCC');
  });
});

describe('lookupVendor (longest prefix first)', () => {
  const registry = {
    C85CE2: 'IEEE Registration Authority\n445 Hoes Lane',
    C85CE27: 'SYNERGY SYSTEMS AND SOLUTIONS\nA1526, GREEN FIELDS COLONY',
    '70B3D5': 'IEEE Registration Authority\n445 Hoes Lane',
    '70B3D5F2E': 'Shanghai JCY Technology Company\n304, 228 Jiang Chang 3rd Road',
    '3C3786': 'NETGEAR\n3553 N. First Street',
    ACDE48: 'Private',
  };
  it('takes the name line of the most specific block', () => {
    expect(lookupVendor(registry, 'c8:5c:e2:7a:bc:de')).toBe('SYNERGY SYSTEMS AND SOLUTIONS');
    expect(lookupVendor(registry, '70:b3:d5:f2:e0:01')).toBe('Shanghai JCY Technology Company');
    expect(lookupVendor(registry, '3C-37-86-AA-BB-CC')).toBe('NETGEAR');
  });
  it('a block the IEEE holds itself, or a buyer who stays unnamed, is no maker', () => {
    expect(lookupVendor(registry, 'c8:5c:e2:10:00:00')).toBeNull();
    expect(lookupVendor(registry, '70:b3:d5:00:00:01')).toBeNull();
    expect(lookupVendor(registry, 'ac:de:48:00:11:22')).toBeNull();
  });
  it('local and group addresses have no maker even when their bytes match a prefix', () => {
    // 0x3e is 0x3c with the U/L bit set: software made it up, NETGEAR did not.
    expect(lookupVendor(registry, '3e:37:86:aa:bb:cc')).toBeNull();
    expect(lookupVendor({ ...registry, '3D3786': 'Someone' }, '3d:37:86:aa:bb:cc')).toBeNull();
  });
  it('never throws and never answers from the object prototype, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const v = lookupVendor(registry, s);
        expect(v === null || Object.values(registry).some((e) => e.startsWith(v))).toBe(true);
      }),
    );
    expect(lookupVendor(registry, 'constructor')).toBeNull();
  });
});

describe('lookupVendors (the real registry in a worker thread)', () => {
  it('names well-known makers, MA-M and MA-S blocks, and leaves the rest null', async () => {
    const found = await lookupVendors([
      'b8:27:eb:12:34:56', // index.json line 32484
      '3c:37:86:aa:bb:cc', // line 19247
      '00:15:5d:01:02:03', // line 5443 (Hyper-V)
      'a4:91:b1:00:0c:02', // line 30559
      'c8:5c:e2:7a:bc:de', // MA-M, line 45211
      '70:b3:d5:f2:e1:23', // MA-S, line 50660
      '70:b3:d5:00:00:01', // 70B3D5000 is not assigned: the IEEE's own block
      'ac:de:48:00:11:22', // line 31543: "Private"
      'b8:27:eb:12:34:56', // asked twice, answered once
    ]);
    expect([...found]).toEqual([
      ['b8:27:eb:12:34:56', 'Raspberry Pi Foundation'],
      ['3c:37:86:aa:bb:cc', 'NETGEAR'],
      ['00:15:5d:01:02:03', 'Microsoft Corporation'],
      ['a4:91:b1:00:0c:02', 'Vantiva Technologies Belgium'],
      ['c8:5c:e2:7a:bc:de', 'SYNERGY SYSTEMS AND SOLUTIONS'],
      ['70:b3:d5:f2:e1:23', 'Shanghai JCY Technology Company'],
      ['70:b3:d5:00:00:01', null],
      ['ac:de:48:00:11:22', null],
    ]);
  });

  it('starts no worker for no MACs, and honours an aborted signal', async () => {
    expect((await lookupVendors([])).size).toBe(0);
    const ac = new AbortController();
    ac.abort();
    await expect(lookupVendors(['b8:27:eb:12:34:56'], ac.signal)).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('an abort while the registry loads cancels the lookup', async () => {
    const ac = new AbortController();
    const pending = lookupVendors(['b8:27:eb:12:34:56'], ac.signal);
    ac.abort();
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
