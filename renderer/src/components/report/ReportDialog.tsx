// "Export report": a preview of exactly what will be shared (redacted unless the user switches it
// off), copy as Markdown, save or download each format, and print to PDF.
import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { bridgeTransport } from '../../api';
import { useStore } from '../../store';
import type { PreviewFormat } from '../../store/report-slice';
import { ErrorBanner } from '../ErrorBanner';
import { ReportHtmlPreview } from './ReportPreview';
import './report.css';

const FORMATS: { id: PreviewFormat; label: string }[] = [
  { id: 'md', label: 'Markdown' },
  { id: 'html', label: 'Web page (HTML)' },
  { id: 'json', label: 'JSON' },
];

const SAVE_WORD = bridgeTransport === 'electron-ipc' ? 'Save' : 'Download';

export function ReportDialog() {
  const source = useStore((s) => s.reportSource);
  const redact = useStore((s) => s.reportRedact);
  const format = useStore((s) => s.reportFormat);
  const built = useStore((s) => s.reportBuilt);
  const loading = useStore((s) => s.reportLoading);
  const error = useStore((s) => s.reportError);
  const outcome = useStore((s) => s.reportOutcome);
  const closed = useStore((s) => s.reportClosed);
  const redactToggled = useStore((s) => s.reportRedactToggled);
  const formatChosen = useStore((s) => s.reportFormatChosen);
  const copyClicked = useStore((s) => s.reportCopyClicked);
  const saveClicked = useStore((s) => s.reportSaveClicked);
  const dialog = useRef<HTMLDivElement>(null);
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    if (!source) return;
    opener.current = document.activeElement;
    dialog.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') closed();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      if (opener.current instanceof HTMLElement) opener.current.focus();
    };
  }, [source, closed]);

  if (!source) return null;
  const text = built ? (format === 'md' ? built.markdown : format === 'json' ? built.json : null) : null;

  return createPortal(
    <div className="report-overlay" onMouseDown={(e) => e.target === e.currentTarget && closed()}>
      <div className="report-dialog" role="dialog" aria-modal="true" aria-labelledby="report-title" ref={dialog} tabIndex={-1} data-testid="report-dialog">
        <header className="report-head">
          <h2 id="report-title">Export report</h2>
          <button type="button" onClick={closed} aria-label="Close export" data-testid="report-close">Close</button>
        </header>
        <div className="report-controls">
          <label className="report-switch">
            <input type="checkbox" checked={redact} onChange={(e) => void redactToggled(e.target.checked)} data-testid="report-redact" />{' '}
            Hide private details
          </label>
          <span className="muted">
            {redact
              ? 'Public addresses, MAC addresses, the computer name, user names and home folders are replaced; LAN addresses and ports stay so helpers can use them.'
              : 'Everything is included as it is — check the preview before you share it.'}
          </span>
        </div>
        <div className="report-tabs" role="tablist" aria-label="Format">
          {FORMATS.map((f) => (
            <button key={f.id} type="button" role="tab" aria-selected={format === f.id} className={format === f.id ? 'tab active' : 'tab'} onClick={() => formatChosen(f.id)} data-testid={`report-format-${f.id}`}>
              {f.label}
            </button>
          ))}
        </div>
        {error && <ErrorBanner error={error} />}
        <div className="report-preview" role="tabpanel" aria-label="Preview: exactly what will be shared" aria-busy={loading}>
          {loading && <p role="status">Building the report…</p>}
          {built && !loading && (format === 'html' ? <ReportHtmlPreview html={built.html} /> : <pre data-testid="report-text-preview">{text}</pre>)}
        </div>
        <footer className="report-actions">
          <button type="button" className="primary" disabled={!built || loading} onClick={() => void copyClicked()} data-testid="report-copy">
            Copy Markdown
          </button>
          <button type="button" disabled={!built || loading} onClick={() => void saveClicked(format)} data-testid="report-save">
            {SAVE_WORD} {built ? built.fileNames[format] : `.${format}`}
          </button>
          <button type="button" disabled={!built || loading} onClick={() => void saveClicked('pdf')} data-testid="report-pdf">
            {bridgeTransport === 'electron-ipc' ? 'Save as PDF' : 'Print / save as PDF'}
          </button>
          {outcome && <p className="report-outcome" role="status" data-testid="report-outcome">{outcome}</p>}
        </footer>
      </div>
    </div>,
    document.body,
  );
}
