// Host firewall fact per target port, from the firewall reader (issue #11): allows / blocks / unknown.
import { no, notChecked, yes, type Fact, type Target } from '../../../../shared/diagnosis/index';
import { AppError } from '../../../../shared/errors';
import type { FirewallAnswer } from '../../../../shared/network/firewall';
import { readHostFirewall } from '../../firewall/index';

export interface FirewallRead {
  fact: Fact;
  answer: FirewallAnswer | null;
}

export async function readFirewallFact(t: Target, iface: string | null, signal: AbortSignal, program: string | null = null): Promise<FirewallRead> {
  let answer: FirewallAnswer;
  try {
    answer = await readHostFirewall({ port: t.port, protocol: t.protocol, interfaceName: iface, program, signal });
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_SUPPORTED') return { fact: notChecked('unsupported-os', 'the host firewall is not read on this operating system yet'), answer: null };
    throw e;
  }
  const rule = answer.rules.at(-1);
  const how = rule ? `${rule.text} (${rule.location})` : null;
  if (answer.verdict === 'allows') return { fact: yes(how), answer };
  if (answer.verdict === 'blocks') return { fact: no(how), answer };
  const why = answer.needsElevation ? 'the firewall rules need administrator rights to read' : answer.caveats[0] ?? 'the rules could not be decided';
  return { fact: notChecked(answer.needsElevation ? 'unavailable' : 'failed', why.slice(0, 500)), answer };
}

/** Whether any firewall reader found rules in force, and which product. */
export function firewallPresence(answers: readonly (FirewallAnswer | null)[]): { active: Fact; product: string | null } {
  const readers = answers.flatMap((a) => a?.readers ?? []);
  if (readers.length === 0) return { active: notChecked('unsupported-os', 'the host firewall is not read on this operating system yet'), product: null };
  const read = readers.filter((r) => r.state === 'read');
  const front = read.find((r) => r.source === 'ufw' || r.source === 'firewalld') ?? read[0];
  if (read.length > 0) return { active: yes(front?.detail ?? null), product: front?.source ?? null };
  if (readers.every((r) => r.state === 'not-installed' || r.state === 'inactive')) return { active: no('no firewall rules in force'), product: null };
  return { active: notChecked('unavailable', readers.map((r) => `${r.source}: ${r.state}`).join(', ')), product: null };
}
