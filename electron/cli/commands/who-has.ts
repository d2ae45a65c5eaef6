// `port-doctor who-has <port>[/tcp|/udp]`: the answer to "address already in use".
import type { ListenerProtocol } from '../../../shared/channels/listeners';
import { PORT_ZERO_MEANING } from '../../../shared/ports/index';
import { EXIT_FAILURE, EXIT_OK, UsageError, parseCommandArgs, type CliIo, type Command } from '../command';
import { fetchListeners, renderTable } from './listeners';
import { writeListenersJson } from './listeners-json';

export function parsePortSpec(spec: string): { port: number; protocol: ListenerProtocol | undefined } {
  const m = /^(\d{1,5})(?:\/(tcp|udp))?$/i.exec(spec);
  const port = m ? Number(m[1]) : NaN;
  if (!m || port > 65535) throw new UsageError(`expected <port>[/tcp|/udp] with a port from 1 to 65535, got '${spec}'`);
  if (port === 0) throw new UsageError(PORT_ZERO_MEANING);
  return { port, protocol: m[2] ? (m[2].toLowerCase() as ListenerProtocol) : undefined };
}

export const whoHasCommand: Command = {
  name: 'who-has',
  summary: 'Show which program holds a port (the "address already in use" answer)',
  usage: 'port-doctor who-has <port>[/tcp|/udp] [--json]',
  help: 'Exit code 0 when some program holds the port, 1 when nothing does.',
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } }, { min: 1, max: 1 });
    const { port, protocol } = parsePortSpec(positionals[0]!);
    const { listeners, elevated } = await fetchListeners(io, protocol, port);
    if (values.json) writeListenersJson(listeners, (t) => io.out(t));
    else if (listeners.length === 0) io.out(`Nothing is listening on port ${port}${protocol ? `/${protocol}` : ' (tcp or udp)'}.\n`);
    else io.out(renderTable(listeners, elevated));
    return listeners.length > 0 ? EXIT_OK : EXIT_FAILURE;
  },
};
