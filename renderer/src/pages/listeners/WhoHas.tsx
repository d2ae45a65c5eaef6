// "Who is holding port N?" — the answer to "address already in use", from the current list.
import type { Listener } from '../../../../shared/channels/listeners';
import { parsePortAndProtocol } from '../../../../shared/ports/port-spec';
import { ExplainLink } from '../../components/ExplainLink';
import { useStore } from '../../store';
import { exposureShort } from '../../../../shared/render/exposure';
import { endpointText, ownerText } from '../../../../shared/render/listener';

export function WhoHas({ rows, elevated }: { rows: readonly Listener[]; elevated: boolean }) {
  const text = useStore((s) => s.listenersWhoHas);
  const asked = useStore((s) => s.listenersWhoHasAsked);
  const query = parsePortAndProtocol(text);
  const holders = query.ok ? rows.filter((r) => r.port === query.port && (query.protocol === null || r.protocol === query.protocol)) : [];
  return (
    <div className="panel lst-whohas">
      <label htmlFor="who-has-input">Who is holding port</label>
      <ExplainLink id="address-in-use" />{' '}
      <input
        id="who-has-input"
        data-testid="who-has-input"
        value={text}
        placeholder="25565 or 19132/udp"
        inputMode="numeric"
        size={16}
        onChange={(e) => asked(e.target.value)}
      />
      <div role="status" data-testid="who-has-answer" className="lst-whohas-answer">
        {text.trim() === '' ? null : !query.ok ? (
          <span className="muted" data-testid={query.error === 'port-zero' ? 'who-has-port-zero' : undefined}>
            {query.message}
          </span>
        ) : holders.length === 0 ? (
          <span>
            Nothing is listening on port {query.port}
            {query.protocol === null ? '' : `/${query.protocol}`}: a program can use it.
          </span>
        ) : (
          <ul>
            {holders.map((r) => (
              <li key={`${r.protocol}${endpointText(r)}${r.pid}`}>
                <strong>{ownerText(r, elevated)}</strong>
                {r.pid !== null && ` (pid ${r.pid})`} holds {r.protocol.toUpperCase()} {endpointText(r)} —{' '}
                {exposureShort(r, null)}.
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
