// Stands between the app and its engine (web UI): a page in the app's look when the page may not
// talk to the engine, and an "engine stopped" banner over a greyed, inert app when it went away.
import type { ReactNode } from 'react';
import { CONNECTION_WORDS, type ConnectionWords } from '../../../shared/render/connection';
import { useStore } from '../store';

/** `npm start` in the words becomes code, the rest stays text. */
function withCode(text: string): ReactNode[] {
  return text.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part));
}

function Words({ words, headingId }: { words: ConnectionWords; headingId: string }) {
  return (
    <>
      <h1 id={headingId}>{words.title}</h1>
      <p>{withCode(words.body)}</p>
      <p className="gate-action">{withCode(words.action)}</p>
    </>
  );
}

export function ConnectionGate({ children }: { children: ReactNode }) {
  const state = useStore((s) => s.connection);
  if (state === 'connected' || state === 'connecting') return <>{children}</>;
  if (state === 'lost') {
    return (
      <div className="gate-lost" data-connection={state}>
        <div className="engine-lost-banner" role="alert" aria-labelledby="engine-lost-title">
          <Words words={CONNECTION_WORDS.lost} headingId="engine-lost-title" />
        </div>
        {/* Inert: no click or key reaches an action that needs the engine; greyed so nothing looks current. */}
        <div className="stale" inert>
          {children}
        </div>
      </div>
    );
  }
  return (
    <main className="gate" data-connection={state} aria-labelledby="gate-title">
      <div className="gate-card">
        <div className="brand">
          <img src="./icon.svg" alt="" width={28} height={28} />
          <span>Port Doctor</span>
        </div>
        <Words words={CONNECTION_WORDS[state]} headingId="gate-title" />
      </div>
    </main>
  );
}
