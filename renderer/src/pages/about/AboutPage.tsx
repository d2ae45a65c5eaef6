// About: what is running and what it is allowed to see, straight from app:info.
import { useEffect } from 'react';
import { useStore } from '../../store';
import { ErrorBanner } from '../../components/ErrorBanner';

const PLATFORM_NAMES = { linux: 'Linux', darwin: 'macOS', win32: 'Windows', other: 'Other' } as const;

export function AboutPage() {
  const info = useStore((s) => s.appInfo);
  const error = useStore((s) => s.appInfoError);
  const loading = useStore((s) => s.appInfoLoading);
  const requested = useStore((s) => s.appInfoRequested);

  useEffect(() => {
    if (!info && !loading && !error) void requested();
  }, [info, loading, error, requested]);

  return (
    <section className="page" aria-labelledby="about-title" data-page="about">
      <header className="page-header">
        <h1 id="about-title">About Port Doctor</h1>
        <p className="lede" data-testid="about-lede">Shows what is listening on this computer and who can reach it, checks ports, and explains what it finds. It never changes your router or firewall.</p>
      </header>
      {error && <ErrorBanner error={error} onRetry={() => void requested()} />}
      {loading && !info && <p role="status">Asking the engine…</p>}
      {info && (
        <dl className="facts" data-testid="about-facts">
          <dt>Version</dt>
          <dd data-testid="about-version">{info.version}</dd>
          <dt>Computer</dt>
          <dd>{info.hostname}</dd>
          <dt>Platform</dt>
          <dd data-testid="about-platform">
            {PLATFORM_NAMES[info.platform]} ({info.arch})
          </dd>
          <dt>Engine</dt>
          <dd>
            Node {info.runtime.node}
            {info.runtime.electron ? ` · Electron ${info.runtime.electron} · Chromium ${info.runtime.chrome}` : ''}
          </dd>
          <dt>Connected through</dt>
          <dd data-testid="about-transport">
            {info.transport === 'electron-ipc' ? 'the desktop app' : 'the local web server (port-doctor serve)'}
          </dd>
          <dt>Other users' programs</dt>
          <dd data-testid="about-capability">
            {info.capabilities.canReadOtherUsersProcesses
              ? 'Visible: running with administrator rights, so programs of every user can be named. Sockets that no process here owns (kernel sockets, other containers) still show as unknown.'
              : 'Hidden: programs of other users show as “unknown owner”. Run elevated to name them.'}
          </dd>
          <dt>Engine started</dt>
          <dd>{new Date(info.startedAt).toLocaleString()}</dd>
        </dl>
      )}
    </section>
  );
}
