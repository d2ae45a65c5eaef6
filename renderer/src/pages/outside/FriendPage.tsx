// Test a friend's server: paste the friend code from their Port Doctor, see whether it reaches them.
import { reachSentence } from '../../../../shared/render/vantage';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useStore } from '../../store';
import './outside.css';

export function FriendPage() {
  const code = useStore((s) => s.friendCode);
  const reaching = useStore((s) => s.friendReaching);
  const result = useStore((s) => s.friendResult);
  const error = useStore((s) => s.friendError);
  const codeChanged = useStore((s) => s.friendCodeChanged);
  const started = useStore((s) => s.friendReachStarted);
  return (
    <section className="page out-page" aria-labelledby="friend-title" data-page="friend">
      <header className="page-header">
        <h1 id="friend-title">Test a friend's server</h1>
        <p className="lede">Your friend starts “Test from outside” (or runs port-doctor invite) and sends you the friend code. Paste it here: Port Doctor knocks on their port, and both of you see whether it got through.</p>
      </header>
      <form
        className="panel out-friend"
        onSubmit={(e) => {
          e.preventDefault();
          if (!reaching && code.trim()) void started();
        }}
      >
        <label>
          Friend code
          <input value={code} onChange={(e) => codeChanged(e.target.value)} placeholder="PD-…" spellCheck={false} autoComplete="off" disabled={reaching} data-testid="friend-code" />
        </label>
        <button type="submit" className="primary" disabled={reaching || !code.trim()} data-testid="friend-start">
          {reaching ? 'Knocking…' : 'Test'}
        </button>
      </form>
      {error && <ErrorBanner error={error} />}
      {result && (
        <p className={`panel out-result ${result.outcome === 'acknowledged' ? 'ok' : 'bad'}`} role="status" data-testid="friend-result" data-outcome={result.outcome}>
          {reachSentence(result)}
        </p>
      )}
    </section>
  );
}
