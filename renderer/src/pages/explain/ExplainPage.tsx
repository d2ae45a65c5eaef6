// Explainers: ports, protocols, NAT, forwarding and firewalls in plain words, one topic per URL
// (#/explain/<id>) so findings, table headers and verdicts can link straight to the one they use.
import { useEffect, useState } from 'react';
import { EXPLAINERS } from '../../../../shared/explainers/content';
import { EXPLAINER_IDS, explainerHref, type ExplainerId } from '../../../../shared/explainers/ids';
import { ForwardingPath } from './ForwardingPath';
import { explainerFromHash } from './hash';
import './explain.css';

function useExplainerFromHash(): ExplainerId | null {
  const [id, setId] = useState(() => explainerFromHash(location.hash));
  useEffect(() => {
    const onHash = () => setId(explainerFromHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return id;
}

function Topic({ id }: { id: ExplainerId }) {
  const e = EXPLAINERS[id];
  return (
    <article className="panel ex-topic" aria-labelledby="ex-topic-title" data-explainer={id}>
      <h2 id="ex-topic-title">{e.title}</h2>
      <p className="ex-summary">{e.summary}</p>
      {e.figure === 'forwarding-path' && <ForwardingPath />}
      {e.body.map((p) => (
        <p key={p}>{p}</p>
      ))}
      {e.related.length > 0 && (
        <p className="ex-related">
          Related:{' '}
          {e.related.map((r, i) => (
            <span key={r}>
              {i > 0 && ' · '}
              <a href={explainerHref(r)}>{EXPLAINERS[r].title}</a>
            </span>
          ))}
        </p>
      )}
      <details className="ex-sources">
        <summary>Sources</summary>
        <ul>
          {e.sources.map((s) => (
            <li key={s.url}>
              {s.title} — <span className="mono">{s.url}</span>
            </li>
          ))}
        </ul>
      </details>
    </article>
  );
}

export function ExplainPage() {
  const id = useExplainerFromHash();
  return (
    <section className="page ex-page" aria-labelledby="explain-title" data-page="explain">
      <header className="page-header">
        <h1 id="explain-title">Explainers</h1>
        <p className="lede">Ports, NAT, forwarding and firewalls in plain words, with the sources they rest on.</p>
      </header>
      <div className="ex-layout">
        <nav className="ex-index" aria-label="Topics">
          <ul role="list">
            {EXPLAINER_IDS.map((t) => (
              <li key={t}>
                <a href={explainerHref(t)} aria-current={t === id ? 'page' : undefined} className={t === id ? 'active' : undefined}>
                  {EXPLAINERS[t].title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {id ? (
          <Topic id={id} />
        ) : (
          <div className="ex-cards">
            {EXPLAINER_IDS.map((t) => (
              <a key={t} className="panel ex-card" href={explainerHref(t)}>
                <strong>{EXPLAINERS[t].title}</strong>
                <span className="muted">{EXPLAINERS[t].summary}</span>
              </a>
            ))}
          </div>
        )}
      </div>
    </section>
  );
}
