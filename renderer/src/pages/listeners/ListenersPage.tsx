// Listeners: every listening socket in one click — program, address, who can reach it — with
// search, filters, sorting, grouping by program, a detail panel and "who holds port N?".
import { useEffect, useMemo } from 'react';
import { useStore } from '../../store';
import { ErrorBanner } from '../../components/ErrorBanner';
import { NotifySetting } from '../../components/NotifySetting';
import { ExposureSummary } from '../exposure/ExposureSummary';
import { DetailPanel } from './DetailPanel';
import { ListenersTable } from './ListenersTable';
import { WhoHas } from './WhoHas';
import { NO_FILTERS, items, programNames, rowKey, visibleRows } from './view';
import './listeners.css';

/** Sockets come and go as programs start; 5 s keeps the list current without busy-looping /proc. */
const AUTO_REFRESH_MS = 5_000;

const SOURCE_WORDS = { procfs: 'the Linux kernel (/proc)', lsof: 'lsof', powershell: 'PowerShell (Get-NetTCPConnection)', netstat: 'netstat' } as const;

export function ListenersPage() {
  const data = useStore((s) => s.listenersData);
  const error = useStore((s) => s.listenersError);
  const loading = useStore((s) => s.listenersLoading);
  const filters = useStore((s) => s.listenersFilters);
  const sort = useStore((s) => s.listenersSort);
  const grouped = useStore((s) => s.listenersGrouped);
  const autoRefresh = useStore((s) => s.listenersAutoRefresh);
  const selected = useStore((s) => s.listenersSelected);
  const requested = useStore((s) => s.listenersRequested);
  const filtersChanged = useStore((s) => s.listenersFiltersChanged);
  const groupingToggled = useStore((s) => s.listenersGroupingToggled);
  const autoRefreshToggled = useStore((s) => s.listenersAutoRefreshToggled);
  const rowSelected = useStore((s) => s.listenersRowSelected);
  const reportOpened = useStore((s) => s.reportOpened);

  // First visit loads the list; later visits show the last one until the user refreshes.
  useEffect(() => {
    if (!data && !error && !loading) void requested();
  }, [data, error, loading, requested]);

  useEffect(() => {
    if (!autoRefresh) return;
    const timer = setInterval(() => void requested(), AUTO_REFRESH_MS);
    return () => clearInterval(timer);
  }, [autoRefresh, requested]);

  const all = useMemo(() => data?.listeners ?? [], [data]);
  const elevated = data?.elevated ?? false;
  const rows = useMemo(() => visibleRows(all, filters, sort), [all, filters, sort]);
  const list = useMemo(() => items(rows, grouped, elevated), [rows, grouped, elevated]);
  const programs = useMemo(() => programNames(all), [all]);
  const detail = selected ? all.find((r) => rowKey(r) === selected) : undefined;

  // Escape closes the detail panel (the way every side panel and dialog closes).
  useEffect(() => {
    if (!detail) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') rowSelected(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [detail, rowSelected]);

  return (
    <section className="page lst-page" aria-labelledby="listeners-title" data-page="listeners">
      <header className="page-header">
        <h1 id="listeners-title">Listening programs</h1>
        <p className="lede">Every program waiting for connections on this computer, and who can reach it.</p>
      </header>
      {error && <ErrorBanner error={error} onRetry={() => void requested()} />}
      <div className="toolbar">
        <button type="button" className="primary" onClick={() => void requested()} disabled={loading} data-testid="listeners-refresh">
          {loading ? 'Refreshing…' : 'Refresh'}
        </button>
        <label>
          <input type="checkbox" checked={autoRefresh} onChange={(e) => autoRefreshToggled(e.target.checked)} /> Auto-refresh
        </label>
        <NotifySetting />
        <input
          type="search"
          aria-label="Search"
          placeholder="Search program, port, address…"
          value={filters.search}
          onChange={(e) => filtersChanged({ search: e.target.value })}
          data-testid="listeners-search"
        />
        <select aria-label="Protocol" value={filters.protocol} onChange={(e) => filtersChanged({ protocol: e.target.value as typeof filters.protocol })} data-testid="filter-protocol">
          <option value="any">TCP and UDP</option>
          <option value="tcp">TCP only</option>
          <option value="udp">UDP only</option>
        </select>
        <select aria-label="Who can connect" value={filters.exposure} onChange={(e) => filtersChanged({ exposure: e.target.value as typeof filters.exposure })} data-testid="filter-exposure">
          <option value="any">Any reach</option>
          <option value="loopback">This computer only</option>
          <option value="interface">One network</option>
          <option value="all">Every network</option>
        </select>
        <select aria-label="Program" value={filters.process} onChange={(e) => filtersChanged({ process: e.target.value })} data-testid="filter-process">
          <option value="">All programs</option>
          {programs.map((p) => (
            <option key={p} value={p}>{p}</option>
          ))}
        </select>
        <label>
          <input type="checkbox" checked={grouped} onChange={(e) => groupingToggled(e.target.checked)} data-testid="group-toggle" /> Group by program
        </label>
        <button type="button" onClick={() => void reportOpened({ includeListeners: true, includeAudit: true })} data-testid="listeners-export">
          Export report
        </button>
      </div>
      <WhoHas rows={all} elevated={elevated} />
      {data && (
        <p className="muted lst-summary" data-testid="listeners-summary">
          Showing {rows.length} of {all.length} sockets · read from {SOURCE_WORDS[data.source]} at {new Date(data.collectedAt).toLocaleTimeString()}
          {!elevated && ' · programs of other users show as unknown; run elevated to name them'}
        </p>
      )}
      {data && <ExposureSummary rows={all} />}
      {!data && loading && <p role="status">Reading the socket table…</p>}
      <div className={detail ? 'lst-body with-detail' : 'lst-body'}>
        {data && rows.length === 0 && all.length > 0 ? (
          <div className="panel lst-nothing" role="status" data-testid="listeners-nothing">
            Nothing matches these filters.{' '}
            <button type="button" onClick={() => filtersChanged(NO_FILTERS)} data-testid="listeners-clear-filters">
              Clear filters
            </button>
          </div>
        ) : (
          data && <ListenersTable list={list} elevated={elevated} />
        )}
        {detail && <DetailPanel row={detail} elevated={elevated} onClose={() => rowSelected(null)} />}
      </div>
    </section>
  );
}
