// `port-doctor firewall <port>[/tcp|/udp]`: does this computer's own firewall let the port in, and which rule decides.
import { FIREWALL_SOURCE_NAMES, firewallHeadline, readerSentence } from '../../../shared/render/firewall';
import { readHostFirewall } from '../../services/firewall/index';
import { defaultRouteInterface } from '../../services/network/default-interface';
import { EXIT_FAILURE, EXIT_OK, UsageError, parseCommandArgs, portArg, printJson, type CliIo, type Command } from '../command';

export const firewallCommand: Command = {
  name: 'firewall',
  summary: 'Does this computer\'s firewall let a port in? The verdict and the rules that decide it',
  usage: 'port-doctor firewall <port>[/tcp|/udp] [--program PATH] [--json]',
  help: [
    '  <port>[/tcp|/udp]   the port a server listens on (tcp when no protocol is given)',
    '  --program PATH      the server program (Windows and macOS allow or block programs; Linux filters by port)',
    '  --json              {"port","protocol","program","verdict":"allows|blocks|unknown","rules":[…],"needsElevation","readers":[…],"caveats":[…]}',
    '',
    'Exit code 0 when the firewall lets the port in, 1 when it blocks it or the answer is unknown.',
  ].join('\n'),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, { program: { type: 'string' }, json: { type: 'boolean' } }, { min: 1, max: 1 });
    const { port, protocol } = portArg(positionals[0]!, 'tcp');
    if (values.program !== undefined && values.program.trim() === '') throw new UsageError('--program needs a path');
    const answer = await readHostFirewall({ port, protocol, program: values.program ?? null, interfaceName: await defaultRouteInterface(), signal: io.signal });
    if (values.json) printJson(io, answer);
    else {
      io.out(`${firewallHeadline(answer)}\n`);
      if (answer.rules.length > 0) {
        io.out('\nDecided by:\n');
        for (const r of answer.rules) io.out(`  ${FIREWALL_SOURCE_NAMES[r.source]} — ${r.location}\n    ${r.text}\n`);
      }
      if (answer.caveats.length > 0) io.out(`\n${answer.caveats.map((c) => `  • ${c}`).join('\n')}\n`);
      io.out(`\nRead: ${answer.readers.map(readerSentence).join(' ')}\n`);
    }
    return answer.verdict === 'allows' ? EXIT_OK : EXIT_FAILURE;
  },
};
