// Findings from evidence: pure rules, causes first (per needed port, merged), then notes.
import type { CauseCode, Conclusion, Evidence, NoteCode } from '../../../shared/diagnosis/index';
import { arrives, localCause, pathCause, type PortCause } from './port-rules';

const yes = (f: { state: string }) => f.state === 'yes';
const no = (f: { state: string }) => f.state === 'no';

/** Causes that stop friends from joining (everything but `reachable`, `relay-game`, `unknown`). */
export function isBlocking(cause: CauseCode): boolean {
  return cause !== 'reachable' && cause !== 'relay-game' && cause !== 'unknown';
}

function target(ev: Evidence, i: number) {
  const p = ev.ports[i];
  return p ? [{ port: p.port, protocol: p.protocol }] : [];
}

/** Same cause on several ports becomes one finding naming all of them. */
function merge(list: Conclusion[]): Conclusion[] {
  const out: Conclusion[] = [];
  for (const c of list) {
    const same = out.find((o) => o.cause === c.cause && o.kind === c.kind);
    if (!same) {
      out.push({ ...c, targets: [...c.targets], evidence: [...c.evidence] });
      continue;
    }
    for (const t of c.targets) if (!same.targets.some((x) => x.port === t.port && x.protocol === t.protocol)) same.targets.push(t);
    for (const e of c.evidence) if (!same.evidence.includes(e)) same.evidence.push(e);
    if (c.confidence === 'low' || (c.confidence === 'medium' && same.confidence === 'high')) same.confidence = c.confidence;
    Object.assign(same.params, c.params);
  }
  return out;
}

function fromPortCause(ev: Evidence, i: number, pc: PortCause): Conclusion {
  return { cause: pc.cause, kind: 'cause', blocking: isBlocking(pc.cause), confidence: pc.confidence, targets: target(ev, i), evidence: pc.evidence, params: pc.params };
}

function note(cause: NoteCode, targets: Conclusion['targets'], evidence: string[], params: Conclusion['params'] = {}): Conclusion {
  return { cause, kind: 'note', blocking: false, confidence: 'high', targets, evidence, params };
}

/**
 * Every finding the evidence supports. Causes: a relay mode first (port tests do not apply), then
 * each needed port's local cause and its path cause (a port nothing listens on still has its path
 * judged through the test listener, so the user learns whether the router side is ready); same
 * causes merged. Then notes. Never empty: with nothing decided, one `unknown` with the reason.
 */
export function conclude(ev: Evidence): Conclusion[] {
  const causes: Conclusion[] = [];
  if (yes(ev.server.relayModeInUse)) {
    causes.push({ cause: 'relay-game', kind: 'cause', blocking: false, confidence: 'high', targets: [], evidence: ['server.relayModeInUse'], params: { mode: ev.server.relayMode ?? '' } });
  }
  const notes: Conclusion[] = [];
  const neededIdx = ev.ports.flatMap((p, i) => (p.needed ? [i] : []));
  // A plan of optional ports only (typed by hand) still gets a verdict: judge them all.
  const judged = neededIdx.length > 0 ? neededIdx : ev.ports.map((_, i) => i);
  for (const i of judged) {
    const p = ev.ports[i];
    if (!p) continue;
    const local = localCause(ev, i);
    if (local) causes.push(fromPortCause(ev, i, local));
    // Loopback-only and wrong-interface refusals from outside say nothing about the router.
    if (local && local.cause !== 'not-listening') continue;
    const path = pathCause(ev, i);
    if (local && path.cause === 'reachable') {
      notes.push(note('path-ready', target(ev, i), [`ports[${i}].outside.testListener`, `ports[${i}].outside.reachedThisComputer`]));
      continue;
    }
    // The test listener's path finding only counts when it was actually tested.
    if (local && path.cause === 'unknown') continue;
    causes.push(fromPortCause(ev, i, path));
    if (path.cause === 'no-forward' && p.protocol === 'udp' && path.confidence === 'low') {
      notes.push(note('udp-unconfirmed', target(ev, i), [`ports[${i}].outside.state`]));
    }
  }
  for (const [i, p] of ev.ports.entries()) {
    if (!judged.includes(i) && p.outside.vantage !== null && p.outside.state !== null && !yes(p.outside.reachedThisComputer) && !yes(p.outside.answered)) {
      notes.push(note('optional-port-closed', target(ev, i), [`ports[${i}].outside.reachedThisComputer`], { role: p.role, label: p.label }));
    }
    if (no(p.usualProgram) && p.sockets[0]?.process) {
      notes.push(note('unexpected-program', target(ev, i), [`ports[${i}].usualProgram`, `ports[${i}].sockets`], { program: p.sockets[0].process }));
    }
  }
  const reachable = judged.length > 0 && judged.every((i) => ev.ports[i] && arrives(ev.ports[i]));
  if (reachable) {
    const hairpinFails = judged.filter((i) => ev.ports[i] && no(ev.ports[i].hairpinWorks));
    if (hairpinFails.length > 0) notes.push(note('hairpin', hairpinFails.flatMap((i) => target(ev, i)), hairpinFails.map((i) => `ports[${i}].hairpinWorks`)));
  }
  const stuckBehindNat = causes.some((c) => c.cause === 'cgnat' || c.cause === 'double-nat');
  if (stuckBehindNat && yes(ev.network.globalIpv6)) notes.push(note('ipv6-available', [], ['network.globalIpv6']));

  const merged = merge(causes);
  if (merged.length === 0) {
    merged.push({ cause: 'unknown', kind: 'cause', blocking: false, confidence: 'low', targets: [], evidence: ['ports'], params: { missing: 'ports' } });
  }
  return [...merged, ...merge(notes)];
}

/**
 * The verdict: a relay mode first (friends do not use the ports, so port findings answer the wrong
 * question); else the first blocking cause; else `unknown` (one needed port undecided means we
 * cannot say friends can join); else reachable.
 */
export function verdictIndex(findings: readonly Conclusion[]): number {
  const order = [(c: Conclusion) => c.cause === 'relay-game', (c: Conclusion) => c.kind === 'cause' && c.blocking, (c: Conclusion) => c.cause === 'unknown', (c: Conclusion) => c.cause === 'reachable'];
  for (const test of order) {
    const i = findings.findIndex(test);
    if (i >= 0) return i;
  }
  return 0;
}
