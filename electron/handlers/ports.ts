// ports:* handlers.
import type { Handler } from '../bridge/handler';
import { listListeners } from '../services/listeners/index';
import { lookupReference } from '../services/reference/lookup';
import { handlerListenersDeps } from './listeners';

export const portsLookup: Handler<'ports:lookup'> = (input, ctx) =>
  lookupReference(input.query, { listListeners: () => listListeners({}, handlerListenersDeps(ctx.signal)) });
