// The "Test from outside" panel: pick a port, get a QR code, links and a friend code, watch arrivals
// live with the path each took (LAN, internet, hairpin), a countdown and cancel. The wizard embeds it.
import { useEffect, useState } from 'react';
import { NOTE_SENTENCES, PATH_MEANING, arrivalSentence, endSentence } from '../../../../shared/render/vantage';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useStore } from '../../store';
import { CopyButton } from './CopyButton';
import { QrCode } from './QrCode';
import { PATH_BADGE, PATH_TONE, countdown, portOf, qrLink } from './view';
import './outside.css';

const MINUTES = [1, 3, 5, 10, 30] as const;

function Countdown({ expiresAt }: { expiresAt: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return (
    <span className="mono" data-testid="outside-countdown">
      {countdown(expiresAt, now)} left
    </span>
  );
}

function LinkRow({ title, hint, value, testId }: { title: string; hint: string; value: string; testId: string }) {
  return (
    <div className="out-link">
      <div className="out-link-head">
        <strong>{title}</strong>
        <span className="muted">{hint}</span>
      </div>
      <div className="out-link-value">
        <code data-testid={testId}>{value}</code>
        <CopyButton text={value} label={`Copy: ${title}`} testId={`${testId}-copy`} />
      </div>
    </div>
  );
}

export function OutsidePanel() {
  const port = useStore((s) => s.outsidePort);
  const protocol = useStore((s) => s.outsideProtocol);
  const minutes = useStore((s) => s.outsideMinutes);
  const testId = useStore((s) => s.outsideTestId);
  const ready = useStore((s) => s.outsideReady);
  const arrivals = useStore((s) => s.outsideArrivals);
  const outcome = useStore((s) => s.outsideOutcome);
  const error = useStore((s) => s.outsideError);
  const portChanged = useStore((s) => s.outsidePortChanged);
  const protocolChanged = useStore((s) => s.outsideProtocolChanged);
  const minutesChanged = useStore((s) => s.outsideMinutesChanged);
  const started = useStore((s) => s.outsideStarted);
  const cancelled = useStore((s) => s.outsideCancelled);

  const running = testId !== null;
  const valid = portOf(port) !== null;
  const qr = ready ? qrLink(ready) : null;
  // A held port that cannot be watched ended the test at once: its links and code would only invite a visit nobody sees.
  const watchable = outcome?.endedBy !== 'unobservable';

  return (
    <div className="out-panel" data-testid="outside-panel">
      <form
        className="panel out-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!running && valid) void started();
        }}
      >
        <label>
          Port
          <input value={port} onChange={(e) => portChanged(e.target.value)} inputMode="numeric" placeholder="7777" required disabled={running} aria-invalid={port !== '' && !valid} data-testid="outside-port" />
        </label>
        <fieldset className="out-proto" disabled={running}>
          <legend>Protocol</legend>
          <label>
            <input type="radio" name="out-proto" checked={protocol === 'tcp'} onChange={() => protocolChanged('tcp')} data-testid="outside-tcp" /> TCP
          </label>
          <label>
            <input type="radio" name="out-proto" checked={protocol === 'udp'} onChange={() => protocolChanged('udp')} data-testid="outside-udp" /> UDP
          </label>
        </fieldset>
        <label>
          Listen for
          <select value={minutes} onChange={(e) => minutesChanged(Number(e.target.value))} disabled={running} data-testid="outside-minutes">
            {MINUTES.map((m) => (
              <option key={m} value={m}>
                {m} minute{m === 1 ? '' : 's'}
              </option>
            ))}
          </select>
        </label>
        <div className="out-actions">
          {running ? (
            <button type="button" onClick={() => void cancelled()} data-testid="outside-cancel">
              Cancel test
            </button>
          ) : (
            <button type="submit" className="primary" disabled={!valid} data-testid="outside-start">
              {outcome ? 'Test again' : 'Start test'}
            </button>
          )}
        </div>
      </form>
      {port !== '' && !valid && <p className="out-invalid">A port is a whole number from 1 to 65535.</p>}
      {error && <ErrorBanner error={error} />}
      {running && !ready && (
        <p className="muted" role="status">
          Opening port {port}/{protocol.toUpperCase()} and finding your public address…
        </p>
      )}
      {ready && (
        <section className="panel out-live" aria-label="Test links" data-testid="outside-ready" data-mode={ready.mode}>
          <p className="out-status" role="status">
            {running ? (
              <>
                Listening on port {ready.port}/{ready.protocol.toUpperCase()} · <Countdown expiresAt={ready.expiresAt} />
              </>
            ) : (
              <span data-testid="outside-ended">{outcome ? endSentence(outcome) : 'Test ended.'}</span>
            )}
          </p>
          {ready.notes.map((n) => (
            <p key={n} className="out-note" data-testid="outside-note" data-note={n}>
              {NOTE_SENTENCES[n]}
            </p>
          ))}
          {ready.publicAddressError && <p className="muted out-small">({ready.publicAddressError})</p>}
          {ready.watchError && <p className="muted out-small" data-testid="outside-watch-error">({ready.watchError})</p>}
          {watchable && (
            <div className="out-grid">
              {qr && (
                <figure className="out-qr">
                  <QrCode text={qr.url} label={`QR code of the ${qr.which === 'public' ? 'public' : 'LAN'} link`} />
                  <figcaption>
                    {qr.which === 'public' ? 'Scan with a phone on mobile data (Wi-Fi off), or send the link to a friend.' : 'Scan with a phone on the same Wi-Fi.'}
                  </figcaption>
                </figure>
              )}
              <div className="out-links">
                {ready.lan && <LinkRow title="Phone on the same Wi-Fi" hint="tests this computer's firewall" value={ready.lan} testId="outside-lan" />}
                {ready.public && <LinkRow title="Phone on mobile data, or a friend" hint="tests your router and internet provider" value={ready.public} testId="outside-public" />}
                {ready.code && (
                  <LinkRow
                    title="Friend code"
                    hint={`your friend runs “port-doctor reach <code>” or opens “Test a friend's server”${ready.protocol === 'udp' ? ' (UDP needs the code: browsers cannot send UDP)' : ''}`}
                    value={ready.code}
                    testId="outside-code"
                  />
                )}
              </div>
            </div>
          )}
        </section>
      )}
      {((ready && watchable) || arrivals.length > 0) && (
        <section className="out-arrivals" aria-label="Arrivals">
          <h2>Arrivals</h2>
          <ol aria-live="polite" data-testid="outside-arrivals">
            {arrivals.map((a) => (
              <li key={`${a.via}|${a.from}|${a.at}`} data-testid="outside-arrival" data-path={a.path} data-from={a.from}>
                <span className={`badge ${PATH_TONE[a.path]}`}>{PATH_BADGE[a.path]}</span>
                <div>
                  <p>{arrivalSentence(a)}</p>
                  <p className="muted out-small">{PATH_MEANING[a.path]}</p>
                </div>
              </li>
            ))}
          </ol>
          {arrivals.length === 0 && running && <p className="muted">Waiting for someone to open the link…</p>}
        </section>
      )}
    </div>
  );
}
