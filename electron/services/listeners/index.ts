// The listeners service: picks the adapter for this OS, applies filters, returns rows in one order.
import type { ListenersListRequest, ListenersListResponse } from '../../../shared/channels/listeners';
import { AppError } from '../../../shared/errors';
import type { LinuxCollector } from './linux/engine-host';
import { compareRows, type Platform } from './rows';
import { runCommand, type CommandRunner } from './run-command';

export interface ListenersDeps {
  platform: Platform;
  /** Root on Unix; unknown (false) on Windows. */
  elevated: boolean;
  /**
   * The Linux engine: in a worker thread where a UI thread must stay free (the app, `serve`), in
   * this thread for a one-shot CLI run (no thread to start); warm in both when kept.
   */
  linux: LinuxCollector;
  run: CommandRunner;
  now: () => Date;
  signal?: AbortSignal | undefined;
}

export function defaultListenersDeps(linux: LinuxCollector, signal?: AbortSignal): ListenersDeps {
  const p = process.platform;
  return {
    platform: p === 'linux' || p === 'darwin' || p === 'win32' ? p : 'other',
    elevated: typeof process.getuid === 'function' && process.getuid() === 0,
    linux,
    run: runCommand,
    now: () => new Date(),
    signal,
  };
}

export async function listListeners(request: ListenersListRequest, deps: ListenersDeps): Promise<ListenersListResponse> {
  const collectedAt = deps.now().toISOString();
  const filter = { protocol: request.protocol, port: request.port };
  let result: Pick<ListenersListResponse, 'listeners' | 'source'>;
  switch (deps.platform) {
    case 'linux':
      result = { listeners: await deps.linux(filter, deps.signal), source: 'procfs' };
      break;
    case 'darwin':
      // Loaded on demand: the Linux CLI path must not pay for these (and zod) at startup.
      result = await (await import('./darwin/collect')).collectDarwin(filter, deps.run, deps.signal);
      break;
    case 'win32':
      result = await (await import('./windows/collect')).collectWindows(filter, deps.run, deps.signal);
      break;
    case 'other':
      throw new AppError('NOT_SUPPORTED', 'listing sockets needs Linux, macOS or Windows');
  }
  result.listeners.sort(compareRows);
  return { listeners: result.listeners, source: result.source, elevated: deps.elevated, collectedAt };
}
