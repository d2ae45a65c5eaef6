// runAudit over its two seams: which firewall questions it asks (once per exposed port, never for
// loopback or IPv6-only addresses, at most MAX_FIREWALL_CHECKS), and how answers and failures read.
import { describe, expect, it } from 'vitest';
import type { Listener } from '../../../shared/channels/listeners';
import { AppError } from '../../../shared/errors';
import type { FirewallAnswer } from '../../../shared/network/firewall';
import { firewallAnswerSchema } from '../../../shared/network/firewall';
import { MAX_FIREWALL_CHECKS, runAudit } from './run';

function sock(port: number, protocol: 'tcp' | 'udp', address: string, exposure: Listener['exposure'], family: 4 | 6 = address.includes(':') ? 6 : 4): Listener {
  return {
    protocol, family, address, port, exposure, pid: 1, process: 'p', command: null, user: 'u', category: 'registered',
    service: null, serviceDescription: null, privileged: false, exePath: null, ownerUnknownReason: null,
  };
}

function answer(port: number, protocol: 'tcp' | 'udp', verdict: FirewallAnswer['verdict'], caveats: string[] = []): FirewallAnswer {
  return firewallAnswerSchema.parse({ port, protocol, program: null, verdict, rules: [], needsElevation: false, readers: [{ source: 'nftables', state: 'read', detail: null }], caveats });
}

function deps(rows: Listener[], verdicts: (port: number, protocol: 'tcp' | 'udp') => FirewallAnswer | Error) {
  const asked: string[] = [];
  return {
    asked,
    deps: {
      listListeners: async () => ({ listeners: rows, source: 'procfs' as const, elevated: true, collectedAt: '2026-12-02T03:00:00.000Z' }),
      readFirewall: async (port: number, protocol: 'tcp' | 'udp') => {
        asked.push(`${port}/${protocol}`);
        const v = verdicts(port, protocol);
        if (v instanceof Error) throw v;
        return v;
      },
    },
  };
}

describe('runAudit', () => {
  it('asks once per exposed port and protocol; never for loopback or an IPv6-only address', async () => {
    const rows = [
      sock(3306, 'tcp', '0.0.0.0', 'all'), sock(3306, 'tcp', '::', 'all'), sock(5432, 'tcp', '127.0.0.1', 'loopback'),
      sock(7777, 'udp', '192.168.1.10', 'interface'), sock(8080, 'tcp', 'fe80::1', 'interface'),
    ];
    const { asked, deps: d } = deps(rows, (p, proto) => answer(p, proto, p === 7777 ? 'blocks' : 'allows'));
    const audit = await runAudit(d);
    expect(asked).toEqual(['3306/tcp', '7777/udp']);
    expect(audit.firewall).toEqual({ state: 'checked' });
    const by = (port: number, address: string) => audit.items.find((i) => i.port === port && i.address === address)!;
    expect(by(3306, '::')).toMatchObject({ group: 'internet-if-forwarded', firewall: { state: 'allows' }, flagged: true });
    expect(by(7777, '192.168.1.10')).toMatchObject({ group: 'this-computer', firewall: { state: 'blocks' } });
    expect(by(5432, '127.0.0.1').firewall).toMatchObject({ state: 'not-checked' });
    expect(by(8080, 'fe80::1')).toMatchObject({ group: 'your-network', firewall: { state: 'not-checked', reason: 'the firewall reader answers for IPv4 connections only' } });
  });

  it('an undecided verdict becomes not-checked with the reader\'s first caveat', async () => {
    const { deps: d } = deps([sock(6379, 'tcp', '0.0.0.0', 'all')], (p, proto) => answer(p, proto, 'unknown', ['The firewall lets it in when the source is 10.0.0.0/8.']));
    const [item] = (await runAudit(d)).items;
    expect(item?.firewall).toEqual({ state: 'not-checked', reason: 'The firewall lets it in when the source is 10.0.0.0/8' });
    expect(item?.advice).toContain('Redis listens on every network and the firewall was not checked (The firewall lets it in when the source is 10.0.0.0/8)');
  });

  it('an OS without a firewall reader: every exposed socket not-checked, and the audit says why', async () => {
    const { deps: d } = deps([sock(3389, 'tcp', '0.0.0.0', 'all')], () => new AppError('NOT_SUPPORTED', 'reading the host firewall on darwin'));
    const audit = await runAudit(d);
    expect(audit.firewall).toEqual({ state: 'not-checked', reason: 'reading the host firewall on darwin: not supported yet' });
    expect(audit.items[0]).toMatchObject({ group: 'internet-if-forwarded', flagged: true, firewall: { state: 'not-checked' } });
  });

  it(`checks at most ${MAX_FIREWALL_CHECKS} ports and says so for the rest`, async () => {
    const rows = Array.from({ length: MAX_FIREWALL_CHECKS + 3 }, (_, i) => sock(20000 + i, 'tcp', '0.0.0.0', 'all'));
    const { asked, deps: d } = deps(rows, (p, proto) => answer(p, proto, 'allows'));
    const audit = await runAudit(d);
    expect(asked).toHaveLength(MAX_FIREWALL_CHECKS);
    expect(audit.items.filter((i) => i.firewall.state === 'not-checked').map((i) => i.port)).toEqual([20048, 20049, 20050]);
  });
});
