// The socket table: virtualized (only visible rows are in the DOM), so 12,500 rows scroll smoothly.
import { useRef, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ExplainerId } from '../../../../shared/explainers/ids';
import { ExplainLink } from '../../components/ExplainLink';
import { useStore } from '../../store';
import { endpoint, ownerLabel, rowExposure, type Item, type SortKey } from './view';

const ROW_HEIGHT = 34;

/** "21:14": the wall-clock time the socket first showed up, as the user's clock reads it. */
function newSinceTime(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}
const COLUMNS: Array<{ key: SortKey; label: string; explain?: ExplainerId }> = [
  { key: 'protocol', label: 'Protocol', explain: 'tcp-udp' },
  { key: 'address', label: 'Address', explain: 'port' },
  { key: 'exposure', label: 'Who can connect', explain: 'bind-address' },
  { key: 'program', label: 'Program' },
  { key: 'user', label: 'User' },
  { key: 'service', label: 'Usually for', explain: 'port-ranges' },
];

export function ListenersTable({ list, elevated }: { list: Item[]; elevated: boolean }) {
  const sort = useStore((s) => s.listenersSort);
  const sortClicked = useStore((s) => s.listenersSortClicked);
  const selected = useStore((s) => s.listenersSelected);
  const rowSelected = useStore((s) => s.listenersRowSelected);
  const newSince = useStore((s) => s.listenersTracker?.newSince);
  const firewall = useStore((s) => s.listenersFirewall);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: list.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  const onRowKey = (e: KeyboardEvent<HTMLDivElement>, key: string) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      rowSelected(key);
    }
  };

  return (
    <div className="lst-table" role="table" aria-label="Listening sockets" aria-rowcount={list.length + 1}>
      <div className="lst-row lst-head" role="row">
        {COLUMNS.map((c) => (
          <div key={c.key} role="columnheader" aria-sort={sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
            <button type="button" className="lst-sort" onClick={() => sortClicked(c.key)} data-sort={c.key}>
              {c.label}
              {sort.key === c.key ? (sort.descending ? ' ▾' : ' ▴') : ''}
            </button>
            {c.explain && <ExplainLink id={c.explain} />}
          </div>
        ))}
      </div>
      <div className="lst-scroll" ref={scrollRef} data-testid="listeners-scroll">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const item = list[v.index]!;
            const style = { transform: `translateY(${v.start}px)`, height: ROW_HEIGHT };
            if (item.kind === 'group') {
              return (
                <div key={item.key} className="lst-row lst-group" role="row" style={style} aria-rowindex={v.index + 2}>
                  <div role="cell" className="lst-group-cell">
                    {item.label} <span className="muted">· {item.count} socket{item.count === 1 ? '' : 's'}</span>
                  </div>
                </div>
              );
            }
            const r = item.row;
            const words = rowExposure(r, firewall);
            const since = newSince?.get(item.key);
            return (
              <div
                key={item.key}
                className={`lst-row lst-item${item.key === selected ? ' selected' : ''}${since ? ' lst-new' : ''}`}
                role="row"
                style={style}
                tabIndex={0}
                aria-rowindex={v.index + 2}
                aria-selected={item.key === selected}
                data-testid="listener-row"
                data-port={r.port}
                data-protocol={r.protocol}
                data-new={since ? 'true' : undefined}
                onClick={() => rowSelected(item.key)}
                onKeyDown={(e) => onRowKey(e, item.key)}
              >
                <div role="cell" className="mono">{r.protocol.toUpperCase()}</div>
<div role="cell" className="mono lst-ellipsis" title={endpoint(r)}>{endpoint(r)}</div>
                <div role="cell">
                  <span className={`badge ${words.tone}`} title={words.sentence} data-exposure={r.exposure}>{words.label}</span>
                  {words.firewall && <span className={`badge ${words.firewall.tone} lst-fw-badge`} title={words.sentence} data-firewall={words.firewall.label}>{words.firewall.label}</span>}
                </div>
                <div role="cell" className="lst-ellipsis" title={r.command ?? undefined}>
                  {ownerLabel(r, elevated)}
                  {r.pid !== null && <span className="muted"> · {r.pid}</span>}
                  {since && <span className="badge info lst-new-badge" data-testid="new-since">new since {newSinceTime(since)}</span>}
                </div>
                <div role="cell" className="lst-ellipsis">{r.user ?? '—'}</div>
                <div role="cell" className="lst-ellipsis" title={r.serviceDescription ?? undefined}>{r.service ?? '—'}</div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
