// The socket table: an ARIA grid, virtualized (only visible rows are in the DOM) so 12,500 rows
// scroll smoothly. The body is one tab stop (a roving tabindex): arrows, Home/End (Ctrl for the
// first/last row) and PageUp/PageDown move the focused cell, Enter or Space opens the row's details.
// The focused row is always rendered, even scrolled away, so Tab comes back to where it was.
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import type { ExplainerId } from '../../../../shared/explainers/ids';
import { ExplainLink } from '../../components/ExplainLink';
import { useStore } from '../../store';
import { moveFor, type GridPos } from './grid-keys';
import { endpointText, ownerText } from '../../../../shared/render/listener';
import { rowExposure, type Item, type SortKey } from './view';

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

  // The focused cell follows its socket across refreshes (by key); if the socket went away, the
  // row that took its place. `col` is kept on group rows (one cell) for the next socket row.
  const [focus, setFocus] = useState<{ key: string | null; index: number; col: number }>({ key: null, index: 0, col: 0 });
  const indexByKey = useMemo(() => new Map(list.map((item, i) => [item.key, i])), [list]);
  const activeIndex = list.length === 0 ? -1 : (focus.key !== null ? indexByKey.get(focus.key) : undefined) ?? Math.min(focus.index, list.length - 1);
  const focusWanted = useRef(false);

  const rangeExtractor = useCallback(
    (range: Range) => {
      const rows = defaultRangeExtractor(range);
      return activeIndex >= 0 && !rows.includes(activeIndex) ? [...rows, activeIndex].sort((a, b) => a - b) : rows;
    },
    [activeIndex],
  );
  const virtualizer = useVirtualizer({
    count: list.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    rangeExtractor,
  });

  // After a key moved the focus, the new cell is in the DOM (the range always holds it): focus it.
  useLayoutEffect(() => {
    if (!focusWanted.current || activeIndex < 0) return;
    const cell = scrollRef.current?.querySelector<HTMLElement>(`[data-row-index="${activeIndex}"] [tabindex="0"]`);
    if (cell) {
      focusWanted.current = false;
      // Focusing also brings the scroll box itself into the window when the page is scrolled away from it.
      cell.focus();
    }
  });

  const moveTo = (pos: GridPos) => {
    const item = list[pos.row];
    if (!item) return;
    setFocus({ key: item.key, index: pos.row, col: pos.col });
    focusWanted.current = true;
    virtualizer.scrollToIndex(pos.row, { align: 'auto' });
  };

  const onGridKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (activeIndex < 0) return;
    const item = list[activeIndex];
    if ((e.key === 'Enter' || e.key === ' ') && item) {
      e.preventDefault();
      if (item.kind === 'row') rowSelected(item.key);
      return;
    }
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1);
    const next = moveFor(e.key, e.ctrlKey || e.metaKey, { row: activeIndex, col: focus.col }, { rows: list.length, cols: COLUMNS.length, pageRows });
    if (!next) return;
    e.preventDefault();
    moveTo(next);
  };

  /** A click or a Tab landing on a cell makes it the focused one. */
  const cellFocused = (index: number, col: number) => {
    const item = list[index];
    if (item && (item.key !== focus.key || (item.kind === 'row' && col !== focus.col))) setFocus({ key: item.key, index, col: item.kind === 'row' ? col : focus.col });
  };

  const cellProps = (index: number, col: number, groupRow: boolean) => {
    const active = index === activeIndex && (groupRow || col === focus.col);
    return {
      role: 'gridcell',
      'aria-colindex': col + 1,
      tabIndex: active ? 0 : -1,
      onFocus: () => cellFocused(index, col),
      'data-active': active ? 'true' : undefined,
    } as const;
  };

  return (
    <div className="lst-table" role="grid" aria-label="Listening sockets" aria-rowcount={list.length + 1} aria-colcount={COLUMNS.length} data-testid="listeners-grid">
      <div className="lst-row lst-head" role="row" aria-rowindex={1}>
        {COLUMNS.map((c, i) => (
          <div key={c.key} role="columnheader" aria-colindex={i + 1} aria-sort={sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
            <button type="button" className="lst-sort" onClick={() => sortClicked(c.key)} data-sort={c.key}>
              {c.label}
              {sort.key === c.key ? (sort.descending ? ' ▾' : ' ▴') : ''}
            </button>
            {c.explain && <ExplainLink id={c.explain} />}
          </div>
        ))}
      </div>
      <div className="lst-scroll" ref={scrollRef} data-testid="listeners-scroll" role="rowgroup" onKeyDown={onGridKey}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const item = list[v.index]!;
            const style = { transform: `translateY(${v.start}px)`, height: ROW_HEIGHT };
            if (item.kind === 'group') {
              return (
                <div key={item.key} className="lst-row lst-group" role="row" style={style} aria-rowindex={v.index + 2} data-row-index={v.index}>
                  <div {...cellProps(v.index, 0, true)} aria-colspan={COLUMNS.length} className="lst-group-cell">
                    {item.label} <span className="muted">· {item.count} socket{item.count === 1 ? '' : 's'}</span>
                  </div>
                </div>
              );
            }
            const r = item.row;
            const words = rowExposure(r, firewall);
            const since = newSince?.get(item.key);
            const cell = (col: number) => cellProps(v.index, col, false);
            return (
              <div
                key={item.key}
                className={`lst-row lst-item${item.key === selected ? ' selected' : ''}${since ? ' lst-new' : ''}`}
                role="row"
                style={style}
                aria-rowindex={v.index + 2}
                aria-selected={item.key === selected}
                data-row-index={v.index}
                data-testid="listener-row"
                data-port={r.port}
                data-protocol={r.protocol}
                data-new={since ? 'true' : undefined}
                onClick={() => rowSelected(item.key)}
              >
                <div {...cell(0)} className="mono">{r.protocol.toUpperCase()}</div>
                <div {...cell(1)} className="mono lst-ellipsis" title={endpointText(r)}>{endpointText(r)}</div>
                <div {...cell(2)} className="lst-exposure">
                  <span className={`badge ${words.tone}`} title={words.sentence} data-exposure={r.exposure}>{words.label}</span>
                  {words.firewall && <span className={`badge ${words.firewall.tone} lst-fw-badge`} title={words.sentence} data-firewall={words.firewall.label}>{words.firewall.label}</span>}
                </div>
                <div {...cell(3)} className="lst-ellipsis" title={r.command ?? undefined}>
                  {ownerText(r, elevated)}
                  {r.pid !== null && <span className="muted"> · {r.pid}</span>}
                  {since && <span className="badge info lst-new-badge" data-testid="new-since">new since {newSinceTime(since)}</span>}
                </div>
                <div {...cell(4)} className="lst-ellipsis">{r.user ?? '—'}</div>
                <div {...cell(5)} className="lst-ellipsis" title={r.serviceDescription ?? undefined}>{r.service ?? '—'}</div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
