// Network: where this computer sits, drawn as a path (computer → router → second NAT / carrier NAT →
// internet) with each box's addresses and meaning; the NAT verdict with its evidence; and the host
// firewall's answer for a port the user types.
import type { NetworkStep } from '../../../../shared/network/facts';
import { FIREWALL_SOURCE_NAMES, firewallHeadline, readerSentence } from '../../../../shared/render/firewall';
import { ADDRESS_KIND_WORDS, NAT_KIND_MEANING, NAT_KIND_TITLES } from '../../../../shared/render/network';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useStore } from '../../store';
import { Devices } from './Devices';
import { networkPicture } from './view';
import './network.css';

const STEP_WORDS: Record<NetworkStep, string> = {
  lan: 'This computer and its network',
  'router-wan': 'Asking the router for its internet-side address (NAT-PMP)',
  public: 'Public address (companion or STUN)',
  path: 'Path out (first 4 hops)',
};
const STEPS = Object.keys(STEP_WORDS) as NetworkStep[];

function Picture() {
  const facts = useStore((s) => s.networkFacts);
  if (!facts) return null;
  const boxes = networkPicture(facts);
  return (
    <ol className="net-picture" aria-label="The path from this computer to the internet" data-testid="net-picture">
      {boxes.map((b, i) => (
        <li key={b.id} className={`net-box tone-${b.tone}`} data-box={b.id}>
          <h3>{b.title}</h3>
          {b.lines.map((l) => (
            <p key={l} className="net-addr">{l}</p>
          ))}
          <p className="net-meaning">{b.meaning}</p>
          {i < boxes.length - 1 && <span className="net-arrow" aria-hidden="true">→</span>}
        </li>
      ))}
    </ol>
  );
}

function NatVerdict() {
  const facts = useStore((s) => s.networkFacts);
  if (!facts) return null;
  const tone = facts.nat.kind === 'cgnat' ? 'bad' : facts.nat.kind === 'double' ? 'warn' : facts.nat.kind === 'unknown' ? 'neutral' : 'ok';
  return (
    <section className={`panel net-verdict tone-${tone}`} aria-labelledby="net-verdict-title" data-testid="net-verdict" data-kind={facts.nat.kind}>
      <h2 id="net-verdict-title">{NAT_KIND_TITLES[facts.nat.kind]}</h2>
      <ul>
        {facts.nat.evidence.map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
      <p className="net-meaning">{NAT_KIND_MEANING[facts.nat.kind]}</p>
    </section>
  );
}

function Details() {
  const facts = useStore((s) => s.networkFacts);
  if (!facts) return null;
  return (
    <div className="net-details">
      <section className="panel" aria-labelledby="net-path-title">
        <h2 id="net-path-title">Path out</h2>
        {facts.path.length === 0 ? (
          <p className="muted">Not traced: {facts.pathTrace.reason ?? facts.pathTrace.state}.</p>
        ) : (
          <table className="net-table">
            <thead>
              <tr><th>Hop</th><th>Address</th><th>What it is</th><th>Time</th></tr>
            </thead>
            <tbody>
              {facts.path.map((h) => (
                <tr key={h.hop}>
                  <td>{h.hop}</td>
                  <td className="mono">{h.address ?? '* no answer'}</td>
                  <td>{h.kind ? ADDRESS_KIND_WORDS[h.kind] : ''}</td>
                  <td>{h.rttMs !== null ? `${h.rttMs} ms` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {facts.pathTrace.tool && <p className="muted net-note">{facts.pathTrace.tool} toward {facts.pathTrace.target}</p>}
      </section>
      <section className="panel" aria-labelledby="net-lan-title">
        <h2 id="net-lan-title">This network</h2>
        <dl className="net-facts">
          <dt>DNS servers</dt>
          <dd className="mono">{facts.dns.servers.length > 0 ? facts.dns.servers.join(', ') : `unknown (${facts.dns.reason ?? 'none'})`}</dd>
          <dt>IPv6 gateway</dt>
          <dd className="mono">{facts.gateway.ipv6 ?? 'none'}</dd>
          <dt>NAT mapping</dt>
          <dd>{facts.public.mapping}</dd>
        </dl>
      </section>
    </div>
  );
}

function Firewall() {
  const text = useStore((s) => s.firewallText);
  const inputError = useStore((s) => s.firewallInputError);
  const answer = useStore((s) => s.firewallAnswer);
  const error = useStore((s) => s.firewallError);
  const loading = useStore((s) => s.firewallLoading);
  const changed = useStore((s) => s.firewallTextChanged);
  const asked = useStore((s) => s.firewallAsked);
  const tone = answer ? (answer.verdict === 'allows' ? 'ok' : answer.verdict === 'blocks' ? 'bad' : 'warn') : 'neutral';
  return (
    <section className="panel" aria-labelledby="net-fw-title">
      <h2 id="net-fw-title">Does this computer's firewall let a port in?</h2>
      <form
        className="net-fw-form"
        onSubmit={(e) => {
          e.preventDefault();
          void asked();
        }}
      >
        <label>
          Port
          <input value={text} onChange={(e) => changed(e.target.value)} placeholder="25565/tcp" aria-invalid={inputError !== null} data-testid="fw-port" />
        </label>
        <button type="submit" disabled={loading} data-testid="fw-check">{loading ? 'Reading rules…' : 'Check firewall'}</button>
      </form>
      {inputError && <p className="net-input-error" role="alert">{inputError}</p>}
      {error && <ErrorBanner error={error} />}
      {answer && (
        <div className={`net-fw-answer tone-${tone}`} data-testid="fw-answer" data-verdict={answer.verdict}>
          <p className="net-fw-headline">{firewallHeadline(answer)}</p>
          {answer.rules.length > 0 && (
            <ul className="net-rules">
              {answer.rules.map((r) => (
                <li key={`${r.location}|${r.text}`}>
                  <span className="muted">{FIREWALL_SOURCE_NAMES[r.source]} — {r.location}</span>
                  <code>{r.text}</code>
                </li>
              ))}
            </ul>
          )}
          {answer.caveats.map((c) => (
            <p key={c} className="net-note">{c}</p>
          ))}
          <p className="muted net-note">{answer.readers.map(readerSentence).join(' ')}</p>
        </div>
      )}
    </section>
  );
}

export function NetworkPage() {
  const runId = useStore((s) => s.networkRunId);
  const steps = useStore((s) => s.networkSteps);
  const facts = useStore((s) => s.networkFacts);
  const error = useStore((s) => s.networkError);
  const requested = useStore((s) => s.networkFactsRequested);
  const reportOpened = useStore((s) => s.reportOpened);
  const running = runId !== null;
  return (
    <section className="page net-page" aria-labelledby="network-title" data-page="network">
      <header className="page-header">
        <h1 id="network-title">Network</h1>
        <p className="lede">Where this computer sits: your router, any second NAT or carrier-grade NAT on the way out, and your public address.</p>
      </header>
      <div className="net-actions">
        <button type="button" onClick={() => void requested()} disabled={running} data-testid="net-run">
          {running ? 'Reading…' : facts ? 'Read again' : 'Read my network'}
        </button>
        {facts && !running && (
          <button type="button" onClick={() => void reportOpened({ networkFacts: facts, title: 'Network' })} data-testid="net-export">
            Export report
          </button>
        )}
        <span className="muted">Asks your router once for its internet-side address (NAT-PMP, read only) and traces 4 hops out.</span>
      </div>
      {running && (
        <ul className="net-steps" aria-live="polite">
          {STEPS.map((s) => (
            <li key={s} data-state={steps[s] ?? 'waiting'}>
              {steps[s] === 'done' ? '✓' : steps[s] === 'started' ? '…' : '·'} {STEP_WORDS[s]}
            </li>
          ))}
        </ul>
      )}
      {error && <ErrorBanner error={error} />}
      <Picture />
      <NatVerdict />
      <Details />
      <Devices />
      <Firewall />
    </section>
  );
}
