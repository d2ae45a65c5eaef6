// Port check slice: the form (host, ports, protocol), one run at a time with streamed progress
// and results from probe:progress, cancel, and the final answer from probe:run.
import type { StateCreator } from 'zustand';
import type { ProbeResult, ProbeRunResponse, Transport } from '../../../shared/channels/probe';
import type { AppErrorData } from '../../../shared/result';
import { api } from '../api';
import { COMMON_PRESET } from '../pages/port-check/view';
import type { Store } from './index';

export interface PortCheckProgress {
  done: number;
  total: number;
  etaMs: number | null;
}

export interface PortCheckSlice {
  portCheckHost: string;
  portCheckPorts: string;
  portCheckProtocol: Transport;
  /** The run in flight, null when idle. */
  portCheckRunId: string | null;
  portCheckProgress: PortCheckProgress | null;
  /** Streamed while running; the engine's sorted list once done. */
  portCheckResults: ProbeResult[];
  portCheckOutcome: Omit<ProbeRunResponse, 'results'> | null;
  portCheckError: AppErrorData | null;
  portCheckShowAll: boolean;
  portCheckHostChanged(host: string): void;
  portCheckPortsChanged(ports: string): void;
  portCheckProtocolChanged(protocol: Transport): void;
  portCheckPresetPicked(preset: { ports: string; protocol: Transport }): void;
  portCheckShowAllToggled(on: boolean): void;
  portCheckStarted(): Promise<void>;
  portCheckCancelled(): Promise<void>;
}

export const initialPortCheckState = {
  portCheckHost: '',
  portCheckPorts: COMMON_PRESET.ports,
  portCheckProtocol: 'tcp',
  portCheckRunId: null,
  portCheckProgress: null,
  portCheckResults: [],
  portCheckOutcome: null,
  portCheckError: null,
  portCheckShowAll: false,
} satisfies Partial<PortCheckSlice>;

let runCounter = 0;

export const createPortCheckSlice: StateCreator<Store, [], [], PortCheckSlice> = (set, get) => ({
  ...initialPortCheckState,
  portCheckHostChanged: (host) => set({ portCheckHost: host }),
  portCheckPortsChanged: (ports) => set({ portCheckPorts: ports }),
  portCheckProtocolChanged: (protocol) => set({ portCheckProtocol: protocol }),
  portCheckPresetPicked: ({ ports, protocol }) => set({ portCheckPorts: ports, portCheckProtocol: protocol }),
  portCheckShowAllToggled: (on) => set({ portCheckShowAll: on }),
  portCheckStarted: async () => {
    if (get().portCheckRunId) return;
    const runId = `pc-${Date.now().toString(36)}-${++runCounter}`;
    const { portCheckHost: host, portCheckPorts: ports, portCheckProtocol: protocol } = get();
    set({ portCheckRunId: runId, portCheckProgress: null, portCheckResults: [], portCheckOutcome: null, portCheckError: null, portCheckShowAll: false });
    const off = api.onProbeProgress((p) => {
      if (p.runId !== runId) return;
      set((s) => ({ portCheckProgress: { done: p.done, total: p.total, etaMs: p.etaMs }, portCheckResults: p.results.length ? [...s.portCheckResults, ...p.results] : s.portCheckResults }));
    });
    try {
      const r = await api.probeRun({ runId, host: host.trim(), ports: ports.trim(), protocol });
      if (r.ok) {
        const { results, ...outcome } = r.value;
        set({ portCheckResults: results, portCheckOutcome: outcome, portCheckProgress: { done: results.length, total: get().portCheckProgress?.total ?? results.length, etaMs: 0 } });
      } else set({ portCheckError: r.error });
    } finally {
      off();
      set({ portCheckRunId: null });
    }
  },
  portCheckCancelled: async () => {
    const runId = get().portCheckRunId;
    if (runId) await api.probeCancel({ runId });
  },
});
