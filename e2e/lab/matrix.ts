// Measures a catalog entry's reachability matrix in a built lab, in a shape that compares row by row with the expectation.
import { type Expectation, stateOf, type Target } from './catalog.js';
import { type Lab, type ProbeResult, type ProbeTarget } from './topology.js';

/** One observed (or expected) cell: where from, what answered, and whom the answerer saw. */
export interface MatrixRow {
  row: string;
  state: string;
  reason: string;
  answeredBy?: string;
  peerIp?: string;
}

export const rowLabel = (e: Pick<Expectation, 'from' | 'to' | 'proto' | 'port'>): string => `${e.from}→${e.to} ${e.proto}/${e.port}`;

export function targetAddress(lab: Lab, to: Target): string {
  switch (to) {
    case 'public':
      return lab.addr.publicIp;
    case 'pcLan':
      return lab.addr.pcLan;
    case 'loopback':
      return '127.0.0.1';
    case 'pcV6':
      if (!lab.addr.pcV6) throw new Error('this topology has no IPv6 (set scenario.ipv6)');
      return lab.addr.pcV6;
  }
}

/** "1.2.3.4:5" or "[::1]:5" → the address part. */
export function hostOf(endpoint: string): string {
  const m = /^\[?(.*?)\]?:(\d+)$/.exec(endpoint);
  if (!m) throw new Error(`not an address:port: ${endpoint}`);
  return m[1]!;
}

export function expectedRows(lab: Lab, matrix: readonly Expectation[]): MatrixRow[] {
  return matrix.map((e) => {
    const peerIp = e.peer === undefined ? undefined : e.peer === '127.0.0.1' ? e.peer : lab.addr[e.peer];
    if (e.peer !== undefined && peerIp === undefined) throw new Error(`${rowLabel(e)}: this topology has no address ${e.peer}`);
    return {
      row: rowLabel(e),
      ...stateOf(e.verdict, e.proto),
      ...(e.answeredBy !== undefined ? { answeredBy: e.answeredBy } : {}),
      ...(peerIp !== undefined ? { peerIp } : {}),
    };
  });
}

function observedRow(label: string, r: ProbeResult | undefined): MatrixRow {
  if (!r) return { row: label, state: 'missing', reason: 'no result' };
  const reply = typeof r.reply === 'object' ? r.reply : undefined;
  return {
    row: label,
    state: r.state,
    reason: r.reason,
    ...(reply ? { answeredBy: reply.server, peerIp: hostOf(reply.peer) } : {}),
  };
}

/** Probe every row from its source host (hosts in parallel, one prober process per host). */
export async function measureRows(lab: Lab, matrix: readonly Expectation[]): Promise<MatrixRow[]> {
  const bySource = new Map<string, { i: number; t: ProbeTarget }[]>();
  matrix.forEach((e, i) => {
    const list = bySource.get(e.from) ?? [];
    list.push({ i, t: { id: String(i), proto: e.proto, host: targetAddress(lab, e.to), port: e.port } });
    bySource.set(e.from, list);
  });
  const out: MatrixRow[] = new Array(matrix.length);
  await Promise.all(
    [...bySource].map(async ([from, items]) => {
      const results = await lab.probe(from as Expectation['from'], items.map((x) => x.t));
      for (const x of items) out[x.i] = observedRow(rowLabel(matrix[x.i]!), results.find((r) => r.id === String(x.i)));
    }),
  );
  return out;
}
