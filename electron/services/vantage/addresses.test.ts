// Which path an arrival took, from this computer's own networks; the LAN address for the link.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { hostPort, inPrefix, lanAddresses, linkOf, localNets, pathOf, type LocalNet } from './addresses';
import { parseProcRoute } from './gateways';

const NETS: LocalNet[] = [
  { address: '127.0.0.1', family: 4, prefix: 8, internal: true },
  { address: '::1', family: 6, prefix: 128, internal: true },
  { address: '192.168.50.10', family: 4, prefix: 24, internal: false },
  { address: '2001:db8:50::10', family: 6, prefix: 64, internal: false },
];
const GW = ['192.168.50.1'];

describe('pathOf', () => {
  it.each([
    ['203.0.113.20', false, 'internet'],
    ['203.0.113.20', true, 'internet'],
    ['::ffff:203.0.113.20', false, 'internet'],
    ['192.168.50.20', false, 'lan'],
    ['::ffff:192.168.50.20', false, 'lan'],
    ['2001:db8:50::20', false, 'lan'],
    ['2001:db8:51::20', false, 'internet'],
    // The public link opened from inside: the router looped it back.
    ['192.168.50.20', true, 'hairpin'],
    // A looping router shows up as itself.
    ['192.168.50.1', false, 'hairpin'],
    ['192.168.50.10', true, 'hairpin'],
    // This computer over the LAN link or loopback proves nothing.
    ['192.168.50.10', false, null],
    ['127.0.0.1', false, null],
    ['::1', false, null],
    ['192.168.51.20', false, 'internet'],
  ] as const)('%s (public link: %s) → %s', (address, viaPublic, want) => {
    expect(pathOf(address, NETS, { viaPublic, gateways: GW })).toBe(want);
  });
});

describe('addresses', () => {
  it('prefers private IPv4 LAN addresses, never loopback or link-local', () => {
    const nets: LocalNet[] = [
      { address: '169.254.3.4', family: 4, prefix: 16, internal: false },
      { address: '198.51.100.7', family: 4, prefix: 24, internal: false },
      { address: '10.1.2.3', family: 4, prefix: 8, internal: false },
      ...NETS,
    ];
    expect(lanAddresses(nets)).toEqual(['10.1.2.3', '192.168.50.10', '198.51.100.7']);
  });

  it('prefix membership at the edges', () => {
    expect(inPrefix('192.168.50.255', '192.168.50.10', 24)).toBe(true);
    expect(inPrefix('192.168.51.0', '192.168.50.10', 24)).toBe(false);
    expect(inPrefix('10.200.0.1', '10.0.0.1', 8)).toBe(true);
    expect(inPrefix('2001:db8:50::ffff', '2001:db8:50::1', 64)).toBe(true);
    expect(inPrefix('1.2.3.4', '2001:db8::1', 0)).toBe(false);
    expect(inPrefix('not an address', '10.0.0.1', 8)).toBe(false);
  });

  it('links put IPv6 in brackets', () => {
    expect(hostPort('::ffff:1.2.3.4', 80)).toBe('1.2.3.4:80');
    expect(linkOf('2001:db8::1', 7777, '/abc')).toBe('http://[2001:db8::1]:7777/abc');
  });

  it('reads this machine\'s interfaces as `ip` lists them', () => {
    const nets = localNets(os.networkInterfaces());
    const ip = execFileSync('ip', ['-o', 'addr', 'show'], { encoding: 'utf8' });
    for (const n of nets) expect(ip).toContain(`${n.address.replace(/%.*$/, '')}/${n.prefix}`);
  });

  it('finds the default gateways `ip route` shows', () => {
    const text = readFileSync('/proc/net/route', 'latin1');
    const mine = parseProcRoute(text, os.endianness() === 'LE').sort();
    const ip = execFileSync('ip', ['-4', 'route', 'show', 'default'], { encoding: 'utf8' });
    const theirs = [...new Set([...ip.matchAll(/via (\d+\.\d+\.\d+\.\d+)/g)].map((m) => m[1]!))].sort();
    expect(mine).toEqual(theirs);
    expect(parseProcRoute('Iface\tDestination\tGateway\neth0\t00000000\t0132A8C0\t0003\n', true)).toEqual(['192.168.50.1']);
    expect(parseProcRoute('Iface\tDestination\tGateway\neth0\t00000000\tC0A83201\t0003\n', false)).toEqual(['192.168.50.1']);
    expect(parseProcRoute('garbage\nx y z\n', true)).toEqual([]);
  });
});
