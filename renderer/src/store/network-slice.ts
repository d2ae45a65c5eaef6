// Network slice: the network facts run (with its progress steps) and the firewall question.
import type { StateCreator } from 'zustand';
import type { FirewallAnswer } from '../../../shared/network/firewall';
import type { NetworkFacts, NetworkStep } from '../../../shared/network/facts';
import type { AppErrorData } from '../../../shared/result';
import { api } from '../api';
import { parsePortAndProtocol } from '../../../shared/ports/port-spec';
import type { Store } from './index';

export interface NetworkSlice {
  networkRunId: string | null;
  networkSteps: Partial<Record<NetworkStep, 'started' | 'done'>>;
  networkFacts: NetworkFacts | null;
  networkError: AppErrorData | null;
  firewallText: string;
  firewallInputError: string | null;
  firewallAnswer: FirewallAnswer | null;
  firewallError: AppErrorData | null;
  firewallLoading: boolean;
  networkFactsRequested(): Promise<void>;
  firewallTextChanged(text: string): void;
  firewallAsked(): Promise<void>;
}

export const initialNetworkState = {
  networkRunId: null,
  networkSteps: {},
  networkFacts: null,
  networkError: null,
  firewallText: '',
  firewallInputError: null,
  firewallAnswer: null,
  firewallError: null,
  firewallLoading: false,
} satisfies Partial<NetworkSlice>;

let runs = 0;

export const createNetworkSlice: StateCreator<Store, [], [], NetworkSlice> = (set, get) => ({
  ...initialNetworkState,
  networkFactsRequested: async () => {
    if (get().networkRunId) return;
    const runId = `net-${Date.now().toString(36)}-${++runs}`;
    set({ networkRunId: runId, networkSteps: {}, networkError: null });
    const off = api.onNetworkProgress((p) => {
      if (p.runId === runId) set({ networkSteps: { ...get().networkSteps, [p.step]: p.state } });
    });
    try {
      const r = await api.networkFacts({ runId });
      set(r.ok ? { networkFacts: r.value, networkRunId: null } : { networkError: r.error, networkRunId: null });
    } finally {
      off();
    }
  },
  firewallTextChanged: (text) => set({ firewallText: text, firewallInputError: null }),
  firewallAsked: async () => {
    const q = parsePortAndProtocol(get().firewallText);
    if (!q.ok) {
      set({ firewallInputError: q.message, firewallAnswer: null, firewallError: null });
      return;
    }
    const asked = get().firewallText;
    set({ firewallLoading: true, firewallInputError: null, firewallError: null });
    const r = await api.firewallCheck({ port: q.port, protocol: q.protocol ?? 'tcp' });
    if (get().firewallText !== asked) return;
    set(r.ok ? { firewallAnswer: r.value, firewallLoading: false } : { firewallError: r.error, firewallAnswer: null, firewallLoading: false });
  },
});
