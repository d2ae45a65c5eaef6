// `port-doctor who-has <port>[/tcp|/udp]`: the answer to "address already in use".
import { EXIT_FAILURE, EXIT_OK, parseCommandArgs, portArg, type CliIo, type Command } from '../command';
import { fetchListeners, renderTable } from './listeners';
import { writeListenersJson } from './listeners-json';

export const whoHasCommand: Command = {
  name: 'who-has',
  summary: 'Show which program holds a port (the "address already in use" answer)',
  usage: 'port-doctor who-has <port>[/tcp|/udp] [--json]',
  help: 'Exit code 0 when some program holds the port, 1 when nothing does.',
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } }, { min: 1, max: 1 });
    const { port, protocol } = portArg(positionals[0]!, null);
    const { listeners, elevated } = await fetchListeners(io, protocol ?? undefined, port);
    if (values.json) writeListenersJson(listeners, (b) => io.outBytes(b));
    else if (listeners.length === 0) io.out(`Nothing is listening on port ${port}${protocol ? `/${protocol}` : ' (tcp or udp)'}.\n`);
    else io.out(renderTable(listeners, elevated));
    return listeners.length > 0 ? EXIT_OK : EXIT_FAILURE;
  },
};
