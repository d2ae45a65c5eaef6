// Port check slice: the form (host, ports, protocol, preset), one run at a time with streamed
// progress and results from probe:progress, cancel, the final answer from probe:run, and this
// computer's own sockets on the probed ports (to tie "closed" or "no answer" to a local program).
import type { StateCreator } from 'zustand';
import type { Listener } from '../../../shared/channels/listeners';
import type { ProbeProgress, ProbeRunResponse, Transport } from '../../../shared/channels/probe';
import { parseHostInput } from '../../../shared/host-input';
import type { AppErrorData } from '../../../shared/result';
import { api } from '../api';
import { ALL_PRESETS, type PortPreset } from '../pages/port-check/view';
import type { Store } from './index';
import { ResultLog } from './result-log';

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
  /** Streamed while running (appended per batch, never copied); the engine's list once done. */
  portCheckResults: ResultLog;
  portCheckOutcome: Omit<ProbeRunResponse, 'results'> | null;
  portCheckError: AppErrorData | null;
  portCheckShowAll: boolean;
  /** The preset the form still matches ('' once the ports or protocol are edited away from it). */
  portCheckPreset: string;
  /** Why the host cannot be checked, said before anything is sent; null when it reads fine. */
  portCheckHostError: string | null;
  /** Ports the finished (or cancelled) run was asked to check. */
  portCheckTotal: number;
  /** This computer's sockets of the run's protocol, when the probed address is this computer's. */
  portCheckLocal: Listener[] | null;
  portCheckHostChanged(host: string): void;
  /** The host field lost focus: a pasted host:port or URL is split into host and port. */
  portCheckHostLeft(): void;
  portCheckPortsChanged(ports: string): void;
  portCheckProtocolChanged(protocol: Transport): void;
  portCheckPresetPicked(preset: PortPreset): void;
  portCheckShowAllToggled(on: boolean): void;
  portCheckStarted(): Promise<void>;
  /** A probe:progress event arrived; batches of other runs are ignored. */
  portCheckProgressReceived(progress: ProbeProgress): void;
  portCheckCancelled(): Promise<void>;
}

export const initialPortCheckState = {
  portCheckHost: '',
  portCheckPorts: '',
  portCheckProtocol: 'tcp',
  portCheckRunId: null,
  portCheckProgress: null,
  portCheckResults: ResultLog.empty(),
  portCheckOutcome: null,
  portCheckError: null,
  portCheckShowAll: false,
  portCheckPreset: '',
  portCheckHostError: null,
  portCheckTotal: 0,
  portCheckLocal: null,
} satisfies Partial<PortCheckSlice>;

const matchesPreset = (id: string, ports: string, protocol: Transport) => {
  const p = ALL_PRESETS.find((x) => x.id === id);
  return p !== undefined && p.ports === ports.trim() && p.protocol === protocol;
};

/** Host and port from what was typed or pasted; the port goes to the Ports field. */
function readHost(host: string, ports: string): { host: string; ports: string; error: string | null } {
  const read = parseHostInput(host);
  if (!read.ok) return { host, ports, error: read.message };
  return { host: read.host, ports: read.port !== null ? String(read.port) : ports, error: null };
}

let runCounter = 0;

export const createPortCheckSlice: StateCreator<Store, [], [], PortCheckSlice> = (set, get) => ({
  ...initialPortCheckState,
  portCheckHostChanged: (host) => set({ portCheckHost: host, portCheckHostError: null }),
  portCheckHostLeft: () => {
    const { portCheckHost: host, portCheckPorts: ports, portCheckPreset: preset, portCheckProtocol: protocol } = get();
    if (host.trim() === '') return;
    const read = readHost(host, ports);
    // Errors wait for "Check ports": half-typed text is not a mistake yet.
    if (read.error) return;
    set({ portCheckHost: read.host, portCheckPorts: read.ports, portCheckPreset: matchesPreset(preset, read.ports, protocol) ? preset : '' });
  },
  portCheckPortsChanged: (ports) => set((s) => ({ portCheckPorts: ports, portCheckPreset: matchesPreset(s.portCheckPreset, ports, s.portCheckProtocol) ? s.portCheckPreset : '' })),
  portCheckProtocolChanged: (protocol) => set((s) => ({ portCheckProtocol: protocol, portCheckPreset: matchesPreset(s.portCheckPreset, s.portCheckPorts, protocol) ? s.portCheckPreset : '' })),
  portCheckPresetPicked: ({ id, ports, protocol }) => set({ portCheckPreset: id, portCheckPorts: ports, portCheckProtocol: protocol }),
  portCheckShowAllToggled: (on) => set({ portCheckShowAll: on }),
  portCheckStarted: async () => {
    if (get().portCheckRunId) return;
    const read = readHost(get().portCheckHost, get().portCheckPorts);
    if (read.error) {
      set({ portCheckHostError: read.error });
      return;
    }
    set({ portCheckHost: read.host, portCheckPorts: read.ports, portCheckHostError: null });
    const runId = `pc-${Date.now().toString(36)}-${++runCounter}`;
    const { portCheckHost: host, portCheckPorts: ports, portCheckProtocol: protocol } = get();
    set({ portCheckRunId: runId, portCheckProgress: null, portCheckResults: ResultLog.empty(), portCheckOutcome: null, portCheckError: null, portCheckShowAll: false, portCheckTotal: 0, portCheckLocal: null });
    const off = api.onProbeProgress(get().portCheckProgressReceived);
    try {
      const r = await api.probeRun({ runId, host: host.trim(), ports: ports.trim(), protocol });
      if (r.ok) {
        const { results, ...outcome } = r.value;
        // This computer's sockets, read after the run so a server started meanwhile is seen too.
        const local = await api.listenersList({ protocol });
        set({
          portCheckResults: ResultLog.from(results),
          portCheckOutcome: outcome,
          portCheckTotal: get().portCheckProgress?.total ?? results.length,
          portCheckLocal: local.ok ? local.value.listeners : null,
        });
      } else set({ portCheckError: r.error });
    } finally {
      off();
      // Progress belongs to a running scan only: after an answer, an error or a cancel it is gone.
      set({ portCheckRunId: null, portCheckProgress: null });
    }
  },
  portCheckProgressReceived: (p) => {
    if (p.runId !== get().portCheckRunId) return;
    set((s) => ({ portCheckProgress: { done: p.done, total: p.total, etaMs: p.etaMs }, portCheckResults: s.portCheckResults.append(p.results) }));
  },
  portCheckCancelled: async () => {
    const runId = get().portCheckRunId;
    if (runId) await api.probeCancel({ runId });
  },
});
