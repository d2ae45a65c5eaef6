// Report slice: which report is being previewed (built by the engine, redacted by default), the
// chosen format, and what happened to the last copy / save / download.
import type { StateCreator } from 'zustand';
import type { BuiltReport, ReportBuildRequest } from '../../../shared/channels/report';
import type { AppErrorData } from '../../../shared/result';
import { api, bridgeTransport } from '../api';
import { copyText, downloadText } from '../components/report/file-actions';
import type { Store } from './index';

export type PreviewFormat = 'md' | 'html' | 'json';
type SaveFormat = PreviewFormat | 'pdf';

const MIME: Record<PreviewFormat, string> = { md: 'text/markdown', html: 'text/html', json: 'application/json' };

export interface ReportSlice {
  /** What the open report is built from; null = the export dialog is closed. */
  reportSource: Omit<ReportBuildRequest, 'redact'> | null;
  reportRedact: boolean;
  reportFormat: PreviewFormat;
  reportBuilt: BuiltReport | null;
  reportLoading: boolean;
  reportError: AppErrorData | null;
  /** One line about the last action ("Copied", "Saved to …"), or null. */
  reportOutcome: string | null;
  reportOpened(source: Omit<ReportBuildRequest, 'redact'>): Promise<void>;
  reportClosed(): void;
  reportRedactToggled(on: boolean): Promise<void>;
  reportFormatChosen(format: PreviewFormat): void;
  reportCopyClicked(): Promise<void>;
  reportSaveClicked(format: SaveFormat): Promise<void>;
}

export const initialReportState = {
  reportSource: null,
  reportRedact: true,
  reportFormat: 'md',
  reportBuilt: null,
  reportLoading: false,
  reportError: null,
  reportOutcome: null,
} satisfies Partial<ReportSlice>;

export const createReportSlice: StateCreator<Store, [], [], ReportSlice> = (set, get) => {
  const build = async () => {
    const source = get().reportSource;
    if (!source) return;
    const redact = get().reportRedact;
    set({ reportLoading: true, reportError: null, reportOutcome: null });
    const r = await api.reportBuild({ ...source, redact });
    // The user may have closed the dialog or flipped the switch while the engine worked.
    if (get().reportSource !== source || get().reportRedact !== redact) return;
    set(r.ok ? { reportBuilt: r.value, reportLoading: false } : { reportError: r.error, reportLoading: false, reportBuilt: null });
  };
  const textOf = (b: BuiltReport, f: PreviewFormat) => (f === 'md' ? b.markdown : f === 'html' ? b.html : b.json);

  return {
    ...initialReportState,
    reportOpened: async (source) => {
      set({ ...initialReportState, reportSource: source });
      await build();
    },
    reportClosed: () => set({ ...initialReportState }),
    reportRedactToggled: async (on) => {
      set({ reportRedact: on, reportBuilt: null });
      await build();
    },
    reportFormatChosen: (format) => set({ reportFormat: format, reportOutcome: null }),
    reportCopyClicked: async () => {
      const b = get().reportBuilt;
      if (!b) return;
      const copied = await copyText(b.markdown);
      set({ reportOutcome: copied ? 'Markdown copied — paste it into Discord, Reddit or a GitHub issue.' : 'Copying was refused by the system: select the text below and copy it by hand.' });
    },
    reportSaveClicked: async (format) => {
      const b = get().reportBuilt;
      const source = get().reportSource;
      if (!b || !source) return;
      if (bridgeTransport === 'electron-ipc') {
        const r = await api.reportSave({ build: { ...source, redact: get().reportRedact }, format });
        if (!r.ok) return set({ reportError: r.error });
        return set({ reportOutcome: r.value.saved ? `Saved to ${r.value.path}` : null });
      }
      if (format === 'pdf') {
        // The web UI prints the preview itself; the print stylesheet shows only the report.
        set({ reportFormat: 'html' });
        requestAnimationFrame(() => window.print());
        return set({ reportOutcome: 'Choose "Save as PDF" as the printer in your browser\'s print window.' });
      }
      downloadText(textOf(b, format), b.fileNames[format], MIME[format]);
      set({ reportOutcome: `Downloaded ${b.fileNames[format]} — your browser put it in its downloads folder.` });
    },
  };
};
