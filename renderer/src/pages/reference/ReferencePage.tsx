// Port reference: what port N (or a range, or a name) is for, who may bind it, what goes wrong when
// it is exposed, and whether something on this computer listens on it right now.
import { ErrorBanner } from '../../components/ErrorBanner';
import { ExplainLink } from '../../components/ExplainLink';
import { useStore } from '../../store';
import { EntryCard } from './EntryCard';
import './reference.css';

const EXAMPLES = ['25565', 'minecraft', 'rdp', '27015-27030', '3306/tcp'];

export function ReferencePage() {
  const text = useStore((s) => s.referenceText);
  const answer = useStore((s) => s.referenceAnswer);
  const inputError = useStore((s) => s.referenceInputError);
  const error = useStore((s) => s.referenceError);
  const loading = useStore((s) => s.referenceLoading);
  const textChanged = useStore((s) => s.referenceTextChanged);
  const asked = useStore((s) => s.referenceAsked);

  return (
    <section className="page ref-page" aria-labelledby="reference-title" data-page="reference">
      <header className="page-header">
        <h1 id="reference-title">Port reference</h1>
        <p className="lede">
          What is a port for, who may open it, and is anything here listening on it? Search by number, range or name.{' '}
          <ExplainLink id="port">What is a port?</ExplainLink>
        </p>
      </header>
      <form
        className="panel ref-form"
        onSubmit={(e) => {
          e.preventDefault();
          void asked();
        }}
      >
        <label htmlFor="ref-query">Port, range or name</label>
        <div className="toolbar">
          <input
            id="ref-query"
            type="search"
            value={text}
            onChange={(e) => textChanged(e.target.value)}
            placeholder="25565, 27015-27030/udp, minecraft…"
            aria-invalid={inputError !== null}
            aria-describedby={inputError ? 'ref-input-error' : undefined}
            data-testid="ref-input"
            autoFocus
          />
          <button type="submit" className="primary" disabled={loading} data-testid="ref-submit">
            {loading ? 'Looking up…' : 'Look up'}
          </button>
        </div>
        {inputError && (
          <p id="ref-input-error" className="ref-input-error" role="alert" data-testid="ref-input-error">
            {inputError}
          </p>
        )}
        <p className="muted ref-examples">
          Try:{' '}
          {EXAMPLES.map((x, i) => (
            <span key={x}>
              {i > 0 && ' · '}
              <button type="button" className="linklike mono" onClick={() => void asked(x)}>
                {x}
              </button>
            </span>
          ))}
        </p>
      </form>
      {error && <ErrorBanner error={error} onRetry={() => void asked()} />}
      {answer && (
        <div className="ref-answer" data-testid="ref-answer">
          <p className="muted" data-testid="ref-summary">
            {answer.entries.length === 0
              ? answer.kind === 'name'
                ? `No port is known by the name “${answer.understood}”.`
                : `Nothing is known about ${answer.understood}.`
              : `${answer.entries.length} port/protocol pair${answer.entries.length === 1 ? '' : 's'} for “${answer.understood}”.`}
            {answer.quietCount > 0 && ` ${answer.quietCount} other pair${answer.quietCount === 1 ? '' : 's'} in the range: nothing registered, nothing listening.`}
            {answer.truncated && ' Only the first matches are shown: type a longer name or a port number.'}
            {answer.listening.state === 'yes'
              ? ` Sockets read at ${new Date(answer.listening.collectedAt).toLocaleTimeString()}.`
              : ` Whether anything listens here was not checked: ${answer.listening.reason}`}
          </p>
          {answer.entries.map((e) => (
            <EntryCard key={`${e.port}/${e.protocol}`} entry={e} listeningChecked={answer.listening.state === 'yes'} />
          ))}
        </div>
      )}
    </section>
  );
}
