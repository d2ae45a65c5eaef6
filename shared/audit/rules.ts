// The exposure audit's rules, pure: a listening socket and the firewall's answer → how far it
// reaches, whether it is a known-risky service others can reach, and the fix in words.
import type { Listener } from '../channels/listeners';
import type { Audit, AuditGroup, AuditItem, FirewallFact } from '../channels/audit';
import { riskFor } from '../ports/risk';
import { adviceFor } from './words';
import { addressKind } from '../network/address-kind';

/**
 * A public (globally routed) address: reachable from the internet without a NAT forward. Private
 * (RFC 1918), shared CGNAT space (RFC 6598), link-local, loopback, and IPv6 ULA / link-local are not.
 */
export function isPublicAddress(address: string): boolean {
  return addressKind(address) === 'public';
}

export function groupFor(l: Pick<Listener, 'exposure' | 'address'>, firewall: FirewallFact): AuditGroup {
  if (l.exposure === 'loopback' || firewall.state === 'blocks') return 'this-computer';
  if (l.exposure === 'all' || isPublicAddress(l.address)) return 'internet-if-forwarded';
  return 'your-network';
}

export function auditItem(l: Listener, firewall: FirewallFact): AuditItem {
  const group = groupFor(l, firewall);
  const note = riskFor(l.port, l.protocol);
  const risk = note && { id: note.id, label: note.label, kind: note.kind, risk: note.risk, fix: note.fix, sources: [...note.sources] };
  const flagged = risk !== null && group !== 'this-computer';
  return {
    protocol: l.protocol,
    family: l.family,
    address: l.address,
    port: l.port,
    exposure: l.exposure,
    pid: l.pid,
    process: l.process,
    service: l.service,
    group,
    firewall,
    risk,
    flagged,
    advice: flagged && risk ? adviceFor({ label: risk.label, fix: risk.fix, exposure: l.exposure, address: l.address, firewall }) : null,
  };
}

const GROUP_ORDER: Record<AuditGroup, number> = { 'internet-if-forwarded': 0, 'your-network': 1, 'this-computer': 2 };

/** The whole audit: farthest-reaching first, flagged first within a group, then by port. */
export function buildAudit(
  listeners: readonly Listener[],
  firewallFor: (l: Listener) => FirewallFact,
  meta: { collectedAt: string; firewall: Audit['firewall'] },
): Audit {
  const items = listeners.map((l) => auditItem(l, firewallFor(l)));
  items.sort((a, b) => GROUP_ORDER[a.group] - GROUP_ORDER[b.group] || Number(b.flagged) - Number(a.flagged) || a.port - b.port || a.protocol.localeCompare(b.protocol));
  const counts = { 'this-computer': 0, 'your-network': 0, 'internet-if-forwarded': 0 };
  for (const i of items) counts[i.group]++;
  return { items, counts, flaggedCount: items.filter((i) => i.flagged).length, firewall: meta.firewall, collectedAt: meta.collectedAt };
}
