// audit:* handlers.
import type { Handler } from '../bridge/handler';
import { runAudit } from '../services/audit/run';
import { oneReading } from '../services/firewall/snapshot';
import { listListeners } from '../services/listeners/index';
import { handlerListenersDeps } from './listeners';

export const auditRun: Handler<'audit:run'> = (_input, ctx) =>
  runAudit({
    listListeners: () => listListeners({}, handlerListenersDeps(ctx.signal)),
    // One ruleset reading answers every port of this audit.
    readFirewall: oneReading({ signal: ctx.signal }),
  });
