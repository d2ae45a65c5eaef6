// DNS server readers for macOS (`scutil --dns`) and Windows (Get-DnsClientServerAddress as JSON) on
// recorded-shape fixtures: a home Wi-Fi with IPv4, ULA and link-local IPv6 servers and the usual
// mDNS resolvers; a VPN with a supplemental domain; no network; German Windows interface names with
// the fec0 placeholders and a disconnected adapter; a lone interface (ConvertTo-Json's bare object).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DnsOutputError, dnsFact, parseScutilDns, parseWindowsDnsServers } from './dns-servers';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

describe('parseScutilDns', () => {
  it('home Wi-Fi: the default resolver\'s servers in order, IPv6 kept with its zone, mDNS resolvers and the scoped copy skipped', () => {
    expect(parseScutilDns(fixture('scutil-dns-home.txt'))).toEqual(['192.168.178.1', 'fd00::3ea6:2fff:fe4d:5201', 'fe80::3ea6:2fff:fe4d:5201%en0']);
  });

  it('VPN: both default resolvers in macOS\'s order without the repeated server; the supplemental corp.example server is not a default', () => {
    expect(parseScutilDns(fixture('scutil-dns-vpn.txt'))).toEqual(['10.8.0.1', '192.168.1.1', '2001:db8:1::53']);
  });

  it('no network: only mDNS, so no server', () => {
    expect(parseScutilDns(fixture('scutil-dns-offline.txt'))).toEqual([]);
    expect(dnsFact('darwin', fixture('scutil-dns-offline.txt'))).toEqual({ servers: [], reason: 'scutil --dns names no default resolver (no network, or only mDNS)' });
  });

  it('only scoped resolvers: read them rather than say nothing', () => {
    const text = 'DNS configuration\n\nresolver #1\n  domain   : local\n  options  : mdns\n\nDNS configuration (for scoped queries)\n\nresolver #1\n  nameserver[0] : 192.168.1.1\n  if_index : 6 (en0)\n  flags    : Scoped, Request A records\n';
    expect(parseScutilDns(text)).toEqual(['192.168.1.1']);
  });

  it('any text: no throw, and every answer is a nameserver line of the input', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom('DNS configuration', 'resolver #1', '  nameserver[0] : 10.0.0.1', '  domain   : local', '  options  : mdns', 'DNS configuration (for scoped queries)'), fc.string()), { maxLength: 30 }), (lines) => {
        const text = lines.join('\n');
        for (const s of parseScutilDns(text)) expect(text).toContain(`: ${s}`);
      }),
    );
  });
});

describe('parseWindowsDnsServers', () => {
  const connected = ['WLAN', 'vEthernet (WSL)', 'Loopback Pseudo-Interface 1'];

  it('German Windows: the connected Wi-Fi\'s servers, IPv4 first; the disconnected Ethernet, fec0 placeholders and loopback skipped', () => {
    expect(parseWindowsDnsServers(fixture('dns-client-windows-de.json'), { connected, preferred: 'WLAN' })).toEqual([
      '192.168.178.1',
      'fd00::3ea6:2fff:fe4d:5201',
      'fe80::3ea6:2fff:fe4d:5201%11',
    ]);
  });

  it('the default route\'s interface comes first; with no interface known to be up, all are read', () => {
    const all = parseWindowsDnsServers(fixture('dns-client-windows-de.json'), { preferred: 'Ethernet' });
    expect(all).toEqual(['192.168.0.1', '192.168.178.1', 'fd00::3ea6:2fff:fe4d:5201', 'fe80::3ea6:2fff:fe4d:5201%11']);
  });

  it('one interface: ConvertTo-Json writes a bare object, not a list', () => {
    expect(parseWindowsDnsServers(fixture('dns-client-windows-single.json'), { connected: ['Ethernet'] })).toEqual(['10.20.0.53', '10.20.0.54']);
  });

  it('names for the address family, a lone string and null are read too', () => {
    const text = JSON.stringify([
      { InterfaceAlias: 'Ethernet', InterfaceIndex: 4, AddressFamily: 'IPv6', ServerAddresses: '2001:db8::53' },
      { InterfaceAlias: 'Ethernet', InterfaceIndex: 4, AddressFamily: 'IPv4', ServerAddresses: null },
      { InterfaceAlias: 'Ethernet', InterfaceIndex: 4, AddressFamily: 2, ServerAddresses: ['192.168.1.1'] },
    ]);
    expect(parseWindowsDnsServers(text)).toEqual(['192.168.1.1', '2001:db8::53']);
    expect(parseWindowsDnsServers('[]')).toEqual([]);
    expect(parseWindowsDnsServers('null')).toEqual([]);
  });

  it('text that is not the script\'s JSON is a clear error, and the fact says why', () => {
    expect(() => parseWindowsDnsServers('Get-DnsClientServerAddress : Der Begriff wurde nicht erkannt')).toThrow(DnsOutputError);
    expect(() => parseWindowsDnsServers('[{"InterfaceAlias":"WLAN","AddressFamily":99}]')).toThrow(/unexpected shape/);
    expect(dnsFact('win32', '{"truncated":')).toEqual({ servers: [], reason: 'Get-DnsClientServerAddress did not print JSON ({"truncated":)' });
    expect(dnsFact('win32', new Error('powershell.exe is not installed'))).toEqual({ servers: [], reason: 'powershell.exe is not installed' });
  });

  it('any text: a list or a DnsOutputError, nothing else', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        try {
          expect(Array.isArray(parseWindowsDnsServers(text))).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(DnsOutputError);
        }
      }),
    );
  });
});
