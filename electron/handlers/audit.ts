// audit:* handlers.
import type { Handler } from '../bridge/handler';
import { runAudit } from '../services/audit/run';
import { readHostFirewall } from '../services/firewall/index';
import { listListeners } from '../services/listeners/index';
import { handlerListenersDeps } from './listeners';

export const auditRun: Handler<'audit:run'> = (_input, ctx) =>
  runAudit({
    listListeners: () => listListeners({}, handlerListenersDeps(ctx.signal)),
    readFirewall: (port, protocol) => readHostFirewall({ port, protocol, signal: ctx.signal }),
  });
