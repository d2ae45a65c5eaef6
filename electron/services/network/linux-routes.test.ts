// /proc/net/route and /proc/net/ipv6_route parsing, with the kernel's own text as the oracle where it runs.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { _forTests, parseProcIpv6Route, parseProcNetRoute } from './linux-routes';

const ROUTE = `Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
wlan0\t00000000\t0102A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0
eth0\t00000000\t01320A0A\t0003\t0\t0\t100\t00000000\t0\t0\t0
eth0\t00320A0A\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0
wg0\t00000000\t00000000\t0001\t0\t0\t50\t00000000\t0\t0\t0
`;

const V6 = `00000000000000000000000000000000 00 00000000000000000000000000000000 00 fe800000000000000000000000000001 00000400 00000001 00000000 00000003     eth0
20010db8005000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0
00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo
`;

describe('linux routes', () => {
  it('finds default routes, lowest metric first, with and without a gateway', () => {
    expect(parseProcNetRoute(ROUTE)).toEqual([
      { interfaceName: 'wg0', gateway: null, metric: 50 },
      { interfaceName: 'eth0', gateway: '10.10.50.1', metric: 100 },
      { interfaceName: 'wlan0', gateway: '192.168.2.1', metric: 600 },
    ]);
  });

  it('finds the IPv6 default gateway and skips the kernel\'s unreachable route', () => {
    expect(parseProcIpv6Route(V6)).toEqual([{ interfaceName: 'eth0', gateway: 'fe80::1', metric: 0x400 }]);
    expect(_forTests.hexToIpv6('20010db8000000000000000000000010')).toBe('2001:db8::10');
    expect(_forTests.hexToIpv6('20010db8000100020003000400050006')).toBe('2001:db8:1:2:3:4:5:6');
  });

  it('ignores garbage lines and rejects malformed addresses', () => {
    expect(parseProcNetRoute('header\nnonsense\n\n')).toEqual([]);
    expect(() => _forTests.hexToIpv4('XYZ')).toThrow(SyntaxError);
  });

  it('agrees with `ip -4 route show default` on this machine (read only)', () => {
    let ipText: string;
    try {
      ipText = execFileSync('ip', ['-4', 'route', 'show', 'default'], { encoding: 'utf8' });
    } catch {
      return expect.fail('ip (iproute2) is needed for this differential test');
    }
    const fromIp = [...ipText.matchAll(/^default (?:via (\S+) )?dev (\S+)/gm)].map((m) => `${m[2]} ${m[1] ?? '-'}`).sort();
    const fromProc = parseProcNetRoute(readFileSync('/proc/net/route', 'utf8')).map((r) => `${r.interfaceName} ${r.gateway ?? '-'}`).sort();
    expect(fromProc).toEqual(fromIp);
  });
});
