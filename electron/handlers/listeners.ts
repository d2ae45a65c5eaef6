// listeners:* handlers. The Linux engine runs in a worker thread kept for the life of the process,
// so refresh and auto-refresh reuse what it learned and the main thread never scans /proc itself.
import type { Handler } from '../bridge/handler';
import { defaultListenersDeps, listListeners } from '../services/listeners/index';
import { createEngineHost, type EngineHost } from '../services/listeners/linux/engine-host';

let host: EngineHost | null = null;

export const listenersList: Handler<'listeners:list'> = (input, ctx) => {
  host ??= createEngineHost();
  return listListeners(input, defaultListenersDeps(host.collect, ctx.signal));
};
