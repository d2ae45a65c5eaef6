// Diagnosis schemas: tri-state facts keep 'not-checked' apart from 'no', and the document holds together.
import { describe, expect, it } from 'vitest';
import { CAUSE_CODES, NOTE_CODES, diagnosisDocumentSchema, factSchema, notChecked, no, yes } from './index';

describe('facts', () => {
  it("'not-checked' needs a why and a reason; 'yes'/'no' never carry one", () => {
    expect(factSchema.safeParse(notChecked('no-companion', 'no companion configured')).success).toBe(true);
    expect(factSchema.safeParse({ state: 'not-checked', why: 'no-companion' }).success).toBe(false);
    expect(factSchema.safeParse({ state: 'not-checked', why: 'whatever', reason: 'x' }).success).toBe(false);
    expect(factSchema.safeParse({ state: 'no', detail: null, why: 'failed' }).success).toBe(false);
    expect(factSchema.safeParse(yes('bound to 0.0.0.0')).success).toBe(true);
    expect(factSchema.safeParse(no()).success).toBe(true);
    expect(factSchema.safeParse({ state: 'maybe', detail: null }).success).toBe(false);
  });

  it('cause and note codes are distinct', () => {
    const all = [...CAUSE_CODES, ...NOTE_CODES];
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('document', () => {
  it('rejects a verdict that is not one of the findings', () => {
    const doc = { version: 1, plan: {}, evidence: {}, findings: [], verdict: {} };
    expect(diagnosisDocumentSchema.safeParse(doc).success).toBe(false);
  });
});
