// `port-doctor reach <code>`: the friend's side of a friend code — send its nonce, show the host's acknowledgement.
import { reachSentence } from '../../../shared/render/vantage';
import { decodeFriendCode, reachCode } from '../../services/vantage/index';
import { EXIT_FAILURE, EXIT_OK, UsageError, parseCommandArgs, printJson, type CliIo, type Command } from '../command';

export const reachCommand: Command = {
  name: 'reach',
  summary: 'Test a friend\'s server with the friend code from their `port-doctor invite`',
  usage: 'port-doctor reach <code> [--json]',
  help: [
    '  --json   {"target","protocol","outcome","rttMs"}; outcome: acknowledged | connected | answered-wrong | refused | no-answer',
    '',
    'Sends the code\'s secret to the address and port in it (UDP or TCP, as the code says) and waits',
    'for the acknowledgement only your friend\'s running test can send. Your friend sees your arrival.',
    'Exit code 0 when acknowledged.',
  ].join('\n'),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } }, { min: 1, max: 1 });
    const code = positionals[0]!;
    try {
      decodeFriendCode(code);
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message : String(e));
    }
    const r = await reachCode(code, { signal: io.signal });
    if (values.json) printJson(io, r);
    else io.out(`${reachSentence(r)}\n`);
    return r.outcome === 'acknowledged' ? EXIT_OK : EXIT_FAILURE;
  },
};
