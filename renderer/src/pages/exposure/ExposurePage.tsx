// Exposure audit: what other devices could reach on this computer, grouped by how far, with
// known-risky services flagged and the fix in words.
import { useEffect } from 'react';
import type { AuditGroup, AuditItem } from '../../../../shared/channels/audit';
import { GROUP_TEXT, firewallText, summaryText } from '../../../../shared/audit/words';
import { endpointText } from '../../../../shared/render/listener';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ExplainLink } from '../../components/ExplainLink';
import { useStore } from '../../store';
import './exposure.css';

const GROUPS: readonly AuditGroup[] = ['internet-if-forwarded', 'your-network', 'this-computer'];
const GROUP_TONE: Record<AuditGroup, string> = { 'internet-if-forwarded': 'warn', 'your-network': 'info', 'this-computer': 'ok' };

function Item({ item: i }: { item: AuditItem }) {
  return (
    <li className={i.flagged ? 'au-item flagged' : 'au-item'} data-testid="audit-item" data-port={i.port} data-protocol={i.protocol} data-group={i.group} data-flagged={i.flagged}>
      <div className="au-line">
        {i.flagged && <span className="badge bad">Risky</span>}
        <span className="mono">
          {i.protocol.toUpperCase()} {endpointText(i)}
        </span>
        <span>{i.pid === null ? 'unknown program' : `${i.process ?? 'unknown program'} (pid ${i.pid})`}</span>
        {i.service && <span className="muted">{i.service}</span>}
      </div>
      {i.flagged && i.advice ? (
        <p className="au-advice" data-testid="audit-advice">
          {i.advice}
        </p>
      ) : (
        i.group !== 'this-computer' && <p className="muted au-firewall">{firewallText(i.firewall)[0]!.toUpperCase() + firewallText(i.firewall).slice(1)}.</p>
      )}
      {i.risk && (
        <p className="muted au-sources">
          {i.flagged ? i.risk.risk : `${i.risk.label}: kept from other devices.`} Sources: {i.risk.sources.map((s) => s.title).join('; ')}
        </p>
      )}
    </li>
  );
}

export function ExposurePage() {
  const data = useStore((s) => s.auditData);
  const error = useStore((s) => s.auditError);
  const loading = useStore((s) => s.auditLoading);
  const requested = useStore((s) => s.auditRequested);
  const reportOpened = useStore((s) => s.reportOpened);

  useEffect(() => {
    void requested();
  }, [requested]);

  return (
    <section className="page au-page" aria-labelledby="exposure-title" data-page="exposure">
      <header className="page-header">
        <h1 id="exposure-title">What this computer exposes</h1>
        <p className="lede">
          Every listening program, grouped by who could connect to it, with the host firewall&apos;s answer. <ExplainLink id="exposure">How to read this</ExplainLink>
        </p>
      </header>
      {error && <ErrorBanner error={error} onRetry={() => void requested()} />}
      <div className="toolbar">
        <button type="button" className="primary" onClick={() => void requested()} disabled={loading} data-testid="audit-refresh">
          {loading ? 'Checking…' : 'Check again'}
        </button>
        <button type="button" onClick={() => void reportOpened({ includeAudit: true, title: 'What this computer exposes' })} data-testid="audit-export">
          Export report
        </button>
        {data && (
          <span className="muted" data-testid="audit-summary">
            {summaryText(data.counts, data.flaggedCount)} · read at {new Date(data.collectedAt).toLocaleTimeString()}
          </span>
        )}
      </div>
      {data?.firewall.state === 'not-checked' && (
        <p className="panel au-note" data-testid="audit-firewall-note">
          The host firewall was not checked: {data.firewall.reason}. Groups assume it lets connections in. <ExplainLink id="host-firewall">Host firewalls</ExplainLink>
        </p>
      )}
      {!data && loading && <p role="status">Reading sockets and the firewall…</p>}
      {data &&
        GROUPS.map((g) => {
          const items = data.items.filter((i) => i.group === g);
          return (
            <section key={g} className="panel au-group" aria-labelledby={`au-${g}`} data-testid="audit-group" data-group={g}>
              <h2 id={`au-${g}`}>
                <span className={`badge ${GROUP_TONE[g]}`}>{items.length}</span> {GROUP_TEXT[g].title}
              </h2>
              <p className="muted">
                {GROUP_TEXT[g].meaning} <ExplainLink id={g === 'this-computer' ? 'bind-address' : g === 'your-network' ? 'host-firewall' : 'port-forwarding'} />
              </p>
              {items.length === 0 ? <p className="muted">Nothing.</p> : <ul className="au-list">{items.map((i) => <Item key={`${i.protocol}|${i.family}|${i.address}|${i.port}|${i.pid ?? '-'}`} item={i} />)}</ul>}
            </section>
          );
        })}
      {data && (
        <p className="muted au-footnote">
          Reaching a program from the internet also needs a <ExplainLink id="port-forwarding">port forward</ExplainLink> on your router, which cannot work behind{' '}
          <ExplainLink id="cgnat">CGNAT</ExplainLink> and must be made on both routers with <ExplainLink id="double-nat">double NAT</ExplainLink>. Testing your own public address from
          inside misleads (<ExplainLink id="hairpin-nat">hairpin NAT</ExplainLink>). Moving a service to another port hides it from few (<ExplainLink id="port-knocking">non-default ports</ExplainLink>).
        </p>
      )}
    </section>
  );
}
