// What one socket means: who can reach it, which program holds it, and what the port is usually for.
import { useState } from 'react';
import type { Listener } from '../../../../shared/channels/listeners';
import { ExplainLink } from '../../components/ExplainLink';
import { useStore } from '../../store';
import { endpointText, ownerText } from '../../../../shared/render/listener';
import { CATEGORY_WORDS, rowAsText, rowExposure } from './view';

export function DetailPanel({ row, elevated, onClose }: { row: Listener; elevated: boolean; onClose: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const referenceAsked = useStore((s) => s.referenceAsked);
  const words = rowExposure(row, useStore((s) => s.listenersFirewall));
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(rowAsText(row, elevated));
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <aside className="panel lst-detail" aria-label="Socket details" data-testid="listener-detail">
      <header className="lst-detail-head">
        <h2 className="mono">
          {row.protocol.toUpperCase()} {endpointText(row)}
        </h2>
        <button type="button" onClick={onClose} aria-label="Close details">✕</button>
      </header>
      <p>
        <span className={`badge ${words.tone}`}>{words.label}</span>{' '}
        {words.firewall && <span className={`badge ${words.firewall.tone}`} data-testid="detail-firewall">{words.firewall.label}</span>}{' '}
        <span data-testid="detail-exposure">{words.sentence}</span> <ExplainLink id="bind-address">Why?</ExplainLink>
      </p>
      <dl className="facts">
        <dt>Program</dt>
        <dd>
          {ownerText(row, elevated)}
          {row.pid !== null && ` (pid ${row.pid})`}
        </dd>
        <dt>Path</dt>
        <dd className="mono">{row.exePath ?? '—'}</dd>
        <dt>Command</dt>
        <dd className="mono lst-wrap">{row.command ?? '—'}</dd>
        <dt>User</dt>
        <dd>{row.user ?? 'unknown'}</dd>
        <dt>Usually for</dt>
        <dd>
          {row.service ? (
            <>
              <strong>{row.service}</strong>
              {row.serviceDescription && row.serviceDescription !== row.service && ` — ${row.serviceDescription}`}
            </>
          ) : (
            'Nothing well known uses this port.'
          )}
        </dd>
        <dt>
          Port range <ExplainLink id="port-ranges" />
        </dt>
        <dd>
          {CATEGORY_WORDS[row.category]}
          {row.privileged && ' Binding it needs administrator (root) rights.'}
        </dd>
      </dl>
      <div className="toolbar lst-detail-actions">
        <button type="button" onClick={() => void copy()} data-testid="copy-text">Copy as text</button>
        <button type="button" onClick={() => { location.hash = '#/reference'; void referenceAsked(`${row.port}/${row.protocol}`); }} data-testid="lookup-port">
          Look up port {row.port}/{row.protocol}
        </button>
        {copied === 'yes' && <span role="status">Copied.</span>}
        {copied === 'failed' && <span role="status">Could not copy: the clipboard is not available here.</span>}
      </div>
    </aside>
  );
}
