// The engine both transports serve: the handler table behind one dispatcher.
import { createDispatcher } from './bridge/dispatch';
import { createHandlerTable } from './handlers/index';

export function createEngine(log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)) {
  return createDispatcher(createHandlerTable(), {
    error: (message, meta) => log(`${message} ${meta ? JSON.stringify(meta) : ''}`.trim()),
  });
}
