import net from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callerAddress, cidrContains, isProbeTargetAllowed, parseAddress, parseCidr, parseCidrList, rateKey } from './net-address';

const cidrs = (...s: string[]) => parseCidrList(s, 'test');
const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.'));

describe('addresses', () => {
  it('normalises IPv4-mapped IPv6 to IPv4', () => {
    expect(parseAddress('::ffff:203.0.113.7')).toMatchObject({ family: 'ipv4', text: '203.0.113.7' });
    expect(parseAddress('::FFFF:cb00:7107')).toMatchObject({ family: 'ipv4', text: '203.0.113.7' });
    expect(parseAddress('2001:DB8::0:1')).toMatchObject({ family: 'ipv6', text: '2001:db8::1' });
    expect(parseAddress('1.2.3')).toBeNull();
    expect(parseAddress('01.2.3.4')).toBeNull();
  });

  it('matches CIDR blocks like node:net BlockList (differential, property)', () => {
    fc.assert(
      fc.property(v4, fc.integer({ min: 0, max: 32 }), v4, (base, prefix, probe) => {
        const list = new net.BlockList();
        list.addSubnet(base, prefix, 'ipv4');
        expect(cidrContains(parseCidr(`${base}/${prefix}`)!, parseAddress(probe)!)).toBe(list.check(probe, 'ipv4'));
      }),
      { numRuns: 3000 },
    );
  });

  it('treats ::ffff:a.b.c.d/104 as the IPv4 /8', () => {
    expect(parseCidr('::ffff:10.0.0.0/104')?.text).toBe('10.0.0.0/8');
    expect(parseCidr('10.0.0.0/33')).toBeNull();
    expect(parseCidr('10.0.0.0/8/1')).toBeNull();
  });

  it('refuses special ranges unless allow-listed', () => {
    for (const a of ['10.1.2.3', '127.0.0.1', '::ffff:127.0.0.1', '100.64.0.1', '192.168.1.10', '172.20.0.1', '169.254.1.1', '::1', 'fe80::1', 'fd00::1', '224.0.0.1', '198.51.100.2', '203.0.113.10']) {
      expect(isProbeTargetAllowed(parseAddress(a)!, []), a).toBe(false);
    }
    for (const a of ['8.8.8.8', '2a00:1450::1', '100.128.0.1', '172.32.0.1']) {
      expect(isProbeTargetAllowed(parseAddress(a)!, []), a).toBe(true);
    }
    expect(isProbeTargetAllowed(parseAddress('::ffff:127.0.0.1')!, cidrs('127.0.0.0/8'))).toBe(true);
    expect(isProbeTargetAllowed(parseAddress('10.0.0.1')!, cidrs('127.0.0.0/8'))).toBe(false);
  });

  it('keys rate limits per IPv4 /32 and per IPv6 /64', () => {
    expect(rateKey(parseAddress('::ffff:198.51.100.9')!)).toBe('198.51.100.9');
    expect(rateKey(parseAddress('2001:db8:1:2:aaaa::1')!)).toBe(rateKey(parseAddress('2001:db8:1:2:ffff::9')!));
    expect(rateKey(parseAddress('2001:db8:1:2::1')!)).not.toBe(rateKey(parseAddress('2001:db8:1:3::1')!));
  });

  it('honours X-Forwarded-For only from trusted proxies', () => {
    const proxies = cidrs('10.0.0.0/8');
    expect(callerAddress('203.0.113.5', '8.8.8.8', proxies)?.text).toBe('203.0.113.5');
    expect(callerAddress('203.0.113.5', '8.8.8.8', [])?.text).toBe('203.0.113.5');
    expect(callerAddress('10.0.0.2', '8.8.8.8', proxies)?.text).toBe('8.8.8.8');
    // A client-supplied left-most entry is ignored: the right-most untrusted hop is the caller.
    expect(callerAddress('10.0.0.2', '1.1.1.1, 9.9.9.9, 10.0.0.3', proxies)?.text).toBe('9.9.9.9');
    expect(callerAddress('10.0.0.2', 'junk', proxies)).toBeNull();
    expect(callerAddress('::ffff:10.0.0.2', ['7.7.7.7'], proxies)?.text).toBe('7.7.7.7');
  });
});
