// Wizard slice: the game (or typed ports), one diagnosis at a time with its live checklist from
// diagnose:progress, and the document it ends with.
import type { StateCreator } from 'zustand';
import type { DiagnoseProgress } from '../../../shared/channels/diagnose';
import { MAX_OUTSIDE_TEST_ARRIVALS } from '../../../shared/channels/diagnose-limits';
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
  /** The runId of the shown document: the engine keeps its evidence for a phone/friend test. */
  wizardDocumentRunId: string | null;
  /** The port the wizard offers the phone/friend test for (set when it shows the panel). */
  wizardOutsideTarget: { port: number; protocol: 'tcp' | 'udp' } | null;
  wizardError: AppErrorData | null;
  wizardQueryChanged(q: string): void;
  wizardPresetPicked(id: string): void;
  wizardPortsChanged(ports: string): void;
  wizardRelayChanged(mode: string | null): void;
  wizardCheckStarted(): Promise<void>;
  wizardCheckCancelled(): Promise<void>;
  wizardRestarted(): void;
  /** The wizard shows the Test from outside panel for this port: pre-fill it. */
  wizardOutsideOffered(target: { port: number; protocol: 'tcp' | 'udp' }): void;
  /** The embedded outside test saw an arrival or ended: draw the verdict again with it. */
  wizardOutsideObserved(): Promise<void>;
}

export const initialWizardState = {
  wizardQuery: '',
  wizardPresetId: null,
  wizardPorts: '',
  wizardRelay: null,
  wizardRunId: null,
  wizardSteps: {},
  wizardDocument: null,
  wizardDocumentRunId: null,
  wizardOutsideTarget: null,
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
  wizardPresetPicked: (id) => set({ wizardPresetId: id, wizardRelay: null, wizardDocument: null, wizardDocumentRunId: null, wizardOutsideTarget: null, wizardError: null, wizardSteps: {} }),
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
      if (r.ok) set({ wizardDocument: r.value, wizardDocumentRunId: runId });
      else set({ wizardError: r.error });
    } finally {
      off();
      set({ wizardRunId: null });
    }
    // A phone/friend test that already heard from the internet counts for the new run too.
    if (get().outsideArrivals.length > 0 || get().outsideOutcome) await get().wizardOutsideObserved();
  },
  wizardCheckCancelled: async () => {
    const runId = get().wizardRunId;
    if (runId) await api.diagnoseCancel({ runId });
  },
  wizardRestarted: () => set({ wizardDocument: null, wizardDocumentRunId: null, wizardOutsideTarget: null, wizardError: null, wizardSteps: {} }),
  wizardOutsideOffered: (target) => {
    const now = get().wizardOutsideTarget;
    if (now && now.port === target.port && now.protocol === target.protocol) return;
    set({ wizardOutsideTarget: target });
    // A test already running (or done) for another port keeps its form; a new one starts pre-filled.
    if (!get().outsideTestId) get().outsideTargetPicked(target);
  },
  wizardOutsideObserved: async () => {
    const { wizardDocumentRunId: runId, wizardOutsideTarget: target, outsideReady: ready, outsideArrivals: arrivals, outsideOutcome: outcome } = get();
    // Only the wizard's own test of the diagnosis's port is evidence for it.
    if (!runId || !target || !ready || ready.port !== target.port || ready.protocol !== target.protocol) return;
    const remaining = Math.max(0, (Date.parse(ready.expiresAt) - Date.now()) / 1000);
    const listenedSeconds = Math.max(0, Math.round(get().outsideMinutes * 60 - remaining));
    const r = await api.diagnoseReconsider({ runId, test: { port: ready.port, protocol: ready.protocol, mode: ready.mode, endedBy: outcome?.endedBy ?? null, listenedSeconds, arrivals: arrivals.slice(0, MAX_OUTSIDE_TEST_ARRIVALS) } });
    // A newer diagnosis may have landed meanwhile: this answer belongs to the one it was asked for.
    if (get().wizardDocumentRunId !== runId) return;
    if (r.ok) {
      const outside = r.value.evidence.steps.find((st) => st.id === 'outside');
      set((s) => ({ wizardDocument: r.value, wizardSteps: outside ? { ...s.wizardSteps, outside: { state: outside.state, note: outside.note } } : s.wizardSteps }));
    } else set({ wizardError: r.error });
  },
});
