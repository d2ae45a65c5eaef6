// The window layout: navigation on the left, the selected page on the right; keyboard first.
import { Suspense, useCallback, useEffect, useRef, type KeyboardEvent } from 'react';
import { useStore } from './store';
import { PAGES } from './pages/registry';
import { ReportDialog } from './components/report/ReportDialog';
import { EngineErrorBanner } from './components/EngineErrorBanner';

/** `#/explain/nat` is the explain page showing one topic: the first segment names the page. */
/** How long after G the digit may follow. */
const SEQUENCE_MS = 1500;

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

function pageFromHash(): string | null {
  const id = location.hash.replace(/^#\/?/, '').split('/')[0] ?? '';
  return PAGES.some((p) => p.id === id) ? id : null;
}

export function App() {
  const page = useStore((s) => s.page);
  const pageSelected = useStore((s) => s.pageSelected);
  const navRefs = useRef<Array<HTMLButtonElement | null>>([]);
  const mainRef = useRef<HTMLElement>(null);

  const select = useCallback(
    (id: string) => {
      pageSelected(id);
      if (pageFromHash() !== id) history.replaceState(null, '', `#/${id}`);
    },
    [pageSelected],
  );

  useEffect(() => {
    const initial = pageFromHash() ?? PAGES[0]?.id;
    if (initial) select(initial);
    const onHash = () => {
      const id = pageFromHash();
      if (id) pageSelected(id);
    };
    window.addEventListener('hashchange', onHash);
    // G then 1…9 jumps to the page at that place in the navigation. Ctrl/Cmd/Alt + digit belong to
    // the browser's tabs (the web UI) and to the system; a bare two-key sequence works in both
    // the browser and Electron, and is ignored while typing in a field.
    let gAt = -Infinity;
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (e.key === 'g' || e.key === 'G') {
        gAt = e.timeStamp;
        return;
      }
      const n = Number(e.key);
      const target = e.timeStamp - gAt <= SEQUENCE_MS && Number.isInteger(n) && n >= 1 ? PAGES[n - 1] : undefined;
      gAt = -Infinity;
      if (target) {
        e.preventDefault();
        select(target.id);
        navRefs.current[n - 1]?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('keydown', onKey);
    };
  }, [select, pageSelected]);

  // Arrow keys move within the navigation (one tab stop for the whole list, as in native sidebars).
  const onNavKey = (e: KeyboardEvent<HTMLElement>) => {
    const i = PAGES.findIndex((p) => p.id === page);
    const next =
      e.key === 'ArrowDown' ? (i + 1) % PAGES.length
      : e.key === 'ArrowUp' ? (i - 1 + PAGES.length) % PAGES.length
      : e.key === 'Home' ? 0
      : e.key === 'End' ? PAGES.length - 1
      : -1;
    const target = PAGES[next];
    if (next < 0 || !target) return;
    e.preventDefault();
    select(target.id);
    navRefs.current[next]?.focus();
  };

  const current = PAGES.find((p) => p.id === page) ?? PAGES[0];

  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); mainRef.current?.focus(); }}>
        Skip to content
      </a>
      <nav className="sidebar" aria-label="Pages" onKeyDown={onNavKey}>
        <div className="brand">
          <img src="./icon.svg" alt="" width={28} height={28} />
          <span>Port Doctor</span>
        </div>
        <ul role="list">
          {PAGES.map((p, i) => (
            <li key={p.id}>
              <button
                type="button"
                ref={(el) => {
                  navRefs.current[i] = el;
                }}
                className={p.id === current?.id ? 'nav-item active' : 'nav-item'}
                aria-current={p.id === current?.id ? 'page' : undefined}
                tabIndex={p.id === current?.id ? 0 : -1}
                onClick={() => select(p.id)}
                data-nav={p.id}
              >
                <span className="nav-title">{p.title}</span>
                <span className="nav-hint">{p.hint}</span>
                {i < 9 && (
                  <kbd className="nav-key" aria-label={`Shortcut: G then ${i + 1}`} title={`Press G, then ${i + 1}`}>
                    G {i + 1}
                  </kbd>
                )}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content" ref={mainRef} tabIndex={-1}>
        <EngineErrorBanner />
        {/* Pages other than the first load as their own chunks: a moment's note while one arrives. */}
        <Suspense fallback={<p className="muted page-loading" role="status">Opening the page…</p>}>
          {current && <current.Component />}
        </Suspense>
      </main>
      <ReportDialog />
    </div>
  );
}
