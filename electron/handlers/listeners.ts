// listeners:* handlers.
import type { Handler } from '../bridge/handler';
import { defaultListenersDeps, listListeners } from '../services/listeners/index';

export const listenersList: Handler<'listeners:list'> = (input, ctx) => listListeners(input, defaultListenersDeps(ctx.signal));
