// Reference slice: the question typed into the port reference, its answer from ports:lookup, and
// the sentence for a malformed question (checked here first, so a typo never waits on the engine).
import type { StateCreator } from 'zustand';
import type { PortsLookupResponse } from '../../../shared/channels/ports';
import { parsePortQuery } from '../../../shared/ports/query';
import type { AppErrorData } from '../../../shared/result';
import { api } from '../api';
import type { Store } from './index';

export interface ReferenceSlice {
  referenceText: string;
  referenceAnswer: PortsLookupResponse | null;
  /** Why the typed question cannot be looked up ("65536 is too large…"), or null. */
  referenceInputError: string | null;
  referenceError: AppErrorData | null;
  referenceLoading: boolean;
  referenceTextChanged(text: string): void;
  /** Looks up the current text, or `text` when given (links from other pages). */
  referenceAsked(text?: string): Promise<void>;
}

export const initialReferenceState = {
  referenceText: '',
  referenceAnswer: null,
  referenceInputError: null,
  referenceError: null,
  referenceLoading: false,
} satisfies Partial<ReferenceSlice>;

export const createReferenceSlice: StateCreator<Store, [], [], ReferenceSlice> = (set, get) => ({
  ...initialReferenceState,
  referenceTextChanged: (text) => set({ referenceText: text, referenceInputError: null }),
  referenceAsked: async (text) => {
    const query = text ?? get().referenceText;
    set({ referenceText: query });
    const parsed = parsePortQuery(query);
    if (!parsed.ok) {
      set({ referenceInputError: parsed.message, referenceAnswer: null, referenceError: null });
      return;
    }
    set({ referenceLoading: true, referenceInputError: null, referenceError: null });
    const r = await api.portsLookup({ query });
    // A newer question may have been asked while this one ran; its answer wins.
    if (get().referenceText !== query) return;
    set(r.ok ? { referenceAnswer: r.value, referenceLoading: false } : { referenceError: r.error, referenceAnswer: null, referenceLoading: false });
  },
});
