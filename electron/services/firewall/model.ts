// One model for Linux packet-filter rules whichever tool wrote them (nft JSON, iptables-save), so a
// single evaluator decides what the kernel does with a new connection to a port.
import type { FirewallProtocol, FirewallSource } from '../../../shared/network/firewall';

/** The packet the question is about: a NEW connection from another device to this port. */
export interface Packet {
  family: 'ipv4' | 'ipv6';
  protocol: FirewallProtocol;
  port: number;
  /** The interface it arrives on when known (the one the default route leaves by); never loopback. */
  iif: string | null;
}

/** A port or protocol value set: single values and inclusive ranges. */
export type Value = string | number | { range: [number, number] } | { prefix: string } | { concat: Value[] };

/** What a match looks at. Fields the question fixes are decided; the rest "depend" (sources, marks…). */
export type Field =
  | { kind: 'iifname' }
  | { kind: 'l4proto' }
  | { kind: 'nfproto' }
  | { kind: 'dport'; protocol: 'tcp' | 'udp' | 'th' }
  | { kind: 'ct-state' }
  | { kind: 'ct-status' }
  | { kind: 'pkttype' }
  | { kind: 'local-daddr' }
  /** Known to the reader but not fixed by the question: the words say what it depends on. */
  | { kind: 'depends'; what: string; protocolGuard?: 'tcp' | 'udp' | 'ipv4' | 'ipv6' }
  | { kind: 'concat'; parts: Field[] };

export type MatchOp = '==' | '!=' | 'in' | '<' | '>' | '<=' | '>=';

export interface Match {
  field: Field;
  op: MatchOp;
  /** Any of these (a set); a named set is resolved by the reader before evaluation. */
  values: Value[];
  /** The match as the user reads it, for "depends on" sentences. */
  text: string;
}

export type Verdict =
  | { kind: 'accept' }
  | { kind: 'drop' }
  | { kind: 'reject' }
  | { kind: 'return' }
  | { kind: 'continue' }
  | { kind: 'jump'; chain: string }
  | { kind: 'goto'; chain: string }
  /** A verdict map: the first element whose key matches decides. */
  | { kind: 'vmap'; field: Field; entries: { key: Value; verdict: Verdict }[] }
  /** queue to user space, an xt target…: Port Doctor cannot say what happens. */
  | { kind: 'opaque'; what: string };

export interface Rule {
  matches: Match[];
  /** null: a rule that only counts or logs; evaluation goes on. */
  verdict: Verdict | null;
  /** The rule as its tool prints it. */
  text: string;
  /** A match or statement the reader does not model: the rule's effect is uncertain. */
  opaqueMatch?: string;
}

export interface Chain {
  source: Extract<FirewallSource, 'nftables' | 'iptables'>;
  family: string;
  table: string;
  name: string;
  /** Base chains only: where the kernel runs them and in which order. */
  hook?: 'prerouting' | 'input';
  priority?: number;
  policy?: 'accept' | 'drop';
  rules: Rule[];
}

export interface Ruleset {
  chains: Chain[];
}

export const chainKey = (c: { family: string; table: string; name: string }): string => `${c.family} ${c.table} ${c.name}`;
