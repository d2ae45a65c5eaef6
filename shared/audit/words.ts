// The exposure audit in words, once, for the page, the CLI and reports.
import type { AuditGroup, FirewallFact } from '../channels/audit';
import type { Exposure } from '../channels/listeners';

export const GROUP_TEXT: Record<AuditGroup, { title: string; meaning: string }> = {
  'internet-if-forwarded': {
    title: 'Your network and, if forwarded, the internet',
    meaning: 'Bound to every network (or a public address) and not blocked by the firewall: devices at home can connect, and a port forward on the router would open it to the whole internet.',
  },
  'your-network': {
    title: 'Your network',
    meaning: 'Bound to one private address and not blocked by the firewall: devices on that network can connect.',
  },
  'this-computer': {
    title: 'Only this computer',
    meaning: 'Bound to loopback, or the firewall blocks everyone else: other devices cannot connect.',
  },
};

export function firewallText(f: FirewallFact): string {
  switch (f.state) {
    case 'allows':
      return 'the firewall lets it in';
    case 'blocks':
      return 'the firewall blocks it';
    case 'not-checked':
      return `the firewall was not checked (${f.reason})`;
  }
}

/** "MySQL / MariaDB database listens on every network and the firewall lets it in: Bind it to …" */
export function adviceFor(a: { label: string; fix: string; exposure: Exposure; address: string; firewall: FirewallFact }): string {
  const where = a.exposure === 'all' ? 'every network' : `${a.address} only`;
  return `${a.label} listens on ${where} and ${firewallText(a.firewall)}: ${a.fix}`;
}

/** The Listeners page's one line: how many sockets others could reach, how many are risky. */
export function summaryText(counts: Record<AuditGroup, number>, flagged: number): string {
  const reachable = counts['internet-if-forwarded'] + counts['your-network'];
  const parts = [
    `${reachable} socket${reachable === 1 ? '' : 's'} other devices could reach (${counts['internet-if-forwarded']} on every network, ${counts['your-network']} on one)`,
    `${counts['this-computer']} only this computer`,
  ];
  if (flagged > 0) parts.push(`${flagged} known-risky service${flagged === 1 ? '' : 's'} exposed`);
  return parts.join(' · ');
}
