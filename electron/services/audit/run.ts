// The exposure audit with real facts: this computer's sockets, and the host firewall's answer for
// each port other devices could reach. Shared by the audit:run handler and `port-doctor audit`.
import type { Audit, FirewallFact } from '../../../shared/channels/audit';
import type { Listener, ListenersListResponse } from '../../../shared/channels/listeners';
import { buildAudit } from '../../../shared/audit/rules';
import { AppError } from '../../../shared/errors';
import type { FirewallAnswer } from '../../../shared/network/firewall';

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

function factOf(a: FirewallAnswer): FirewallFact {
  if (a.verdict === 'allows') return { state: 'allows' };
  if (a.verdict === 'blocks') return { state: 'blocks' };
  const why = a.caveats[0] ?? (a.needsElevation ? 'the rules need administrator rights to read' : 'the rules could not be decided');
  return { state: 'not-checked', reason: why.replace(/\.$/, '') };
}

function reasonOf(e: unknown): string {
  if (e instanceof AppError) return e.detail ? `${e.detail}: not supported yet` : e.message;
  return 'the firewall could not be read';
}

/** Whether the firewall reader's IPv4 answer applies: IPv4 sockets, and `::` which accepts IPv4 too. */
function ipv4Reachable(l: Listener): boolean {
  return l.family === 4 || l.address === '::';
}

export async function runAudit(deps: AuditDeps): Promise<Audit> {
  const { listeners, collectedAt } = await deps.listListeners();
  const facts = new Map<string, FirewallFact>();
  let checked = 0;
  let firstFailure: string | null = null;
  for (const l of listeners) {
    if (l.exposure === 'loopback' || !ipv4Reachable(l) || l.port === 0) continue;
    const key = `${l.port}/${l.protocol}`;
    if (facts.has(key)) continue;
    if (checked >= MAX_FIREWALL_CHECKS) {
      facts.set(key, { state: 'not-checked', reason: `only the first ${MAX_FIREWALL_CHECKS} exposed ports are checked in one audit` });
      continue;
    }
    checked++;
    try {
      facts.set(key, factOf(await deps.readFirewall(l.port, l.protocol)));
    } catch (e) {
      const reason = reasonOf(e);
      firstFailure ??= reason;
      facts.set(key, { state: 'not-checked', reason });
    }
  }
  const firewallFor = (l: Listener): FirewallFact => {
    if (l.exposure === 'loopback') return { state: 'not-checked', reason: 'only this computer can connect, so the firewall does not matter' };
    if (!ipv4Reachable(l)) return { state: 'not-checked', reason: 'the firewall reader answers for IPv4 connections only' };
    return facts.get(`${l.port}/${l.protocol}`) ?? { state: 'not-checked', reason: 'port 0 is not a listening port' };
  };
  const anyRead = [...facts.values()].some((f) => f.state !== 'not-checked');
  const firewall: Audit['firewall'] = anyRead || firstFailure === null ? { state: 'checked' } : { state: 'not-checked', reason: firstFailure };
  return buildAudit(listeners, firewallFor, { collectedAt, firewall });
}
