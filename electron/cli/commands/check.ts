// `port-doctor check <port>[/tcp|/udp] --companion URL`: can the internet reach this port, and is it really us?
import type { PortCheckDetail } from '../../services/companion-client/index';
import { checkPort, companionUrl } from '../../services/companion-client/index';
import { EXIT_FAILURE, EXIT_OK, UsageError, parseCommandArgs, printJson, type CliIo, type Command } from '../command';

export function parseCheckSpec(spec: string): { port: number; protocol: 'tcp' | 'udp' } {
  const m = /^(\d{1,5})(?:\/(tcp|udp))?$/i.exec(spec);
  const port = m ? Number(m[1]) : NaN;
  if (!m || port < 1 || port > 65535) throw new UsageError(`expected <port>[/tcp|/udp] with a port from 1 to 65535, got '${spec}'`);
  return { port, protocol: (m[2]?.toLowerCase() as 'tcp' | 'udp' | undefined) ?? 'tcp' };
}

export function urlFlag(value: string | undefined, io: CliIo): URL {
  try {
    return companionUrl(value, io.env);
  } catch (e) {
    // A malformed URL is a usage mistake; a missing one (AppError NOT_CONFIGURED) passes through.
    if (e instanceof TypeError) throw new UsageError(`--companion: ${e.message}`);
    throw e;
  }
}

const VERIFIED_TEXT: Record<NonNullable<PortCheckDetail['verifiedBy']>, string> = {
  nonce: 'Port Doctor\'s own listener answered the companion with a fresh code',
  'socket-table': 'the companion\'s connection showed up in this computer\'s socket table',
  protocol: 'the service that answered the companion is the one running here',
};

function render(r: PortCheckDetail): string {
  const lines = [`${r.publicAddress} port ${r.port}/${r.protocol}: ${r.state} (${r.reason}${r.rttMs !== null ? `, ${r.rttMs} ms` : ''})`];
  if (r.verifiedBy) lines.push(`Verified: ${VERIFIED_TEXT[r.verifiedBy]}.`);
  else if (r.state === 'open') lines.push('NOT verified: something answered, but Port Doctor could not prove it is this computer (check the port forward\'s LAN IP).');
  if (r.mode === 'port-held') lines.push(`Port ${r.port}/${r.protocol} is held by a program on this computer; it was tested as it runs.`);
  if (r.mode === 'listener-denied') lines.push(`Port ${r.port} needs more rights to open a test listener; tested without one.`);
  return `${lines.join('\n')}\n`;
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'Ask a companion to connect back to a port from the internet, and prove it reached this computer',
  usage: 'port-doctor check <port>[/tcp|/udp] --companion URL [--json]',
  help: [
    '  --companion URL   the companion to ask (default: PD_COMPANION_URL; run your own: companion/README.md)',
    '  --json            {"publicAddress","protocol","port","state","reason","verified","verifiedBy"}',
    '',
    'When the port is free, a temporary listener answers the companion with a fresh code, so',
    '"open" comes with proof. When a program holds the port, the companion\'s connection is',
    'looked for in this computer\'s socket table. Exit code 0 when open and verified.',
  ].join('\n'),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, { companion: { type: 'string' }, json: { type: 'boolean' } }, { min: 1, max: 1 });
    const { port, protocol } = parseCheckSpec(positionals[0]!);
    const r = await checkPort(urlFlag(values.companion, io), port, protocol, { signal: io.signal });
    if (values.json) {
      const { publicAddress, state, reason, verified, verifiedBy } = r;
      printJson(io, { publicAddress, protocol: r.protocol, port: r.port, state, reason, verified, verifiedBy });
    } else io.out(render(r));
    return r.state === 'open' && r.verified ? EXIT_OK : EXIT_FAILURE;
  },
};
