// The engine both transports serve: the handler table behind one dispatcher.
import { createDispatcher } from './bridge/dispatch';
import { createHandlerTable } from './handlers/index';
import type { DesktopNotify } from './handlers/alerts';
import type { DesktopReportSeams } from './handlers/report';

export function createEngine(
  log: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
  desktop: DesktopReportSeams | null = null,
  notify: DesktopNotify | null = null,
) {
  return createDispatcher(createHandlerTable(desktop, notify), {
    error: (message, meta) => log(`${message} ${meta ? JSON.stringify(meta) : ''}`.trim()),
  });
}
