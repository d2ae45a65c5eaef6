// Wizard slice: the game (or typed ports), one diagnosis at a time with its live checklist from
// diagnose:progress, and the document it ends with.
import type { StateCreator } from 'zustand';
import type { DiagnoseProgress } from '../../../shared/channels/diagnose';
import type { DiagnosisDocument, StepId } from '../../../shared/diagnosis/index';
import type { AppErrorData } from '../../../shared/result';
import { parsePortAndProtocolList } from '../../../shared/ports/port-spec';
import { api } from '../api';
import type { Store } from './index';

export interface WizardStep {
  state: DiagnoseProgress['state'];
  note: string;
}

export interface WizardSlice {
  wizardQuery: string;
  /** The chosen preset id ('custom' for typed ports), null before a choice. */
  wizardPresetId: string | null;
  /** Typed ports for custom: `7777/udp, 7777/tcp`. */
  wizardPorts: string;
  /** The relay mode the user says the server runs in. */
  wizardRelay: string | null;
  wizardRunId: string | null;
  wizardSteps: Partial<Record<StepId, WizardStep>>;
  wizardDocument: DiagnosisDocument | null;
  wizardError: AppErrorData | null;
  wizardQueryChanged(q: string): void;
  wizardPresetPicked(id: string): void;
  wizardPortsChanged(ports: string): void;
  wizardRelayChanged(mode: string | null): void;
  wizardCheckStarted(): Promise<void>;
  wizardCheckCancelled(): Promise<void>;
  wizardRestarted(): void;
}

export const initialWizardState = {
  wizardQuery: '',
  wizardPresetId: null,
  wizardPorts: '',
  wizardRelay: null,
  wizardRunId: null,
  wizardSteps: {},
  wizardDocument: null,
  wizardError: null,
} satisfies Partial<WizardSlice>;

/** Typed ports for a custom check (`7777/udp, 25565`): no protocol means TCP, as everywhere in Port Doctor. */
export function typedPorts(text: string): { ok: true; ports: { port: number; protocol: 'tcp' | 'udp' }[] } | { ok: false; message: string } {
  const r = parsePortAndProtocolList(text);
  return r.ok ? { ok: true, ports: r.ports.map((p) => ({ port: p.port, protocol: p.protocol ?? 'tcp' })) } : r;
}

let runCounter = 0;

export const createWizardSlice: StateCreator<Store, [], [], WizardSlice> = (set, get) => ({
  ...initialWizardState,
  wizardQueryChanged: (q) => set({ wizardQuery: q }),
  wizardPresetPicked: (id) => set({ wizardPresetId: id, wizardRelay: null, wizardDocument: null, wizardError: null, wizardSteps: {} }),
  wizardPortsChanged: (ports) => set({ wizardPorts: ports }),
  wizardRelayChanged: (mode) => set({ wizardRelay: mode }),
  wizardCheckStarted: async () => {
    const { wizardRunId, wizardPresetId, wizardPorts, wizardRelay } = get();
    if (wizardRunId || !wizardPresetId) return;
    const typed = wizardPresetId === 'custom' ? typedPorts(wizardPorts) : undefined;
    if (typed && !typed.ok) return;
    const ports = typed?.ports;
    const runId = `dx-${Date.now().toString(36)}-${++runCounter}`;
    set({ wizardRunId: runId, wizardSteps: {}, wizardDocument: null, wizardError: null });
    const off = api.onDiagnoseProgress((p) => {
      if (p.runId !== runId) return;
      set((s) => ({ wizardSteps: { ...s.wizardSteps, [p.step]: { state: p.state, note: p.note } } }));
    });
    try {
      const r = await api.diagnoseRun({ runId, presetId: wizardPresetId, ...(ports ? { ports } : {}), relayMode: wizardRelay });
      if (r.ok) set({ wizardDocument: r.value });
      else set({ wizardError: r.error });
    } finally {
      off();
      set({ wizardRunId: null });
    }
  },
  wizardCheckCancelled: async () => {
    const runId = get().wizardRunId;
    if (runId) await api.diagnoseCancel({ runId });
  },
  wizardRestarted: () => set({ wizardDocument: null, wizardError: null, wizardSteps: {} }),
});
