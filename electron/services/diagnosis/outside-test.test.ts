// The user's own phone/friend test taken into a finished diagnosis: which arrivals count, and the verdict drawn again.
import { describe, expect, it } from 'vitest';
import type { OutsideTest } from '../../../shared/channels/diagnose';
import type { Arrival } from '../../../shared/channels/vantage';
import { diagnosisDocumentSchema, notChecked, type PortEvidence } from '../../../shared/diagnosis/index';
import { assemble } from './assemble';
import { evidence, port, untested } from './evidence-fixture.test-util';
import { outsideFromTest, withOutsideTest } from './outside-test';
import { buildPlan } from './plan';

const TCP = { port: 25565, protocol: 'tcp' as const };
const arrival = (path: Arrival['path'], via: Arrival['via'], address = '203.0.113.20'): Arrival => ({ from: `${address}:40000`, address, port: 40000, path, via, at: '2026-12-02T06:00:00.000Z' });
const test = (over: Partial<OutsideTest> = {}): OutsideTest => ({ ...TCP, mode: 'port-held', endedBy: null, listenedSeconds: 20, arrivals: [], ...over });

/** A diagnosis run without a companion: the outside check of every port is 'no-companion'. */
function noCompanionDoc(ports: PortEvidence[] = [port({ ...TCP, outside: untested, hairpinWorks: notChecked('no-companion', 'no public address') })]) {
  const plan = buildPlan({ ports: ports.map((p) => ({ port: p.port, protocol: p.protocol })), companion: null, stunServers: ['203.0.113.10:3478'] });
  return assemble(plan, evidence(ports, { steps: [{ id: 'outside', state: 'skipped', durationMs: 0, note: 'no companion configured' }] }));
}

describe('outsideFromTest', () => {
  it('an arrival from the internet proves the path: by the link (nonce), by a friend code, or a new connection to the held port', () => {
    expect(outsideFromTest(test({ arrivals: [arrival('internet', 'link')] }))).toMatchObject({ vantage: 'phone', state: 'open', verifiedBy: 'nonce', reachedThisComputer: { state: 'yes' }, testListener: { state: 'no' } });
    expect(outsideFromTest(test({ mode: 'test-listener', arrivals: [arrival('internet', 'code')] }))).toMatchObject({ vantage: 'friend', verifiedBy: 'nonce', testListener: { state: 'yes' } });
    expect(outsideFromTest(test({ arrivals: [arrival('internet', 'socket-table')] }))).toMatchObject({ verifiedBy: 'socket-table', reachedThisComputer: { state: 'yes' } });
  });

  it('LAN and hairpin arrivals are not the internet path: while running they say nothing, at the timeout it is silence', () => {
    const inside = [arrival('lan', 'link', '192.168.50.20'), arrival('hairpin', 'link', '192.168.50.1')];
    expect(outsideFromTest(test({ arrivals: inside }))).toBeNull();
    expect(outsideFromTest(test({ arrivals: inside, endedBy: 'timeout', listenedSeconds: 180 }))).toMatchObject({ state: 'filtered', reason: 'no-response', reachedThisComputer: { state: 'no', detail: 'nothing arrived from the internet while the test listened (3 min)' } });
  });

  it('a cancelled test, one that could not watch the port, or one ended by LAN arrivals says nothing', () => {
    for (const endedBy of ['cancelled', 'unobservable', 'count'] as const) expect(outsideFromTest(test({ endedBy, arrivals: [arrival('lan', 'link', '192.168.50.20')] }))).toBeNull();
  });
});

describe('withOutsideTest', () => {
  it('no companion: unknown until the friend arrives, then reachable; the document stays valid', () => {
    const before = noCompanionDoc();
    expect(before.verdict.cause).toBe('unknown');
    const after = withOutsideTest(before, test({ arrivals: [arrival('internet', 'socket-table')] }));
    expect(after.verdict.cause).toBe('reachable');
    expect(after.evidence.steps.find((s) => s.id === 'outside')).toMatchObject({ state: 'done', note: 'your test link for TCP 25565 reached this computer from the internet' });
    expect(diagnosisDocumentSchema.safeParse(after).success).toBe(true);
  });

  it('nothing listening yet: the test listener reached from the internet says the router side is ready', () => {
    const notListening = { listening: notChecked('not-applicable', 'x'), sockets: [] };
    const before = noCompanionDoc([port({ ...TCP, ...notListening, listening: { state: 'no', detail: null }, outside: untested })]);
    const after = withOutsideTest(before, test({ mode: 'test-listener', arrivals: [arrival('internet', 'link')] }));
    expect(after.verdict.cause).toBe('not-listening');
    expect(after.findings.map((f) => f.cause)).toContain('path-ready');
  });

  it('a timeout with nothing from the internet is a missing forward, at most medium (nobody may have opened the link)', () => {
    const after = withOutsideTest(noCompanionDoc(), test({ endedBy: 'timeout', listenedSeconds: 180 }));
    expect(after.verdict).toMatchObject({ cause: 'no-forward', confidence: 'medium' });
    expect(after.findings[after.verdict.finding]?.explanation).toContain('if nobody opened the link in time, test again');
  });

  it("never replaces a companion's result, ignores tests that say nothing, and refuses a port the diagnosis did not test", () => {
    const withCompanion = assemble(buildPlan({ ports: [TCP], companion: 'http://203.0.113.10:8080/', stunServers: [] }), evidence([port(TCP)]));
    expect(withOutsideTest(withCompanion, test({ endedBy: 'timeout' }))).toBe(withCompanion);
    const doc = noCompanionDoc();
    expect(withOutsideTest(doc, test({ endedBy: 'cancelled' }))).toBe(doc);
    expect(() => withOutsideTest(doc, test({ port: 7777 }))).toThrow(RangeError);
  });
});
