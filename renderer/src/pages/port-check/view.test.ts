import { describe, expect, it } from 'vitest';
import { PROBE_REASONS, PORT_STATES, type ProbeResult } from '../../../../shared/channels/probe';
import { ResultLog } from '../../store/result-log';
import { ALL_PRESETS, explain, progressText, visibleResults } from './view';

const r = (port: number, state: ProbeResult['state']): ProbeResult => ({ port, protocol: 'tcp', state, reason: 'conn-refused', rttMs: 1, service: null });

describe('port check view', () => {
  it('every preset is a port spec the engine reads', () => {
    for (const p of ALL_PRESETS) expect(p.ports).toMatch(/^(all|\d{1,5}(-\d{1,5})?(,\d{1,5}(-\d{1,5})?)*)$/);
  });
  it('has words for every state and reason', () => {
    for (const s of PORT_STATES) for (const reason of PROBE_REASONS) for (const proto of ['tcp', 'udp'] as const) expect(explain(s, reason, proto).length).toBeGreaterThan(20);
    expect(explain('open|filtered', 'no-response', 'udp')).toMatch(/proves little/);
    expect(explain('filtered', 'no-response', 'tcp')).toMatch(/dropping/);
  });
  it('speaks progress with an ETA', () => {
    expect(progressText(100, 65535, null)).toBe('100 of 65,535 ports · estimating time left…');
    expect(progressText(30000, 65535, 2100)).toBe('30,000 of 65,535 ports · about 3 s left');
    expect(progressText(5, 5, 0)).toBe('5 of 5 ports');
    expect(progressText(4, 5, 0)).toBe('4 of 5 ports · about 1 s left');
  });
  it('summarises the most common verdict of a big scan, lists everything of a small one', () => {
    const big = [...Array.from({ length: 300 }, (_, i) => r(i + 1, 'closed')), r(400, 'open')];
    expect(visibleResults(ResultLog.from(big), false)).toEqual({ rows: [r(400, 'open')], hidden: { state: 'closed', count: 300 } });
    expect(visibleResults(ResultLog.from(big), true).rows).toHaveLength(301);
    expect(visibleResults(ResultLog.from([r(2, 'open'), r(1, 'closed')]), false)).toEqual({ rows: [r(1, 'closed'), r(2, 'open')], hidden: null });
  });
});
