// The explainer id list is a contract other features link to: unique, URL-safe, and checked input.
import { describe, expect, it } from 'vitest';
import { EXPLAINER_IDS, explainerHref, isExplainerId } from './ids';

describe('explainer ids', () => {
  it('are unique kebab-case words', () => {
    expect(new Set(EXPLAINER_IDS).size).toBe(EXPLAINER_IDS.length);
    for (const id of EXPLAINER_IDS) expect(id).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
  });

  it('links are hash routes under #/explain/', () => {
    expect(explainerHref('hairpin-nat')).toBe('#/explain/hairpin-nat');
  });

  it.each([['nat', true], ['NAT', false], ['', false], [undefined, false], ['__proto__', false], ['toString', false]])('isExplainerId(%s) = %s', (v, want) => {
    expect(isExplainerId(v)).toBe(want);
  });
});
