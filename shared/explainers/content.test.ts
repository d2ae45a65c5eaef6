// Every explainer id has words, sources and links that lead somewhere real.
import { describe, expect, it } from 'vitest';
import { EXPLAINERS } from './content';
import { EXPLAINER_IDS } from './ids';

describe('explainers', () => {
  it.each(EXPLAINER_IDS)('%s: title, one-sentence summary, short body, https sources, related ids that exist', (id) => {
    const e = EXPLAINERS[id];
    expect(e.id).toBe(id);
    expect(e.title.length).toBeGreaterThan(3);
    expect(e.summary).toMatch(/^[A-Z"].*\.$/);
    expect(e.body.length).toBeGreaterThanOrEqual(2);
    expect(e.body.length).toBeLessThanOrEqual(4);
    for (const p of e.body) expect(p.length, p).toBeLessThan(700);
    for (const s of e.sources) expect(new URL(s.url).protocol).toBe('https:');
    for (const r of e.related) {
      expect(EXPLAINER_IDS).toContain(r);
      expect(r).not.toBe(id);
    }
  });

  it('holds exactly the listed ids', () => {
    expect(Object.keys(EXPLAINERS).sort()).toEqual([...EXPLAINER_IDS].sort());
  });

  it('the forwarding-path picture illustrates NAT and port forwarding', () => {
    expect(EXPLAINERS.nat.figure).toBe('forwarding-path');
    expect(EXPLAINERS['port-forwarding'].figure).toBe('forwarding-path');
  });
});

describe('diagnosis links', () => {
  it('every cause and note that names an explainer names one that exists; only "unknown" has none', async () => {
    const { EXPLAINER_FOR_CAUSE, EXPLAINER_FOR_NOTE } = await import('./for-diagnosis');
    const { CAUSE_CODES, NOTE_CODES } = await import('../diagnosis/cause-codes');
    for (const c of CAUSE_CODES) {
      const id = EXPLAINER_FOR_CAUSE[c];
      if (c === 'unknown') expect(id).toBeNull();
      else expect(EXPLAINERS[id!], c).toBeDefined();
    }
    for (const n of NOTE_CODES) expect(EXPLAINERS[EXPLAINER_FOR_NOTE[n]!], n).toBeDefined();
  });
});

describe('explainerForFinding', () => {
  it('finds the explainer for causes and notes alike, and none for unknown', async () => {
    const { explainerForFinding } = await import('./for-diagnosis');
    expect(explainerForFinding('host-firewall')).toBe('host-firewall');
    expect(explainerForFinding('hairpin')).toBe('hairpin-nat');
    expect(explainerForFinding('cgnat')).toBe('cgnat');
    expect(explainerForFinding('unknown')).toBeNull();
  });
});
