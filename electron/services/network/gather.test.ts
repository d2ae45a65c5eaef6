// gatherNetworkFacts wiring on macOS and Windows with recorded tool output; nothing leaves this
// computer (NAT-PMP is a stand-in, no companion or STUN server is named, so nothing is traced).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandOutcome, CommandRequest } from '../os/command';
import { gatherNetworkFacts } from './gather';
import type { readRouterWan } from './nat-pmp';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');
const ok = (stdout: string): CommandOutcome => ({ kind: 'exited', exitCode: 0, stdout, stderr: '', truncated: false });
const noWan: typeof readRouterWan = async () => ({ address: null, kind: null, source: 'none', natPmp: 'no-answer', detail: 'stand-in' });
const ifaces = (name: string, address: string) => () => ({ [name]: [{ address, netmask: '255.255.255.0', family: 'IPv4' as const, mac: 'a4:91:b1:00:0c:03', internal: false, cidr: `${address}/24` }] });

describe('gatherNetworkFacts on other platforms', () => {
  it('macOS: route -n get default, arp -an and scutil --dns', async () => {
    const seen: string[] = [];
    const run = async (r: CommandRequest): Promise<CommandOutcome> => {
      seen.push([r.file, ...r.args].join(' '));
      if (r.file === 'scutil') return ok(fixture('scutil-dns-home.txt'));
      return r.file === 'route' ? ok('    gateway: 192.168.1.1\n  interface: en0\n') : ok('? (192.168.1.1) at a4:91:b1:0:c:2 on en0 ifscope [ethernet]\n');
    };
    const progress: string[] = [];
    const f = await gatherNetworkFacts({ platform: 'darwin', run, networkInterfaces: ifaces('en0', '192.168.1.23'), readRouterWan: noWan, onProgress: (s, st) => progress.push(`${s}:${st}`) });
    expect(seen.sort()).toEqual(['arp -an', 'route -n get default', 'scutil --dns']);
    expect(f.dns).toEqual({ servers: ['192.168.178.1', 'fd00::3ea6:2fff:fe4d:5201', 'fe80::3ea6:2fff:fe4d:5201%en0'], reason: null });
    expect(f.gateway).toEqual({ address: '192.168.1.1', interfaceName: 'en0', ipv6: null, reason: null });
    expect(f.interfaces[0]).toMatchObject({ name: 'en0', isDefaultRoute: true });
    // a4:91:b1 is Vantiva's (oui-data's index.json, read by hand); the registry answers in its worker.
    expect(f.neighbours.devices).toEqual([{ address: '192.168.1.1', mac: 'a4:91:b1:00:0c:02', macKind: 'universal', vendor: 'Vantiva Technologies Belgium', interfaceName: 'en0' }]);
    expect(f.interfaces[0]).toMatchObject({ mac: 'a4:91:b1:00:0c:03', macKind: 'universal', vendor: 'Vantiva Technologies Belgium' });
    expect(f.macVendors).toEqual({ state: 'looked-up', reason: null });
    expect(f.public).toMatchObject({ source: 'none', mapping: 'not-checked', reason: 'no companion or STUN server given' });
    expect(f.pathTrace.state).toBe('not-checked');
    expect(f.nat.kind).toBe('unknown');
    expect(progress.slice(0, 2)).toEqual(['lan:started', 'lan:done']);
    expect(progress).toHaveLength(8);
  });

  it('Windows: route print -4 and arp -a in the OEM code page, DNS servers from PowerShell as JSON', async () => {
    const encodings: string[] = [];
    const run = async (r: CommandRequest): Promise<CommandOutcome> => {
      encodings.push(`${r.file} ${r.encoding ?? 'utf8'}`);
      if (r.file === 'powershell.exe') {
        expect(r.args.at(-1)).toContain('Get-DnsClientServerAddress');
        return ok(fixture('dns-client-windows-de.json'));
      }
      return r.file === 'route'
        ? ok('          0.0.0.0          0.0.0.0      192.168.178.1   192.168.178.23     35\n')
        : ok('Schnittstelle: 192.168.178.23 --- 0xb\n  192.168.178.1         a4-91-b1-00-0c-02     dynamisch\n');
    };
    const f = await gatherNetworkFacts({ platform: 'win32', run, networkInterfaces: ifaces('WLAN', '192.168.178.23'), readRouterWan: noWan });
    expect(encodings.sort()).toEqual(['arp latin1', 'powershell.exe utf8', 'route latin1']);
    expect(f.gateway).toMatchObject({ address: '192.168.178.1', interfaceName: 'WLAN' });
    // Only WLAN is up here (the disconnected Ethernet's 192.168.0.1 is not asked), IPv4 first.
    expect(f.dns).toEqual({ servers: ['192.168.178.1', 'fd00::3ea6:2fff:fe4d:5201', 'fe80::3ea6:2fff:fe4d:5201%11'], reason: null });
    expect(f.neighbours.devices).toHaveLength(1);
  });

  it('a private (randomized) MAC is asked of no registry; a failed registry is said once, not taken for "no maker"', async () => {
    const asked: string[][] = [];
    const run = async (r: CommandRequest): Promise<CommandOutcome> =>
      r.file === 'route' ? ok('    gateway: 192.168.1.1\n  interface: en0\n') : ok('? (192.168.1.1) at a4:91:b1:0:c:2 on en0 ifscope [ethernet]\n? (192.168.1.40) at da:a1:19:0:0:1 on en0 ifscope [ethernet]\n');
    const f = await gatherNetworkFacts({
      platform: 'darwin',
      run,
      networkInterfaces: ifaces('en0', '192.168.1.23'),
      readRouterWan: noWan,
      lookupVendors: async (macs) => {
        asked.push([...macs]);
        throw new Error('the maker registry worker ended (exit code 1) without answering');
      },
    });
    expect(asked).toEqual([['a4:91:b1:00:0c:03', 'a4:91:b1:00:0c:02']]);
    expect(f.macVendors).toEqual({ state: 'failed', reason: 'the maker registry worker ended (exit code 1) without answering' });
    expect(f.neighbours.devices.map((d) => [d.macKind, d.vendor])).toEqual([['universal', null], ['local', null]]);
  });

  it('a missing tool becomes the reason, not a crash', async () => {
    const run = async (r: CommandRequest): Promise<CommandOutcome> => ({ kind: 'not-installed', file: r.file });
    const f = await gatherNetworkFacts({ platform: 'darwin', run, networkInterfaces: ifaces('en0', '192.168.1.23'), readRouterWan: noWan });
    expect(f.gateway.reason).toBe('route is not installed');
    expect(f.neighbours.reason).toBe('arp is not installed');
    expect(f.dns).toEqual({ servers: [], reason: 'scutil is not installed' });
    expect(f.macVendors.state).toBe('looked-up');
  });
});
