// `port-doctor network`: where this computer sits — LAN, router, NATs on the way out, public address.
import { networkReport } from '../../../shared/render/network';
import { parseStunServer, stunServers } from '../../services/companion-client/index';
import { gatherNetworkFacts } from '../../services/network/gather';
import { EXIT_OK, UsageError, parseCommandArgs, printJson, type CliIo, type Command } from '../command';
import { urlFlag } from './check';

export const networkCommand: Command = {
  name: 'network',
  summary: 'Show the network: interfaces, router, its internet side, NATs on the way out (double NAT, CGNAT), public address',
  usage: 'port-doctor network [--companion URL] [--stun HOST:PORT]… [--json]',
  help: [
    '  --companion URL     ask this companion for the public address (default: PD_COMPANION_URL when set)',
    '  --stun HOST:PORT    STUN servers for the public address and NAT mapping, up to 3 (default: the companion\'s,',
    '                      else PD_STUN_SERVERS, else public STUN servers)',
    '  --json              {"gateway":{"address",…},"routerWan":{"address","source",…},"publicAddress","public":{…},',
    '                      "nat":{"kind":"none|single|double|cgnat|unknown","evidence":[…]},"path":[…],"interfaces":[…],',
    '                      "neighbours":{"devices":[{"address","mac","macKind","vendor",…}]},"macVendors":{…},…}',
    '',
    'Sends one NAT-PMP "what is your external address" request to the default gateway (never a mapping),',
    'traces at most 4 hops toward the companion or STUN server, and asks the companion or STUN servers.',
    'Makers of network cards come from the IEEE registry (oui-data); a private (randomized) MAC names none.',
  ].join('\n'),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values } = parseCommandArgs(args, { companion: { type: 'string' }, stun: { type: 'string', multiple: true }, json: { type: 'boolean' } }, { min: 0, max: 0 });
    const companion = values.companion !== undefined || (io.env.PD_COMPANION_URL ?? '').trim() !== '' ? urlFlag(values.companion, io) : null;
    let stun;
    try {
      if (values.stun && values.stun.length > 3) throw new UsageError('at most 3 servers');
      stun = values.stun ? values.stun.map(parseStunServer) : companion ? undefined : stunServers(undefined, io.env);
    } catch (e) {
      throw new UsageError(`--stun: ${e instanceof Error ? e.message : String(e)}`);
    }
    const facts = await gatherNetworkFacts({
      companionUrl: companion,
      ...(stun ? { stunServers: stun } : {}),
      signal: io.signal,
      ...(io.stderrIsTTY && !values.json ? { onProgress: (step: string, state: string) => state === 'started' && io.err(`checking ${step}…\n`) } : {}),
    });
    if (values.json) printJson(io, facts);
    else io.out(networkReport(facts));
    return EXIT_OK;
  },
};
