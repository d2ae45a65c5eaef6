// Tri-state facts: 'yes' and 'no' are things we saw; 'not-checked' is distinct and always says why.
import { z } from 'zod';

/**
 * Why a fact was not checked, as a closed set the renderers and the report can word. The free-text
 * `reason` beside it carries the specifics ("nft: permission denied").
 */
export const NOT_CHECKED_WHYS = [
  /** The engine that would answer is not part of this version yet. */
  'not-available-yet',
  /** It needs a vantage point on the internet and no companion is configured. */
  'no-companion',
  /** The question does not arise (e.g. "bound to loopback?" when nothing listens). */
  'not-applicable',
  /** The OS or a tool refused (permissions, missing command). */
  'unavailable',
  /** The gatherer ran and failed; `reason` has the error. */
  'failed',
  /** The diagnosis's time budget ran out first. */
  'timed-out',
  /** The user cancelled. */
  'cancelled',
  /** This operating system has no reader for it. */
  'unsupported-os',
] as const;
export const notCheckedWhySchema = z.enum(NOT_CHECKED_WHYS);
export type NotCheckedWhy = z.infer<typeof notCheckedWhySchema>;

const detail = z.string().max(500).nullable();

export const factSchema = z.discriminatedUnion('state', [
  /** Seen to be true; `detail` says how we know when that helps ("bound to 0.0.0.0"). */
  z.object({ state: z.literal('yes'), detail }).strict(),
  /** Seen to be false. */
  z.object({ state: z.literal('no'), detail }).strict(),
  z.object({ state: z.literal('not-checked'), why: notCheckedWhySchema, reason: z.string().min(1).max(500) }).strict(),
]);
export type Fact = z.infer<typeof factSchema>;
export type FactState = Fact['state'];

export function yes(detail: string | null = null): Fact {
  return { state: 'yes', detail };
}

export function no(detail: string | null = null): Fact {
  return { state: 'no', detail };
}

export function notChecked(why: NotCheckedWhy, reason: string): Fact {
  return { state: 'not-checked', why, reason };
}

export const isYes = (f: Fact): boolean => f.state === 'yes';
export const isNo = (f: Fact): boolean => f.state === 'no';
export const isChecked = (f: Fact): boolean => f.state !== 'not-checked';
