// `port-doctor check <port>[/tcp|/udp] --companion URL`: can the internet reach this port, and is it really us?
import type { PortCheckOutcome } from '../../services/companion-client/index';
import { portCheckLines } from '../../../shared/render/port-check';
import { checkPort, companionUrl } from '../../services/companion-client/index';
import { EXIT_FAILURE, EXIT_OK, UsageError, parseCommandArgs, portArg, printJson, type CliIo, type Command } from '../command';

export function urlFlag(value: string | undefined, io: CliIo): URL {
  try {
    return companionUrl(value, io.env);
  } catch (e) {
    // A malformed URL is a usage mistake; a missing one (AppError NOT_CONFIGURED) passes through.
    if (e instanceof TypeError) throw new UsageError(`--companion: ${e.message}`);
    throw e;
  }
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'Ask a companion to connect back to a port from the internet, and prove it reached this computer',
  usage: 'port-doctor check <port>[/tcp|/udp] --companion URL [--json]',
  help: [
    '  --companion URL   the companion to ask (default: PD_COMPANION_URL; run your own: companion/README.md)',
    '  --json            {"publicAddress","protocol","port","state","reason","verified","verifiedBy"}',
    '                    verified: {"state":"yes"|"no","detail"} or {"state":"not-checked","why","reason"}',
    '',
    'When the port is free, a temporary listener answers the companion with a fresh code, so',
    '"open" comes with proof. When a program holds the port, the companion\'s connection is',
    'looked for in this computer\'s socket table. "not-checked" means this computer gave no way',
    'to tell (no socket-table reader on this OS), which is not the same as "no".',
    'Exit code 0 when open and verified is yes.',
  ].join('\n'),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, { companion: { type: 'string' }, json: { type: 'boolean' } }, { min: 1, max: 1 });
    const { port, protocol } = portArg(positionals[0]!, 'tcp');
    const r = await checkPort(urlFlag(values.companion, io), port, protocol, { signal: io.signal });
    if (values.json) {
      const { publicAddress, state, reason, verified, verifiedBy } = r;
      const doc: PortCheckOutcome = { publicAddress, protocol: r.protocol, port: r.port, state, reason, verified, verifiedBy };
      printJson(io, doc);
    } else io.out(`${portCheckLines(r).join('\n')}\n`);
    return r.state === 'open' && r.verified.state === 'yes' ? EXIT_OK : EXIT_FAILURE;
  },
};
