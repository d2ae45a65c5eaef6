// `nft -j list ruleset` → the rule model. Only the input path matters; unfamiliar expressions are
// kept as "depends on …" matches or opaque verdicts rather than guessed.
import type { Chain, Field, Match, MatchOp, Rule, Ruleset, Value, Verdict } from './model';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: Json | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: Json | undefined): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

const HOOKS = new Set(['prerouting', 'input']);
const OPS = new Set<MatchOp>(['==', '!=', 'in', '<', '>', '<=', '>=']);

/** `texts` maps `family table chain handle` to the line `nft -a list ruleset` prints for it. */
export function parseNftJson(text: string, texts: ReadonlyMap<string, string> = new Map()): Ruleset {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new SyntaxError(`nft -j printed something that is not JSON: ${(e as Error).message}`, { cause: e });
  }
  if (!isObj(doc) || !Array.isArray(doc.nftables)) throw new SyntaxError('nft -j output has no "nftables" list');
  const items = doc.nftables.filter(isObj);

  const sets = new Map<string, Value[]>();
  for (const item of items) {
    const s = item.set ?? item.map;
    if (!isObj(s)) continue;
    const elems = Array.isArray(s.elem) ? s.elem : [];
    sets.set(`${str(s.family)} ${str(s.table)} ${str(s.name)}`, elems.flatMap((e) => toValues(e)));
  }

  const chains = new Map<string, Chain>();
  for (const item of items) {
    const c = item.chain;
    if (!isObj(c)) continue;
    const family = str(c.family) ?? '?';
    const table = str(c.table) ?? '?';
    const name = str(c.name) ?? '?';
    const hook = str(c.hook);
    const chain: Chain = { source: 'nftables', family, table, name, rules: [] };
    // Only filter chains decide; a nat or route chain on the same hook does not drop packets here.
    if (hook && HOOKS.has(hook) && (str(c.type) ?? 'filter') === 'filter') {
      chain.hook = hook as 'prerouting' | 'input';
      chain.priority = num(c.prio) ?? 0;
      chain.policy = str(c.policy) === 'drop' ? 'drop' : 'accept';
    }
    chains.set(`${family} ${table} ${name}`, chain);
  }

  for (const item of items) {
    const r = item.rule;
    if (!isObj(r)) continue;
    const family = str(r.family) ?? '?';
    const table = str(r.table) ?? '?';
    const chain = chains.get(`${family} ${table} ${str(r.chain)}`);
    if (!chain) continue;
    const handle = num(r.handle);
    const rule = toRule(Array.isArray(r.expr) ? r.expr : [], (name) => sets.get(`${family} ${table} ${name}`));
    const printed = handle === undefined ? undefined : texts.get(`${family} ${table} ${chain.name} ${handle}`);
    if (printed) rule.text = printed;
    chain.rules.push(rule);
  }
  return { chains: [...chains.values()] };
}

type SetLookup = (name: string) => Value[] | undefined;

function toRule(exprs: Json[], lookup: SetLookup): Rule {
  const matches: Match[] = [];
  const parts: string[] = [];
  let verdict: Verdict | null = null;
  let opaqueMatch: string | undefined;
  for (const e of exprs) {
    if (!isObj(e)) continue;
    const [key] = Object.keys(e);
    if (key === undefined) continue;
    const body = e[key];
    if (key === 'match' && isObj(body)) {
      const m = toMatch(body, lookup);
      if (typeof m === 'string') opaqueMatch = m;
      else matches.push(m);
      parts.push(typeof m === 'string' ? m : m.text);
      continue;
    }
    const v = toVerdict(key, body, lookup);
    if (v) {
      verdict = v;
      parts.push(verdictText(v));
      continue;
    }
    if (key === 'xt' && isObj(body) && str(body.type) !== 'target') {
      opaqueMatch = `the iptables match "${str(body.name) ?? '?'}"`;
      parts.push(`xt match ${str(body.name) ?? '?'}`);
    } else if (key === 'limit' || key === 'quota' || key === 'meter') {
      matches.push({ field: { kind: 'depends', what: `a ${key}` }, op: '==', values: [], text: `the ${key} is not exceeded` });
      parts.push(key);
    }
    // counter, log, set updates, marks, notrack: they do not decide the packet's fate.
  }
  return { matches, verdict, text: parts.join(' '), ...(opaqueMatch ? { opaqueMatch } : {}) };
}

function toVerdict(key: string, body: Json | undefined, lookup: SetLookup): Verdict | null {
  switch (key) {
    case 'accept':
    case 'drop':
    case 'reject':
    case 'return':
    case 'continue':
      return { kind: key };
    case 'jump':
    case 'goto': {
      const target = isObj(body) ? str(body.target) : undefined;
      return target ? { kind: key, chain: target } : { kind: 'opaque', what: `a ${key} without a target` };
    }
    case 'queue':
      return { kind: 'opaque', what: 'packets are handed to a program (queue)' };
    case 'xt':
      return isObj(body) && str(body.type) === 'target' ? { kind: 'opaque', what: `the iptables target "${str(body.name) ?? '?'}"` } : null;
    case 'vmap': {
      if (!isObj(body)) return null;
      const field = toField(body.key);
      const data = body.data;
      let pairs: Json[] = [];
      if (isObj(data) && Array.isArray(data.set)) pairs = data.set;
      else if (typeof data === 'string' && data.startsWith('@')) return { kind: 'opaque', what: `the verdict map ${data}` };
      const entries = pairs.flatMap((p) => {
        if (!Array.isArray(p) || p.length !== 2 || !isObj(p[1])) return [];
        const [vk] = Object.keys(p[1]);
        const v = vk ? toVerdict(vk, p[1][vk], lookup) : null;
        return v ? toValues(p[0]!).map((key) => ({ key, verdict: v })) : [];
      });
      return { kind: 'vmap', field, entries };
    }
    default:
      return null;
  }
}

function toMatch(body: Obj, lookup: SetLookup): Match | string {
  const op = (str(body.op) ?? '==') as MatchOp;
  if (!OPS.has(op)) return `a match with operator ${String(body.op)}`;
  const field = toField(body.left);
  const right = body.right;
  let values: Value[];
  if (typeof right === 'string' && right.startsWith('@')) {
    const set = lookup(right.slice(1));
    if (!set) return `the set ${right}`;
    values = set;
  } else {
    values = toValues(right);
  }
  return { field, op, values, text: `${leftText(body.left)} ${op === '==' || op === 'in' ? '' : `${op} `}${rightText(right)}`.replace(/\s+/g, ' ').trim() };
}

function toField(left: Json | undefined): Field {
  if (!isObj(left)) return { kind: 'depends', what: 'a value' };
  if (Array.isArray(left.concat)) return { kind: 'concat', parts: left.concat.map(toField) };
  if (isObj(left.meta)) {
    const key = str(left.meta.key);
    if (key === 'iifname' || key === 'iif') return { kind: 'iifname' };
    if (key === 'l4proto') return { kind: 'l4proto' };
    if (key === 'nfproto') return { kind: 'nfproto' };
    if (key === 'pkttype') return { kind: 'pkttype' };
    return { kind: 'depends', what: `meta ${key ?? '?'}` };
  }
  if (isObj(left.payload)) {
    const protocol = str(left.payload.protocol);
    const field = str(left.payload.field);
    if (field === 'dport' && (protocol === 'tcp' || protocol === 'udp' || protocol === 'th')) return { kind: 'dport', protocol };
    if (protocol === 'ip' && field === 'protocol') return { kind: 'l4proto' };
    if (protocol === 'ip6' && field === 'nexthdr') return { kind: 'l4proto' };
    const guard = protocol === 'ip' ? 'ipv4' : protocol === 'ip6' ? 'ipv6' : protocol === 'tcp' || protocol === 'udp' ? protocol : undefined;
    return { kind: 'depends', what: `${protocol ?? '?'} ${field ?? '?'}`, ...(guard ? { protocolGuard: guard } : {}) };
  }
  if (isObj(left.ct)) {
    const key = str(left.ct.key);
    if (key === 'state') return { kind: 'ct-state' };
    if (key === 'status') return { kind: 'ct-status' };
    return { kind: 'depends', what: `ct ${key ?? '?'}` };
  }
  if (isObj(left.fib) && str(left.fib.result) === 'type' && Array.isArray(left.fib.flags) && left.fib.flags.includes('daddr')) return { kind: 'local-daddr' };
  return { kind: 'depends', what: leftText(left) };
}

function toValues(v: Json | undefined): Value[] {
  if (typeof v === 'number' || typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(toValues);
  if (!isObj(v)) return [];
  if (Array.isArray(v.set)) return v.set.flatMap(toValues);
  if (isObj(v.elem)) return toValues(v.elem.val);
  if (Array.isArray(v.range) && v.range.length === 2) {
    const [a, b] = v.range;
    if (typeof a === 'number' && typeof b === 'number') return [{ range: [a, b] }];
    return [{ prefix: `${String(a)}-${String(b)}` }];
  }
  if (isObj(v.prefix)) return [{ prefix: `${String(v.prefix.addr)}/${String(v.prefix.len)}` }];
  if (Array.isArray(v.concat)) return [{ concat: v.concat.flatMap(toValues) }];
  return [];
}

function leftText(left: Json | undefined): string {
  if (!isObj(left)) return String(left);
  if (isObj(left.meta)) return `${str(left.meta.key) === 'l4proto' ? 'meta l4proto' : str(left.meta.key)}`;
  if (isObj(left.payload)) return `${str(left.payload.protocol)} ${str(left.payload.field)}`;
  if (isObj(left.ct)) return `ct ${str(left.ct.key)}`;
  if (Array.isArray(left.concat)) return left.concat.map(leftText).join(' . ');
  if (isObj(left.fib)) return `fib ${Array.isArray(left.fib.flags) ? left.fib.flags.join(' . ') : ''} ${str(left.fib.result)}`;
  return JSON.stringify(left);
}

function rightText(right: Json | undefined): string {
  if (typeof right === 'string') return /^[@\w.:/*+-]+$/.test(right) ? right : JSON.stringify(right);
  if (typeof right === 'number') return String(right);
  if (Array.isArray(right)) return right.map(rightText).join(',');
  if (!isObj(right)) return String(right);
  if (Array.isArray(right.set)) return `{ ${right.set.map(rightText).join(', ')} }`;
  if (Array.isArray(right.range)) return right.range.map(rightText).join('-');
  if (isObj(right.prefix)) return `${String(right.prefix.addr)}/${String(right.prefix.len)}`;
  if (Array.isArray(right.concat)) return right.concat.map(rightText).join(' . ');
  return JSON.stringify(right);
}

function verdictText(v: Verdict): string {
  switch (v.kind) {
    case 'jump':
    case 'goto':
      return `${v.kind} ${v.chain}`;
    case 'vmap':
      return 'vmap { … }';
    case 'opaque':
      return v.what;
    default:
      return v.kind;
  }
}

/** `nft -a list ruleset` text → `family table chain handle` → the rule as printed (without the handle comment). */
export function parseNftHandles(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let table: string | undefined;
  let chain: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const t = /^table (\S+) (\S+) \{/.exec(line);
    if (t) {
      table = `${t[1]} ${t[2]}`;
      chain = undefined;
      continue;
    }
    const c = /^chain (\S+) \{/.exec(line);
    if (c) {
      chain = c[1];
      continue;
    }
    const h = /^(.*\S)\s+# handle (\d+)$/.exec(line);
    if (h && table && chain && !/^(type|policy|set|map|chain|table)\b/.test(h[1]!)) out.set(`${table} ${chain} ${h[2]}`, h[1]!);
  }
  return out;
}
