// One port and protocol in the reference: names, games, range, who may bind, risk, listening now.
import type { ListeningNow, PortEntry } from '../../../../shared/channels/ports';
import { RISK_KIND_TEXT, bindRightsLines, categoryLine, entryTitle, gameText, holderText } from '../../../../shared/ports/words';
import { ExplainLink } from '../../components/ExplainLink';
import { useStore } from '../../store';

/** Same key as the Listeners table's rowKey, so the row can be selected there. */
function listenersRowKey(e: PortEntry, l: ListeningNow): string {
  return `${e.protocol}|${l.family}|${l.address}|${e.port}|${l.pid ?? '-'}`;
}

export function EntryCard({ entry: e, listeningChecked }: { entry: PortEntry; listeningChecked: boolean }) {
  const filtersChanged = useStore((s) => s.listenersFiltersChanged);
  const rowSelected = useStore((s) => s.listenersRowSelected);
  const showRow = (l: ListeningNow) => {
    filtersChanged({ search: String(e.port), protocol: 'any', exposure: 'any', process: '' });
    rowSelected(listenersRowKey(e, l));
    location.hash = '#/listeners';
  };
  return (
    <article className="panel ref-entry" data-testid="ref-entry" data-port={e.port} data-protocol={e.protocol}>
      <header className="ref-entry-head">
        <h2 className="mono">
          {e.port}/{e.protocol}
          <ExplainLink id="tcp-udp" />
        </h2>
        <span className="ref-title">{entryTitle(e)}</span>
        {e.risk && <span className={`badge ${e.risk.kind === 'reflector' ? 'warn' : 'bad'}`}>{RISK_KIND_TEXT[e.risk.kind]}</span>}
      </header>
      <dl className="facts ref-facts">
        <dt>IANA</dt>
        <dd>{e.iana ? <><strong>{e.iana.name}</strong>{e.iana.description !== e.iana.name && ` — ${e.iana.description}`}</> : 'Nothing registered'}</dd>
        {e.commonUse && (
          <>
            <dt>At home</dt>
            <dd>
              <strong>{e.commonUse.name}</strong> — {e.commonUse.description}
            </dd>
          </>
        )}
        {e.games.length > 0 && (
          <>
            <dt>Games</dt>
            <dd>{e.games.map(gameText).join('; ')}</dd>
          </>
        )}
        <dt>
          Range <ExplainLink id="port-ranges" />
        </dt>
        <dd>{categoryLine(e)}</dd>
        <dt>Who may bind</dt>
        <dd>
          <ul className="ref-rights">
            {bindRightsLines(e.bindRights).map((l) => (
              <li key={l.os}>
                {l.os}: {l.text}
              </li>
            ))}
          </ul>
        </dd>
        {e.risk && (
          <>
            <dt>
              Risk if exposed <ExplainLink id="exposure" />
            </dt>
            <dd data-testid="ref-risk">
              <p className="ref-risk">{e.risk.risk}</p>
              <p>
                <strong>Fix:</strong> {e.risk.fix} Moving it to another port is not a fix on its own (
                <ExplainLink id="port-knocking">non-default ports</ExplainLink>).
              </p>
              <p className="muted ref-sources">
                Sources: {e.risk.sources.map((s) => s.title).join('; ')}
              </p>
            </dd>
          </>
        )}
        {listeningChecked && (
          <>
            <dt>
              Listening now <ExplainLink id="bind-address" />
            </dt>
            <dd data-testid="ref-listening">
              {e.listeningNow.length === 0
                ? 'Nothing on this computer.'
                : e.listeningNow.map((l) => (
                    <div key={listenersRowKey(e, l)}>
                      {holderText(l)} ·{' '}
                      <a href="#/listeners" onClick={(ev) => { ev.preventDefault(); showRow(l); }} data-testid="ref-listeners-link">
                        show in Listeners
                      </a>
                    </div>
                  ))}
            </dd>
          </>
        )}
      </dl>
    </article>
  );
}
