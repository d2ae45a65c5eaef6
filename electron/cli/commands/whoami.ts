// `port-doctor whoami --companion URL`: this computer's public address, and NAT mapping via STUN.
import { parseStunServer, whoami } from '../../services/companion-client/index';
import { EXIT_OK, UsageError, parseCommandArgs, printJson, type CliIo, type Command } from '../command';
import { urlFlag } from './check';

export const whoamiCommand: Command = {
  name: 'whoami',
  summary: 'Show this computer\'s public address as a companion sees it, and the NAT type',
  usage: 'port-doctor whoami --companion URL [--stun HOST:PORT]… [--no-nat] [--json]',
  help: [
    '  --companion URL     the companion to ask (default: PD_COMPANION_URL; run your own: companion/README.md)',
    '  --stun HOST:PORT    STUN servers for the NAT test, up to 3 (default: the STUN ports the companion announces)',
    '  --no-nat            skip the NAT mapping test',
    '  --json              {"publicAddress","port","family","companionVersion","nat":{…}|null}',
  ].join('\n'),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values } = parseCommandArgs(
      args,
      { companion: { type: 'string' }, stun: { type: 'string', multiple: true }, 'no-nat': { type: 'boolean' }, json: { type: 'boolean' } },
      { min: 0, max: 0 },
    );
    const url = urlFlag(values.companion, io);
    let stun;
    try {
      stun = values['no-nat'] ? undefined : values.stun ? values.stun.slice(0, 3).map(parseStunServer) : ('companion' as const);
    } catch (e) {
      throw new UsageError(`--stun: ${e instanceof Error ? e.message : String(e)}`);
    }
    const r = await whoami(url, { stun, signal: io.signal });
    if (values.json) printJson(io, r);
    else {
      io.out(`Public address: ${r.publicAddress} (source port ${r.port}, companion ${r.companionVersion})\n`);
      if (r.nat) {
        const words = { easy: 'easy (the same public port towards everyone: peers can reach you more easily)', hard: 'hard (a new public port per destination: peer-to-peer often fails)', unknown: 'unknown (fewer than two STUN answers)' };
        io.out(`NAT mapping: ${words[r.nat.mapping]}\n`);
      }
    }
    return EXIT_OK;
  },
};
