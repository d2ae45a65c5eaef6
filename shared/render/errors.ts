// An error as a person reads it: the specific reason first, the general advice after it.
import type { AppErrorData } from '../result';

export interface ErrorWords {
  /** What went wrong here, in one sentence. */
  headline: string;
  /** The general sentence or the raw detail, shown after the headline; null when it adds nothing. */
  more: string | null;
}

const sentence = (s: string) => {
  const t = s.trim();
  return `${t.charAt(0).toUpperCase()}${t.slice(1)}${/[.!?]$/.test(t) ? '' : '.'}`;
};

/**
 * Codes whose detail is a whole reason ("range '80-70' runs backwards"): it leads, and the generic
 * "The request was not understood…" is dropped, since the reason already says what to change.
 */
const DETAIL_IS_THE_REASON = new Set<AppErrorData['code']>(['INVALID_INPUT', 'NOT_CONFIGURED']);

export function errorWords(e: AppErrorData): ErrorWords {
  if (!e.detail) return { headline: e.message, more: null };
  if (DETAIL_IS_THE_REASON.has(e.code)) return { headline: sentence(e.detail), more: null };
  if (e.code === 'HOST_NOT_FOUND') {
    return { headline: `No device named “${e.detail}” could be found.`, more: 'Check the spelling, or enter the device’s IP address instead.' };
  }
  return { headline: e.message, more: e.detail };
}
