import { describe, expect, it } from 'vitest';
import type { OutsideEvidence } from '../diagnosis/evidence';
import { factText, outsideText } from './fact';

describe('factText', () => {
  it.each<[string, Parameters<typeof factText>, string]>([
    ['yes, plain', [{ state: 'yes', detail: null }], 'yes'],
    ['no with what was seen', [{ state: 'no', detail: 'bound to 127.0.0.1' }], 'no — bound to 127.0.0.1'],
    ['own words', [{ state: 'no', detail: 'nft drops it' }, { yes: 'lets it in', no: 'blocks it' }], 'blocks it — nft drops it'],
    ['not checked says why, never "no"', [{ state: 'not-checked', why: 'unavailable', reason: 'nft: permission denied' }, { yes: 'lets it in', no: 'blocks it' }], 'not checked — nft: permission denied'],
  ])('%s', (_name, args, text) => expect(factText(...args)).toBe(text));
});

const base: OutsideEvidence = {
  vantage: 'companion',
  state: 'open',
  reason: 'syn-ack',
  reachedThisComputer: { state: 'yes', detail: 'nonce' },
  answered: { state: 'yes', detail: null },
  verifiedBy: 'nonce',
  testListener: { state: 'yes', detail: null },
  rttMs: 20,
};

describe('outsideText', () => {
  it.each<[string, Partial<OutsideEvidence>, string]>([
    ['proven arrival', {}, "reached this computer: Port Doctor's test listener read the fresh code (tested by the companion)"],
    ['socket table proof', { verifiedBy: 'socket-table' }, "reached this computer: the connection showed up in this computer's socket table (tested by the companion)"],
    ['another device answered', { reachedThisComputer: { state: 'no', detail: 'our test listener saw nothing' }, verifiedBy: null }, 'something answered (open, syn-ack), but not this computer (tested by the companion)'],
    [
      'silence',
      { state: 'filtered', reason: 'no-response', reachedThisComputer: { state: 'no', detail: null }, answered: { state: 'no', detail: null }, verifiedBy: null },
      'did not arrive: filtered, no-response (tested by the companion)',
    ],
    [
      'could not tell',
      { reachedThisComputer: { state: 'not-checked', why: 'unsupported-os', reason: 'no socket-table reader on this OS' }, verifiedBy: null },
      'open, syn-ack; whether it reached this computer was not checked — no socket-table reader on this OS (tested by the companion)',
    ],
    [
      'no outside test at all',
      { vantage: null, state: null, reason: null, reachedThisComputer: { state: 'not-checked', why: 'no-companion', reason: 'no companion configured' }, verifiedBy: null },
      'not tested — no companion configured',
    ],
  ])('%s', (_name, over, text) => expect(outsideText({ ...base, ...over })).toBe(text));
});
