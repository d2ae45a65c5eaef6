// The NAT verdict table: every rule, and the order between them (router WAN outranks the path).
import { describe, expect, it } from 'vitest';
import type { Hop } from './facts';
import { addressKind } from './address-kind';
import { decideNat, type NatInputs } from './nat-kind';

const path = (...addresses: (string | null)[]): Hop[] => addresses.map((a, i) => ({ hop: i + 1, address: a, kind: a ? addressKind(a) : null, rttMs: null }));
const base: NatInputs = { localAddresses: ['127.0.0.1', '192.168.1.10'], gateway: '192.168.1.1', routerWan: null, publicAddress: null, path: [] };

describe('decideNat', () => {
  it.each([
    ['this computer has the public address', { localAddresses: ['203.0.113.5'], publicAddress: '203.0.113.5' }, 'none', 'this-computer-public'],
    ['router WAN in 100.64/10', { routerWan: '100.64.7.77', publicAddress: '198.51.100.9' }, 'cgnat', 'router-wan-cgnat'],
    ['router WAN private', { routerWan: '10.0.0.10' }, 'double', 'router-wan-private'],
    ['router WAN private and a CGNAT hop further out', { routerWan: '10.0.0.10', path: path('192.168.1.1', '10.0.0.1', '100.64.0.1') }, 'cgnat', 'router-wan-private'],
    ['router WAN public and equal to the public address', { routerWan: '198.51.100.10', publicAddress: '198.51.100.10', path: path('192.168.1.1', '10.9.9.9') }, 'single', 'router-wan-is-public-address'],
    ['router WAN public but the internet sees another address', { routerWan: '198.51.100.10', publicAddress: '198.51.100.20' }, 'cgnat', 'router-wan-differs'],
    ['no router WAN, a CGNAT hop', { path: path('192.168.1.1', '100.64.0.1', '198.51.100.1') }, 'cgnat', 'hop-cgnat'],
    ['no router WAN, a private hop after the router', { path: path('192.168.1.1', '10.0.0.1', '198.51.100.1') }, 'double', 'hop-private'],
    ['no router WAN, the hop after the router is public', { path: path('192.168.1.1', '198.51.100.1', '10.1.1.1') }, 'single', 'hop-public'],
    ['only the public address', { publicAddress: '198.51.100.10', path: path('192.168.1.1', null) }, 'unknown', 'behind-some-nat'],
    ['nothing', {}, 'unknown', 'too-little-known'],
  ] as const)('%s → %s', (_name, over, kind, code) => {
    const v = decideNat({ ...base, ...over });
    expect(v.kind).toBe(kind);
    expect(v.reasons[0]!.code).toBe(code);
    expect(v.evidence).toHaveLength(v.reasons.length);
  });

  it('says the evidence in words, with the address', () => {
    expect(decideNat({ ...base, routerWan: '100.64.7.77' }).evidence[0]).toBe(
      "Your router's internet-side address is 100.64.7.77, inside the range ISPs use for carrier-grade NAT (100.64.0.0/10).",
    );
  });
});

describe('addressKind', () => {
  it.each([
    ['10.1.2.3', 'private'], ['172.16.0.1', 'private'], ['172.32.0.1', 'public'], ['192.168.0.1', 'private'],
    ['100.64.0.1', 'cgnat'], ['100.127.255.255', 'cgnat'], ['100.128.0.1', 'public'], ['169.254.1.1', 'link-local'],
    ['127.0.0.1', 'loopback'], ['::1', 'loopback'], ['fe80::1%eth0', 'link-local'], ['fd00::1', 'unique-local'],
    ['2001:db8::1', 'public'], ['224.0.0.1', 'other'], ['256.1.1.1', 'other'], ['::ffff:10.0.0.1', 'private'],
    // Only 2000::/3 is global: a first group of fewer than four digits (a clock time) is not.
    ['3fff::1', 'public'], ['21:14:03', 'other'], ['2:1::1', 'other'],
  ] as const)('%s is %s', (a, kind) => expect(addressKind(a)).toBe(kind));
});
