// Tri-state facts in words, once for the wizard, `port-doctor diagnose` and the report: the word
// for what was seen and how we know, or "not checked" with the reason (never "no").
import type { Fact } from '../diagnosis/fact';
import type { OutsideEvidence } from '../diagnosis/evidence';
import type { VerifiedBy } from '../channels/companion';

/** `yes — bound to 0.0.0.0`, `blocks it`, `not checked — nft: permission denied`. */
export function factText(fact: Fact, words: { yes: string; no: string } = { yes: 'yes', no: 'no' }): string {
  if (fact.state === 'not-checked') return `not checked — ${fact.reason}`;
  const word = fact.state === 'yes' ? words.yes : words.no;
  return fact.detail ? `${word} — ${fact.detail}` : word;
}

const VANTAGE_WORDS: Record<NonNullable<OutsideEvidence['vantage']>, string> = { companion: 'the companion', phone: 'a phone', friend: 'a friend' };

/** How arrival was proven, short enough for a table cell. */
export const PROOF_WORDS: Record<VerifiedBy, string> = {
  nonce: 'Port Doctor\'s test listener read the fresh code',
  'socket-table': 'the connection showed up in this computer\'s socket table',
  protocol: 'the same server answered outside and here',
};

/** What a test from outside saw for one port: arrived (and how we know), answered by another device, or nothing. */
export function outsideText(o: OutsideEvidence): string {
  const reached = o.reachedThisComputer;
  if (o.vantage === null) return reached.state === 'not-checked' ? `not tested — ${reached.reason}` : factText(reached, { yes: 'reached this computer', no: 'did not arrive' });
  const by = ` (tested by ${VANTAGE_WORDS[o.vantage]})`;
  const seen = o.state === null ? null : `${o.state}${o.reason ? `, ${o.reason}` : ''}`;
  if (reached.state === 'yes') return `reached this computer: ${o.verifiedBy ? PROOF_WORDS[o.verifiedBy] : (reached.detail ?? 'seen arriving')}${by}`;
  if (reached.state === 'not-checked') return `${seen ?? 'tested'}; whether it reached this computer was not checked — ${reached.reason}${by}`;
  if (o.answered.state === 'yes') return `something answered${seen ? ` (${seen})` : ''}, but not this computer${by}`;
  return `did not arrive${seen ? `: ${seen}` : ''}${by}`;
}
