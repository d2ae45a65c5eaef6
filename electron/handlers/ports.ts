// ports:* handlers.
import type { Handler } from '../bridge/handler';
import { defaultListenersDeps, listListeners } from '../services/listeners/index';
import { lookupReference } from '../services/reference/lookup';

export const portsLookup: Handler<'ports:lookup'> = (input, ctx) =>
  lookupReference(input.query, { listListeners: () => listListeners({}, defaultListenersDeps(ctx.signal)) });
