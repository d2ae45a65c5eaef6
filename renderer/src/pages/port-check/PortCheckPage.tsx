// Port check: probe a host's ports over TCP or UDP, watch progress live, read each verdict in plain
// words with the service that answered ("Minecraft 1.21, 3/20 players").
import { useMemo } from 'react';
import type { ProbeResult } from '../../../../shared/channels/probe';
import { isThisComputer, localHolderNote } from '../../../../shared/render/local-holders';
import { notListedText, serviceLine } from '../../../../shared/render/probe';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ExplainLink } from '../../components/ExplainLink';
import { useStore } from '../../store';
import { useServiceFor, type ServiceFor } from './usual-service';
import { ALL_PRESETS, STATE_TONE, STATE_WORDS, cancelledText, explain, progressText, visibleResults } from './view';
import './port-check.css';

/** What answered, or else what the port is usually for (our name first, IANA's registration second). */
function ServiceCell({ r, serviceFor }: { r: ProbeResult; serviceFor: ServiceFor | null }) {
  if (r.service) return <>{serviceLine(r.service)}</>;
  const usual = serviceFor?.(r.port, r.protocol);
  if (!usual) return null;
  return (
    <span title={usual.description}>
      {usual.name}
      {usual.ianaName && <span className="muted pc-iana"> · IANA: {usual.ianaName}</span>}
    </span>
  );
}

export function PortCheckPage() {
  const host = useStore((s) => s.portCheckHost);
  const ports = useStore((s) => s.portCheckPorts);
  const protocol = useStore((s) => s.portCheckProtocol);
  const runId = useStore((s) => s.portCheckRunId);
  const progress = useStore((s) => s.portCheckProgress);
  const results = useStore((s) => s.portCheckResults);
  const outcome = useStore((s) => s.portCheckOutcome);
  const error = useStore((s) => s.portCheckError);
  const showAll = useStore((s) => s.portCheckShowAll);
  const preset = useStore((s) => s.portCheckPreset);
  const hostError = useStore((s) => s.portCheckHostError);
  const total = useStore((s) => s.portCheckTotal);
  const local = useStore((s) => s.portCheckLocal);
  const hostChanged = useStore((s) => s.portCheckHostChanged);
  const hostLeft = useStore((s) => s.portCheckHostLeft);
  const portsChanged = useStore((s) => s.portCheckPortsChanged);
  const protocolChanged = useStore((s) => s.portCheckProtocolChanged);
  const presetPicked = useStore((s) => s.portCheckPresetPicked);
  const showAllToggled = useStore((s) => s.portCheckShowAllToggled);
  const started = useStore((s) => s.portCheckStarted);
  const cancelled = useStore((s) => s.portCheckCancelled);

  const running = runId !== null;
  const { rows, hidden } = useMemo(() => visibleResults(results, showAll), [results, showAll]);
  const openCount = results.count('open');
  const serviceFor = useServiceFor(rows.length > 0);
  const target = outcome ? { address: outcome.address, family: outcome.family } : null;
  const localRows = target && local && isThisComputer(target, local) ? local : null;

  return (
    <section className="page pc-page" aria-labelledby="port-check-title" data-page="port-check">
      <header className="page-header">
        <h1 id="port-check-title">Port check</h1>
        <p className="lede">Can this computer reach a port? Open, closed or blocked — and what answered.</p>
      </header>
      <form
        className="panel pc-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!running && host.trim()) void started();
        }}
      >
        <label>
          Host
          <input
            value={host}
            onChange={(e) => hostChanged(e.target.value)}
            onBlur={hostLeft}
            placeholder="192.168.1.20, nas.local, or 192.168.1.20:25565"
            required
            disabled={running}
            aria-invalid={hostError ? true : undefined}
            aria-describedby={hostError ? 'pc-host-error' : undefined}
            data-testid="pc-host"
          />
        </label>
        <label>
          Ports
          <input value={ports} onChange={(e) => portsChanged(e.target.value)} placeholder="e.g. 25565 or 22,80,8000-8100 or all" required disabled={running} data-testid="pc-ports" />
        </label>
        <label>
          Preset
          <select
            value={preset}
            disabled={running}
            onChange={(e) => {
              const p = ALL_PRESETS.find((x) => x.id === e.target.value);
              if (p) presetPicked(p);
            }}
            data-testid="pc-preset"
          >
            <option value="">{ports.trim() ? 'Custom' : 'Choose…'}</option>
            {ALL_PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label} ({p.ports}/{p.protocol})
              </option>
            ))}
          </select>
        </label>
        <fieldset className="pc-proto" disabled={running}>
          <legend>Protocol</legend>
          <label>
            <input type="radio" name="pc-proto" checked={protocol === 'tcp'} onChange={() => protocolChanged('tcp')} data-testid="pc-tcp" /> TCP
          </label>
          <label>
            <input type="radio" name="pc-proto" checked={protocol === 'udp'} onChange={() => protocolChanged('udp')} data-testid="pc-udp" /> UDP
          </label>
        </fieldset>
        <div className="pc-actions">
          {running ? (
            <button type="button" onClick={() => void cancelled()} data-testid="pc-cancel">
              Cancel
            </button>
          ) : (
            <button type="submit" className="primary" disabled={!host.trim()} data-testid="pc-start">
              Check ports
            </button>
          )}
        </div>
      </form>
      {hostError && (
        <p className="pc-field-error" id="pc-host-error" role="alert" data-testid="pc-host-error">
          {hostError}
        </p>
      )}
      <p className="muted pc-note">Only check devices you own or may test.</p>
      {error && <ErrorBanner error={error} />}
      {running && progress && (
        <div className="pc-progress" role="status" aria-live="polite" data-testid="pc-progress" data-done={progress.done} data-total={progress.total}>
          <progress value={progress.done} max={Math.max(1, progress.total)} />
          <span>
            {progressText(progress.done, progress.total, progress.etaMs)} · {openCount} open
          </span>
        </div>
      )}
      {outcome && (
        <p className="pc-summary" data-testid="pc-summary">
          {outcome.cancelled
            ? cancelledText(results.length, total)
            : `Checked ${outcome.host}${outcome.address !== outcome.host ? ` (${outcome.address})` : ''} in ${(outcome.durationMs / 1000).toFixed(1)} s.`}
        </p>
      )}
      {hidden && (
        <p className="muted" data-testid="pc-hidden">
          {notListedText(hidden.count, STATE_WORDS[hidden.state])}{' '}
          <label>
            <input type="checkbox" checked={showAll} onChange={(e) => showAllToggled(e.target.checked)} /> List them too
          </label>
        </p>
      )}
      {rows.length > 0 && (
        <div className="table-scroll">
        <table className="pc-table" data-testid="pc-results">
          <thead>
            <tr>
              <th scope="col">Port</th>
              <th scope="col">
                State <ExplainLink id="port-states" />
              </th>
              <th scope="col">
                Reason <ExplainLink id="port-states" />
              </th>
              <th scope="col">Round trip</th>
              <th scope="col">Service</th>
              <th scope="col">What it means</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.protocol}/${r.port}`} data-testid="pc-row" data-port={r.port} data-state={r.state} data-reason={r.reason}>
                <td className="mono">
                  {r.port}/{r.protocol}
                </td>
                <td>
                  <span className={`badge ${STATE_TONE[r.state]}`} title={`In nmap's words: ${r.state}`}>
                    {STATE_WORDS[r.state]}
                  </span>
                </td>
                <td className="mono pc-nowrap" data-testid="pc-reason">
                  {r.reason}
                </td>
                <td className="mono">{r.rttMs === null ? '—' : `${r.rttMs.toFixed(1)} ms`}</td>
                <td data-testid="pc-service" className={r.service ? 'pc-confirmed' : 'muted'}>
                  <ServiceCell r={r} serviceFor={serviceFor} />
                </td>
                <td className="pc-explain">
                  {explain(r.state, r.reason, r.protocol)}
                  {localRows && target && <LocalNote text={localHolderNote(r, target, localRows)} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </section>
  );
}

function LocalNote({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <span className="pc-local" data-testid="pc-local">
      {text}
    </span>
  );
}
