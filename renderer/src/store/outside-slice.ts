// Test from outside slice: the form (port, protocol, minutes), one test at a time with its links
// (vantage:ready) and live arrivals (vantage:arrival), cancel; and the friend's side (reach a code).
import type { StateCreator } from 'zustand';
import type { Transport } from '../../../shared/channels/probe';
import type { Arrival, InviteOutcome, InviteReady, ReachResult } from '../../../shared/channels/vantage';
import { INVITE_DEFAULT_SECONDS } from '../../../shared/channels/vantage-limits';
import type { AppErrorData } from '../../../shared/result';
import { api } from '../api';
import type { Store } from './index';

export interface OutsideSlice {
  outsidePort: string;
  outsideProtocol: Transport;
  outsideMinutes: number;
  /** The test in flight, null when idle. */
  outsideTestId: string | null;
  outsideReady: InviteReady | null;
  outsideArrivals: Arrival[];
  outsideOutcome: InviteOutcome | null;
  outsideError: AppErrorData | null;
  friendCode: string;
  friendReaching: boolean;
  friendResult: ReachResult | null;
  friendError: AppErrorData | null;
  outsidePortChanged(port: string): void;
  outsideProtocolChanged(protocol: Transport): void;
  outsideMinutesChanged(minutes: number): void;
  /** For the wizard: the port and protocol it is diagnosing. */
  outsideTargetPicked(target: { port: number; protocol: Transport }): void;
  outsideStarted(): Promise<void>;
  outsideCancelled(): Promise<void>;
  friendCodeChanged(code: string): void;
  friendReachStarted(): Promise<void>;
}

export const initialOutsideState = {
  outsidePort: '',
  outsideProtocol: 'tcp',
  outsideMinutes: INVITE_DEFAULT_SECONDS / 60,
  outsideTestId: null,
  outsideReady: null,
  outsideArrivals: [],
  outsideOutcome: null,
  outsideError: null,
  friendCode: '',
  friendReaching: false,
  friendResult: null,
  friendError: null,
} satisfies Partial<OutsideSlice>;

let testCounter = 0;

export const createOutsideSlice: StateCreator<Store, [], [], OutsideSlice> = (set, get) => ({
  ...initialOutsideState,
  outsidePortChanged: (port) => set({ outsidePort: port }),
  outsideProtocolChanged: (protocol) => set({ outsideProtocol: protocol }),
  outsideMinutesChanged: (minutes) => set({ outsideMinutes: minutes }),
  outsideTargetPicked: ({ port, protocol }) => set({ outsidePort: String(port), outsideProtocol: protocol }),
  outsideStarted: async () => {
    if (get().outsideTestId) return;
    const testId = `out-${Date.now().toString(36)}-${++testCounter}`;
    const { outsidePort, outsideProtocol: protocol, outsideMinutes } = get();
    set({ outsideTestId: testId, outsideReady: null, outsideArrivals: [], outsideOutcome: null, outsideError: null });
    const offReady = api.onVantageReady((r) => {
      if (r.testId === testId) set({ outsideReady: r });
    });
    const offArrival = api.onVantageArrival((a) => {
      if (a.testId !== testId) return;
      set((s) => ({ outsideArrivals: [...s.outsideArrivals, a.arrival] }));
      // The wizard's verdict changes the moment the internet path is proven (it checks the test is its own).
      if (a.arrival.path === 'internet') void get().wizardOutsideObserved();
    });
    try {
      const r = await api.vantageInvite({ testId, port: Number(outsidePort.trim()), protocol, timeoutSeconds: Math.round(outsideMinutes * 60) });
      if (r.ok) set({ outsideOutcome: r.value, outsideArrivals: r.value.arrivals });
      else set({ outsideError: r.error });
    } finally {
      offReady();
      offArrival();
      set({ outsideTestId: null });
    }
    // Ended (time up, count, cancelled): the wizard weighs the whole test, silence included.
    await get().wizardOutsideObserved();
  },
  outsideCancelled: async () => {
    const testId = get().outsideTestId;
    if (testId) await api.vantageCancel({ testId });
  },
  friendCodeChanged: (code) => set({ friendCode: code }),
  friendReachStarted: async () => {
    if (get().friendReaching) return;
    set({ friendReaching: true, friendResult: null, friendError: null });
    try {
      const r = await api.vantageReach({ code: get().friendCode.trim() });
      if (r.ok) set({ friendResult: r.value });
      else set({ friendError: r.error });
    } finally {
      set({ friendReaching: false });
    }
  },
});
