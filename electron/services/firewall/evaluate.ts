// Decides what the kernel does with a new connection to one port, from the rules of every base
// chain on the input path, in priority order. Matches the question cannot settle (the sender's
// address, an unknown extension) fork the walk; the answer lists what the verdict depends on.
import { chainKey, type Chain, type Field, type Match, type Packet, type Rule, type Ruleset, type Value, type Verdict } from './model';

export type FinalVerdict = 'accept' | 'drop' | 'reject' | 'unknown';

/** One rule (or a policy, rule null) that ended a chain's say over the packet. */
export interface Decision {
  chain: Chain;
  rule: Rule | null;
  verdict: FinalVerdict;
}

/** One way the packet can go: its fate, the rules that decided it, and the conditions of this branch. */
export interface Outcome {
  verdict: FinalVerdict;
  decisions: Decision[];
  conditions: string[];
  /** Why the verdict is unknown (queue, xt target, too many branches). */
  why?: string;
}

/** A ruleset with many "depends" matches would fork without end; past this the answer is "unknown". */
const MAX_BRANCHES = 256;
/** Jump chains deeper than the kernel's own limit (16) are a loop. */
const MAX_JUMP_DEPTH = 16;

type Tri = 'yes' | 'no' | { yes: string; no: string };

type ChainResult =
  | { kind: 'verdict'; verdict: FinalVerdict; rule: Rule; chain: Chain; conditions: string[]; why?: string }
  | { kind: 'return'; conditions: string[] };

class TooManyBranches extends Error {}

const HOOK_ORDER = { prerouting: 0, input: 1 } as const;

export function baseChainsFor(ruleset: Ruleset, family: Packet['family']): Chain[] {
  const familyOk = (f: string) => f === 'inet' || (family === 'ipv4' ? f === 'ip' || f === 'ipv4' : f === 'ip6' || f === 'ipv6');
  return ruleset.chains
    .filter((c) => c.hook !== undefined && familyOk(c.family))
    .sort((a, b) => HOOK_ORDER[a.hook!] - HOOK_ORDER[b.hook!] || (a.priority ?? 0) - (b.priority ?? 0));
}

/** Every way a new connection described by `packet` can go through `ruleset`. */
export function evaluate(ruleset: Ruleset, packet: Packet): Outcome[] {
  const chains = new Map(ruleset.chains.map((c) => [chainKey(c), c]));
  let branches = 0;
  const count = () => {
    if (++branches > MAX_BRANCHES) throw new TooManyBranches();
  };

  const evalRules = (chain: Chain, from: number, conditions: string[], depth: number): ChainResult[] => {
    for (let i = from; i < chain.rules.length; i++) {
      const rule = chain.rules[i]!;
      // A rule that only counts or logs cannot change the packet's fate: no need to fork on it.
      if (rule.verdict === null || rule.verdict.kind === 'continue') continue;
      const m = matchRule(rule, packet);
      if (m === 'no') continue;
      if (m === 'yes') return apply(chain, i, conditions, depth);
      count();
      return [...apply(chain, i, [...conditions, m.yes], depth), ...evalRules(chain, i + 1, [...conditions, m.no], depth)];
    }
    return [{ kind: 'return', conditions }];
  };

  const apply = (chain: Chain, i: number, conditions: string[], depth: number): ChainResult[] => {
    const rule = chain.rules[i]!;
    const go = (v: Verdict | null, conds: string[]): ChainResult[] => {
      if (v === null) return evalRules(chain, i + 1, conds, depth);
      switch (v.kind) {
        case 'accept':
        case 'drop':
        case 'reject':
          return [{ kind: 'verdict', verdict: v.kind, rule, chain, conditions: conds }];
        case 'continue':
          return evalRules(chain, i + 1, conds, depth);
        case 'return':
          return [{ kind: 'return', conditions: conds }];
        case 'opaque':
          return [{ kind: 'verdict', verdict: 'unknown', rule, chain, conditions: conds, why: v.what }];
        case 'jump':
        case 'goto': {
          const target = chains.get(chainKey({ family: chain.family, table: chain.table, name: v.chain }));
          if (!target || depth >= MAX_JUMP_DEPTH) {
            return [{ kind: 'verdict', verdict: 'unknown', rule, chain, conditions: conds, why: target ? `jumps nest deeper than ${MAX_JUMP_DEPTH}` : `chain ${v.chain} was not found` }];
          }
          const sub = evalRules(target, 0, conds, depth + 1);
          if (v.kind === 'goto') return sub;
          return sub.flatMap((r) => (r.kind === 'return' ? evalRules(chain, i + 1, r.conditions, depth) : [r]));
        }
        case 'vmap': {
          for (const entry of v.entries) {
            const m = compare(v.field, '==', [entry.key], packet);
            if (m === 'no') continue;
            if (m === 'yes') return go(entry.verdict, conds);
            count();
            return [...go(entry.verdict, [...conds, m.yes]), ...go(null, [...conds, m.no])];
          }
          return go(null, conds);
        }
      }
    };
    return go(rule.verdict, conditions);
  };

  let states: { decisions: Decision[]; conditions: string[] }[] = [{ decisions: [], conditions: [] }];
  const finals: Outcome[] = [];
  try {
    for (const base of baseChainsFor(ruleset, packet.family)) {
      const next: typeof states = [];
      for (const state of states) {
        for (const r of evalRules(base, 0, state.conditions, 0)) {
          const verdict: FinalVerdict = r.kind === 'return' ? (base.policy ?? 'accept') : r.verdict;
          const decision: Decision = { chain: r.kind === 'return' ? base : r.chain, rule: r.kind === 'return' ? null : r.rule, verdict };
          const decisions = [...state.decisions, decision];
          if (verdict === 'accept') next.push({ decisions, conditions: r.conditions });
          else finals.push({ verdict, decisions, conditions: r.conditions, ...(r.kind === 'verdict' && r.why ? { why: r.why } : {}) });
        }
      }
      states = next;
    }
  } catch (e) {
    if (!(e instanceof TooManyBranches)) throw e;
    return [{ verdict: 'unknown', decisions: [], conditions: [], why: `the rules fork into more than ${MAX_BRANCHES} cases` }];
  }
  return [...finals, ...states.map((s) => ({ verdict: 'accept' as const, decisions: s.decisions, conditions: s.conditions }))];
}

function matchRule(rule: Rule, packet: Packet): Tri {
  const maybes: string[] = [];
  for (const m of rule.matches) {
    const r = compare(m.field, m.op, m.values, packet, m);
    if (r === 'no') return 'no';
    if (r !== 'yes') maybes.push(r.yes);
  }
  if (rule.opaqueMatch) maybes.push(`${rule.opaqueMatch} matches (Port Doctor does not evaluate this match)`);
  if (maybes.length === 0) return 'yes';
  return maybes.length === 1 ? { yes: maybes[0]!, no: negateText(maybes[0]!) } : { yes: maybes.join(' and '), no: `not all of: ${maybes.join('; ')}` };
}

/** What the packet has in a field: a definite value, or "unknown" (the sender's address…). */
type Actual = { known: true; value: string | number | boolean | null } | { known: false; what: string };

function actual(field: Field, packet: Packet): Actual | 'absent' {
  switch (field.kind) {
    case 'iifname':
      return packet.iif === null ? { known: false, what: 'the connection arrives on interface' } : { known: true, value: packet.iif };
    case 'l4proto':
      return { known: true, value: packet.protocol };
    case 'nfproto':
      return { known: true, value: packet.family };
    case 'dport':
      if (field.protocol !== 'th' && field.protocol !== packet.protocol) return 'absent';
      return { known: true, value: packet.port };
    case 'ct-state':
      return { known: true, value: 'new' };
    case 'ct-status':
      return { known: true, value: null };
    case 'pkttype':
      return { known: true, value: 'host' };
    case 'local-daddr':
      return { known: true, value: true };
    case 'depends':
      if (field.protocolGuard === 'tcp' || field.protocolGuard === 'udp') {
        if (field.protocolGuard !== packet.protocol) return 'absent';
      } else if (field.protocolGuard && field.protocolGuard !== packet.family) return 'absent';
      return { known: false, what: field.what };
    case 'concat':
      return { known: false, what: 'concat' };
  }
}

/** Compares a field with a value set; 'absent' fields (a udp match on a tcp packet) never match. */
export function compare(field: Field, op: Match['op'], values: readonly Value[], packet: Packet, match?: Match): Tri {
  if (field.kind === 'concat') return compareConcat(field.parts, op, values, packet, match);
  const a = actual(field, packet);
  if (a === 'absent') return 'no';
  if (!a.known) {
    // Loopback is the one interface a packet from another device never arrives on.
    if (field.kind === 'iifname' && values.every((v) => v === 'lo')) return op === '!=' ? 'yes' : 'no';
    const text = match?.text ?? `${a.what} ${op} ${values.map(show).join(', ')}`;
    return { yes: text, no: negateText(text) };
  }
  const hit = values.some((v) => equals(a.value, v, op));
  switch (op) {
    case '==':
    case 'in':
      return hit ? 'yes' : 'no';
    case '!=':
      return hit ? 'no' : 'yes';
    default:
      return hit ? 'yes' : 'no';
  }
}

function compareConcat(parts: Field[], op: Match['op'], values: readonly Value[], packet: Packet, match?: Match): Tri {
  const actuals = parts.map((p) => actual(p, packet));
  if (actuals.some((a) => a === 'absent')) return 'no';
  if (actuals.some((a) => a !== 'absent' && !a.known)) {
    const text = match?.text ?? 'a combined match';
    return { yes: text, no: negateText(text) };
  }
  const tuple = actuals.map((a) => (a as { value: string | number | boolean | null }).value);
  const hit = values.some((v) => typeof v === 'object' && 'concat' in v && v.concat.length === tuple.length && v.concat.every((e, i) => equals(tuple[i]!, e, '==')));
  return (op === '!=' ? !hit : hit) ? 'yes' : 'no';
}

const PROTO_NUMBERS: Record<string, number> = { tcp: 6, udp: 17 };

function equals(value: string | number | boolean | null, v: Value, op: Match['op']): boolean {
  if (value === null || typeof value === 'boolean') return value === true && v === 'local';
  if (typeof v === 'object') {
    if ('range' in v) return typeof value === 'number' && value >= v.range[0] && value <= v.range[1];
    return false;
  }
  if (typeof value === 'number' && typeof v === 'number') {
    switch (op) {
      case '<':
        return value < v;
      case '>':
        return value > v;
      case '<=':
        return value <= v;
      case '>=':
        return value >= v;
      default:
        return value === v;
    }
  }
  if (typeof value === 'string' && typeof v === 'number') return PROTO_NUMBERS[value] === v;
  if (typeof value === 'string' && typeof v === 'string') {
    // iifname "eth*" is a prefix wildcard in both nft and iptables (`eth+`).
    if (v.endsWith('*') || v.endsWith('+')) return value.startsWith(v.slice(0, -1));
    return value === v;
  }
  return String(value) === String(v);
}

function show(v: Value): string {
  if (typeof v !== 'object') return String(v);
  if ('range' in v) return `${v.range[0]}-${v.range[1]}`;
  if ('prefix' in v) return v.prefix;
  return v.concat.map(show).join(' . ');
}

function negateText(text: string): string {
  return `not (${text})`;
}

export const describeValue = show;
