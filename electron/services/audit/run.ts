// The exposure audit with real facts: this computer's sockets, and the host firewall's answer for
// each port other devices could reach. Shared by the audit:run handler and `port-doctor audit`.
import type { Audit, FirewallFact } from '../../../shared/channels/audit';
import type { Listener, ListenersListResponse } from '../../../shared/channels/listeners';
import { buildAudit } from '../../../shared/audit/rules';
import { AppError } from '../../../shared/errors';
import type { FirewallAnswer } from '../../../shared/network/firewall';
import { firewallFactOf, firewallKey, firewallQuestionFor, listenerFirewallFact } from '../../../shared/network/firewall-fact';

/**
 * Each firewall question runs the ruleset readers (nft, iptables-save, …) once; past this many
 * distinct ports the audit would take seconds, so the rest are reported as not checked.
 */
export const MAX_FIREWALL_CHECKS = 48;

export interface AuditDeps {
  listListeners(): Promise<ListenersListResponse>;
  /** The host firewall's answer for a new connection to port/protocol (electron/services/firewall). */
  readFirewall(port: number, protocol: 'tcp' | 'udp'): Promise<FirewallAnswer>;
}

function reasonOf(e: unknown): string {
  if (e instanceof AppError) return e.detail ? `${e.detail}: not supported yet` : e.message;
  return 'the firewall could not be read';
}

export async function runAudit(deps: AuditDeps): Promise<Audit> {
  const { listeners, collectedAt } = await deps.listListeners();
  const facts = new Map<string, FirewallFact>();
  let checked = 0;
  let firstFailure: string | null = null;
  for (const l of listeners) {
    if (!firewallQuestionFor(l)) continue;
    const key = firewallKey(l.port, l.protocol);
    if (facts.has(key)) continue;
    if (checked >= MAX_FIREWALL_CHECKS) {
      facts.set(key, { state: 'not-checked', reason: `only the first ${MAX_FIREWALL_CHECKS} exposed ports are checked in one audit` });
      continue;
    }
    checked++;
    try {
      facts.set(key, firewallFactOf(await deps.readFirewall(l.port, l.protocol)));
    } catch (e) {
      const reason = reasonOf(e);
      firstFailure ??= reason;
      facts.set(key, { state: 'not-checked', reason });
    }
  }
  const firewallFor = (l: Listener): FirewallFact => listenerFirewallFact(l, (k) => facts.get(k));
  const anyRead = [...facts.values()].some((f) => f.state !== 'not-checked');
  const firewall: Audit['firewall'] = anyRead || firstFailure === null ? { state: 'checked' } : { state: 'not-checked', reason: firstFailure };
  return buildAudit(listeners, firewallFor, { collectedAt, firewall });
}
