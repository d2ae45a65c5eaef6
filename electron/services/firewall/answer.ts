// Evaluation outcomes → the firewall answer users and the diagnosis read: verdict, deciding rules, caveats.
import type { FirewallAnswer, FirewallReader, FirewallRule, FirewallSource } from '../../../shared/network/firewall';
import type { Decision, Outcome } from './evaluate';
import type { Chain } from './model';

/** ufw and firewalld write their rules into chains and tables named after themselves. */
function frontEnd(chain: Chain): FirewallSource {
  if (chain.name.startsWith('ufw-') || chain.name.startsWith('ufw6-')) return 'ufw';
  if (chain.table === 'firewalld') return 'firewalld';
  return chain.source;
}

export function ruleOf(d: Decision): FirewallRule {
  const c = d.chain;
  const location = c.source === 'nftables' ? `table ${c.family} ${c.table}, chain ${c.name}` : `iptables table ${c.table}, chain ${c.name}`;
  const effect = d.verdict === 'accept' ? 'allows' : d.verdict === 'drop' ? 'blocks' : d.verdict === 'reject' ? 'refuses' : 'undecided';
  return { source: frontEnd(c), location, text: d.rule ? d.rule.text : `policy ${c.policy ?? 'accept'} (nothing in the chain matched)`, effect };
}

function dedupe(rules: FirewallRule[]): FirewallRule[] {
  const seen = new Set<string>();
  return rules.filter((r) => {
    const k = `${r.location}\n${r.text}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const WORD: Record<Outcome['verdict'], string> = { accept: 'lets it in', drop: 'drops it', reject: 'refuses it', unknown: 'cannot be decided' };

export interface AnswerInput {
  port: number;
  protocol: FirewallAnswer['protocol'];
  program: string | null;
  outcomes: Outcome[];
  readers: FirewallReader[];
  /** Extra words: what was not read, what the verdict does not cover. */
  caveats: string[];
  /** Nothing could be read at all: the verdict is unknown whatever the (empty) rules say. */
  unreadable: boolean;
}

export function toAnswer(a: AnswerInput): FirewallAnswer {
  const needsElevation = a.readers.some((r) => r.state === 'needs-elevation');
  const base = { port: a.port, protocol: a.protocol, program: a.program, needsElevation, readers: a.readers };
  if (a.unreadable) return { ...base, verdict: 'unknown', rules: [], caveats: a.caveats };
  const verdicts = new Set(a.outcomes.map((o) => (o.verdict === 'reject' ? 'drop' : o.verdict)));
  const caveats = [...a.caveats];
  if (verdicts.size === 1 && verdicts.has('accept')) {
    if (a.outcomes.every((o) => o.decisions.length === 0)) caveats.push('No firewall rules are loaded for incoming connections.');
    // An explicit accept is what the user looks for; a chain that merely ended on "policy accept" is noise then.
    const all = a.outcomes.flatMap((o) => o.decisions);
    const explicit = all.filter((d) => d.rule !== null);
    return { ...base, verdict: 'allows', rules: dedupe((explicit.length > 0 ? explicit : all).map(ruleOf)), caveats };
  }
  const last = dedupe(a.outcomes.flatMap((o) => o.decisions.slice(-1).map(ruleOf)));
  if (verdicts.size === 1 && verdicts.has('drop')) return { ...base, verdict: 'blocks', rules: last, caveats };
  for (const o of a.outcomes) {
    const when = o.conditions.length > 0 ? ` when ${o.conditions.join(' and ')}` : '';
    caveats.push(`The firewall ${WORD[o.verdict]}${when}${o.why ? ` (${o.why})` : ''}.`);
  }
  return { ...base, verdict: 'unknown', rules: last, caveats };
}
