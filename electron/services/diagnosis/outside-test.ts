// The user's own test from outside (phone link or friend code) as the outside evidence of one port,
// and a finished diagnosis drawn again with it: same evidence, that port's outside check replaced.
import type { OutsideTest } from '../../../shared/channels/diagnose';
import type { ArrivalVia } from '../../../shared/channels/vantage';
import { no, yes, type DiagnosisDocument, type OutsideEvidence } from '../../../shared/diagnosis/index';
import { assemble } from './assemble';

const VIA_WORDS: Record<ArrivalVia, string> = {
  link: 'the test link was opened',
  code: "a friend's code arrived",
  'socket-table': 'a new connection to your server',
};

/**
 * What the test says about the path from the internet: an arrival from the internet proves it
 * (the link's secret or the code's nonce, or a new connection to the held port); a test that
 * listened until its time ran out with none is silence. A test still running, cancelled, or that
 * could not watch the port says nothing (null). LAN and hairpin arrivals are not the internet path.
 */
export function outsideFromTest(t: OutsideTest): OutsideEvidence | null {
  const testListener = t.mode === 'test-listener' ? yes('nothing listened: Port Doctor answered in its place') : no('the port is held by a program');
  const internet = t.arrivals.filter((a) => a.path === 'internet');
  const first = internet[0];
  if (first) {
    return {
      vantage: internet.some((a) => a.via === 'code') ? 'friend' : 'phone',
      state: 'open',
      reason: t.protocol === 'tcp' ? 'syn-ack' : 'udp-response',
      reachedThisComputer: yes(`${first.from} reached this computer from the internet: ${VIA_WORDS[first.via]}`),
      answered: yes(`${internet.length} arrival${internet.length === 1 ? '' : 's'} from the internet`),
      verifiedBy: first.via === 'socket-table' ? 'socket-table' : 'nonce',
      testListener,
      rttMs: null,
    };
  }
  if (t.endedBy !== 'timeout') return null;
  const silence = `nothing arrived from the internet while the test listened (${Math.round(t.listenedSeconds / 60) || 1} min)`;
  return { vantage: 'phone', state: 'filtered', reason: 'no-response', reachedThisComputer: no(silence), answered: no(silence), verifiedBy: null, testListener, rttMs: null };
}

/**
 * The document with the test as the outside check of its port, findings and verdict drawn again.
 * Only a port that had no companion result takes it (a companion's proof is not overwritten by a
 * person's); throws RangeError when the port is not one of the diagnosis's.
 */
export function withOutsideTest(doc: DiagnosisDocument, t: OutsideTest): DiagnosisDocument {
  const i = doc.evidence.ports.findIndex((p) => p.port === t.port && p.protocol === t.protocol);
  const port = doc.evidence.ports[i];
  if (!port) throw new RangeError(`${t.protocol.toUpperCase()} ${t.port} is not one of this diagnosis's ports`);
  if (port.outside.vantage === 'companion') return doc;
  const outside = outsideFromTest(t);
  if (!outside) return doc;
  const ports = doc.evidence.ports.map((p, j) => (j === i ? { ...p, outside } : p));
  const what = `${outside.vantage === 'friend' ? "your friend's code" : 'your test link'} for ${t.protocol.toUpperCase()} ${t.port}`;
  const note = outside.reachedThisComputer.state === 'yes' ? `${what} reached this computer from the internet` : `${what}: nothing arrived from the internet`;
  const steps = doc.evidence.steps.map((s) => (s.id === 'outside' ? { ...s, state: 'done' as const, note } : s));
  return assemble(doc.plan, { ...doc.evidence, ports, steps });
}
