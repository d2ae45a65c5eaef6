// listeners:* handlers. The Linux engine runs in a worker thread kept for the life of the process,
// so refresh and auto-refresh reuse what it learned and the main thread never scans /proc itself.
import type { Handler } from '../bridge/handler';
import { defaultListenersDeps, listListeners, type ListenersDeps } from '../services/listeners/index';
import { createEngineHost, type EngineHost } from '../services/listeners/linux/engine-host';

let host: EngineHost | null = null;

/** The deps every handler that lists sockets uses: one warm engine per process, off this thread. */
export function handlerListenersDeps(signal: AbortSignal): ListenersDeps {
  host ??= createEngineHost();
  return defaultListenersDeps(host.collect, signal);
}

export const listenersList: Handler<'listeners:list'> = (input, ctx) => listListeners(input, handlerListenersDeps(ctx.signal));
