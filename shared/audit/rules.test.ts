// The exposure audit's rules as a table: bind address × firewall answer × service → group, flag, advice.
import { describe, expect, it } from 'vitest';
import type { FirewallFact } from '../channels/audit';
import { auditSchema } from '../channels/audit';
import type { Listener } from '../channels/listeners';
import { auditItem, buildAudit, groupFor, isPublicAddress } from './rules';
import { summaryText } from './words';

function sock(port: number, protocol: 'tcp' | 'udp', address: string, exposure: Listener['exposure']): Listener {
  return {
    protocol, family: address.includes(':') && !address.startsWith('::ffff:') ? 6 : 4, address, port, exposure, pid: 7, process: 'prog',
    command: null, user: 'me', category: 'registered', service: null, serviceDescription: null, privileged: false, exePath: null, ownerUnknownReason: null,
  };
}

const ALLOWS: FirewallFact = { state: 'allows' };
const BLOCKS: FirewallFact = { state: 'blocks' };
const UNCHECKED: FirewallFact = { state: 'not-checked', reason: 'no reader on this OS' };

describe('groupFor', () => {
  it.each([
    ['127.0.0.1', 'loopback', ALLOWS, 'this-computer'],
    ['::1', 'loopback', UNCHECKED, 'this-computer'],
    ['0.0.0.0', 'all', ALLOWS, 'internet-if-forwarded'],
    ['::', 'all', UNCHECKED, 'internet-if-forwarded'],
    ['0.0.0.0', 'all', BLOCKS, 'this-computer'],
    ['192.168.1.10', 'interface', ALLOWS, 'your-network'],
    ['10.0.0.5', 'interface', UNCHECKED, 'your-network'],
    ['172.20.0.1', 'interface', ALLOWS, 'your-network'],
    ['100.100.1.1', 'interface', ALLOWS, 'your-network'],
    ['fe80::1', 'interface', ALLOWS, 'your-network'],
    ['fd00::5', 'interface', ALLOWS, 'your-network'],
    ['192.168.1.10', 'interface', BLOCKS, 'this-computer'],
    ['203.0.113.7', 'interface', ALLOWS, 'internet-if-forwarded'],
    ['2001:db8::10', 'interface', ALLOWS, 'internet-if-forwarded'],
    ['::ffff:192.168.1.10', 'interface', ALLOWS, 'your-network'],
  ] as const)('%s (%s), firewall %j → %s', (address, exposure, firewall, group) => {
    expect(groupFor({ address, exposure }, firewall)).toBe(group);
  });
});

describe('isPublicAddress', () => {
  it.each([
    ['8.8.8.8', true], ['203.0.113.7', true], ['172.15.0.1', true], ['172.32.0.1', true], ['100.63.0.1', true], ['100.128.0.1', true],
    ['10.1.2.3', false], ['172.16.0.1', false], ['172.31.255.255', false], ['192.168.0.1', false], ['100.64.0.1', false], ['169.254.1.1', false],
    ['127.0.0.1', false], ['0.0.0.0', false], ['224.0.0.251', false], ['2606:4700::1', true], ['fe80::1', false], ['fd12::1', false], ['::', false], ['::1', false],
  ] as const)('%s → %s', (address, pub) => {
    expect(isPublicAddress(address)).toBe(pub);
  });
});

describe('flags and advice', () => {
  it.each([
    // port, proto, address, exposure, firewall, flagged, advice (null = none)
    [3306, 'tcp', '0.0.0.0', 'all', ALLOWS, true, 'MySQL / MariaDB database listens on every network and the firewall lets it in: Bind it to 127.0.0.1'],
    [3306, 'tcp', '127.0.0.1', 'loopback', ALLOWS, false, null],
    [3306, 'tcp', '0.0.0.0', 'all', BLOCKS, false, null],
    [6379, 'tcp', '192.168.1.10', 'interface', UNCHECKED, true, 'Redis listens on 192.168.1.10 only and the firewall was not checked (no reader on this OS): Bind it to 127.0.0.1'],
    [3389, 'tcp', '::', 'all', ALLOWS, true, 'Remote Desktop (RDP) listens on every network and the firewall lets it in: Do not forward 3389.'],
    [445, 'tcp', '0.0.0.0', 'all', UNCHECKED, true, 'Windows file sharing (SMB) listens on every network and the firewall was not checked'],
    [25565, 'tcp', '0.0.0.0', 'all', ALLOWS, false, null],
    [53, 'udp', '127.0.0.53', 'loopback', ALLOWS, false, null],
    [53, 'tcp', '0.0.0.0', 'all', ALLOWS, false, null],
    [11211, 'udp', '0.0.0.0', 'all', ALLOWS, true, 'memcached listens on every network'],
  ] as const)('%i/%s on %s (%s) firewall %j → flagged %s', (port, proto, address, exposure, fw, flagged, advice) => {
    const item = auditItem(sock(port, proto, address, exposure), fw);
    expect(item.flagged).toBe(flagged);
    if (advice === null) expect(item.advice).toBeNull();
    else expect(item.advice).toContain(advice);
    // A risk note stays attached even when not flagged (the page shows it as "kept private").
    expect(item.risk !== null).toBe(['3306', '6379', '3389', '445', '11211', '53/udp'].some((k) => k === String(port) || k === `${port}/${proto}`));
  });
});

describe('buildAudit', () => {
  it('counts per group, farthest first, flagged first within a group, valid against its schema', () => {
    const rows = [
      sock(8080, 'tcp', '0.0.0.0', 'all'),
      sock(3306, 'tcp', '0.0.0.0', 'all'),
      sock(5432, 'tcp', '127.0.0.1', 'loopback'),
      sock(7777, 'udp', '192.168.1.10', 'interface'),
      sock(22, 'tcp', '0.0.0.0', 'all'),
    ];
    const fw = (l: Listener): FirewallFact => (l.port === 22 ? BLOCKS : ALLOWS);
    const audit = buildAudit(rows, fw, { collectedAt: '2026-12-02T03:00:00.000Z', firewall: { state: 'checked' } });
    expect(auditSchema.parse(audit)).toEqual(audit);
    expect(audit.items.map((i) => `${i.port}:${i.group}`)).toEqual([
      '3306:internet-if-forwarded', '8080:internet-if-forwarded', '7777:your-network', '22:this-computer', '5432:this-computer',
    ]);
    expect(audit.counts).toEqual({ 'internet-if-forwarded': 2, 'your-network': 1, 'this-computer': 2 });
    expect(audit.flaggedCount).toBe(1);
    expect(summaryText(audit.counts, audit.flaggedCount)).toBe('3 sockets other devices could reach (2 on every network, 1 on one) · 2 only this computer · 1 known-risky service exposed');
  });

  it('an empty table is an empty audit, not an error', () => {
    const audit = buildAudit([], () => ALLOWS, { collectedAt: 'now', firewall: { state: 'checked' } });
    expect(audit.counts).toEqual({ 'internet-if-forwarded': 0, 'your-network': 0, 'this-computer': 0 });
    expect(summaryText(audit.counts, 0)).toBe('0 sockets other devices could reach (0 on every network, 0 on one) · 0 only this computer');
  });
});
