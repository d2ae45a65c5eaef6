// The Network page's picture model: which boxes appear for each NAT kind, with which addresses.
import { describe, expect, it } from 'vitest';
import type { NetworkFacts } from '../../../../shared/network/facts';
import { decideNat } from '../../../../shared/network/nat-kind';
import { addressKind } from '../../../../shared/network/address-kind';
import { networkPicture } from './view';

function facts(over: { routerWan?: string | null; publicAddress?: string | null; hops?: string[]; local?: string }): NetworkFacts {
  const local = over.local ?? '192.168.1.10';
  const path = (over.hops ?? []).map((a, i) => ({ hop: i + 1, address: a, kind: addressKind(a), rttMs: 1 }));
  const routerWan = over.routerWan ?? null;
  const publicAddress = over.publicAddress ?? null;
  return {
    schemaVersion: 1,
    checkedAt: '2026-12-02T04:00:00.000Z',
    interfaces: [{ name: 'eth0', mac: null, macKind: null, vendor: null, isDefaultRoute: true, addresses: [{ address: local, family: 'ipv4', prefixLength: 24, kind: addressKind(local) }] }],
    gateway: { address: '192.168.1.1', interfaceName: 'eth0', ipv6: null, reason: null },
    dns: { servers: [], reason: null },
    neighbours: { devices: [], reason: null },
    macVendors: { state: 'not-checked', reason: 'no MAC address carries a maker\'s prefix' },
    routerWan: routerWan ? { address: routerWan, kind: addressKind(routerWan), source: 'nat-pmp', natPmp: 'answered', detail: null } : { address: null, kind: null, source: 'none', natPmp: 'no-answer', detail: null },
    publicAddress,
    public: { address: publicAddress, family: publicAddress ? 'ipv4' : null, source: publicAddress ? 'companion' : 'none', mapping: 'easy', reason: null },
    path,
    pathTrace: { state: 'traced', tool: 'tracepath', target: '203.0.113.10', reason: null },
    nat: decideNat({ localAddresses: [local], gateway: '192.168.1.1', routerWan, publicAddress, path }),
  };
}

const ids = (f: NetworkFacts) => networkPicture(f).map((b) => b.id);

describe('networkPicture', () => {
  it('one router: computer → router → internet', () => {
    const f = facts({ routerWan: '198.51.100.10', publicAddress: '198.51.100.10' });
    expect(ids(f)).toEqual(['computer', 'router', 'internet']);
    expect(networkPicture(f)[1]!.lines).toEqual(['LAN side: 192.168.1.1', 'Internet side: 198.51.100.10']);
    expect(networkPicture(f)[2]).toMatchObject({ lines: ['Your public address: 198.51.100.10'], tone: 'ok' });
  });

  it('CGNAT adds the provider\'s NAT with the hop seen, and marks the public address as shared', () => {
    const f = facts({ publicAddress: '198.51.100.20', hops: ['192.168.1.1', '100.64.0.1', '198.51.100.1'] });
    expect(ids(f)).toEqual(['computer', 'router', 'second-nat', 'internet']);
    expect(networkPicture(f)[2]).toMatchObject({ title: 'Carrier-grade NAT (your provider)', lines: ['Seen on the way out: 100.64.0.1'], tone: 'bad' });
    expect(networkPicture(f)[1]!.lines[1]).toBe('Internet side: not told (no NAT-PMP answer)');
    expect(networkPicture(f)[3]!.tone).toBe('bad');
  });

  it('double NAT adds a second router', () => {
    const f = facts({ routerWan: '10.0.0.10', publicAddress: '198.51.100.20', hops: ['192.168.1.1', '10.0.0.1'] });
    expect(networkPicture(f)[2]).toMatchObject({ id: 'second-nat', title: 'Second router (another NAT)', tone: 'warn' });
    expect(networkPicture(f)[1]!.tone).toBe('warn');
  });

  it('a public address on this computer: no router box', () => {
    expect(ids(facts({ local: '203.0.113.5', publicAddress: '203.0.113.5' }))).toEqual(['computer', 'internet']);
  });

  it('an unknown public address says how to learn it', () => {
    expect(networkPicture(facts({}))[2]).toMatchObject({ id: 'internet', lines: ['Public address unknown'], tone: 'neutral' });
  });
});
