// `port-doctor invite <port>[/tcp|/udp]`: listen for a test from outside (a phone or a friend) and report each arrival.
import { renderUnicodeCompact } from 'uqr';
import type { Arrival, InviteReady } from '../../../shared/channels/vantage';
import { INVITE_DEFAULT_SECONDS, INVITE_MAX_SECONDS, INVITE_MIN_SECONDS } from '../../../shared/channels/vantage';
import { NOTE_SENTENCES, PATH_MEANING, arrivalSentence, endSentence } from '../../../shared/render/vantage';
import { companionStunServers, parseStunServer, stunServers } from '../../services/companion-client/index';
import type { StunServer } from '../../services/companion-client/stun-client';
import { runInvite } from '../../services/vantage/index';
import { EXIT_FAILURE, EXIT_OK, UsageError, intFlag, parseCommandArgs, portArg, type CliIo, type Command } from '../command';
import { urlFlag } from './check';

function stunFlag(values: { stun?: string[] | undefined; companion?: string | undefined }, io: CliIo): StunServer[] {
  try {
    if (values.stun) return values.stun.slice(0, 3).map(parseStunServer);
    if (values.companion) return companionStunServers(urlFlag(values.companion, io), undefined);
    return stunServers(undefined, io.env);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--stun: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function readyText(r: InviteReady, qr: boolean): string {
  const lines = [`Test from outside: port ${r.port}/${r.protocol}, until ${r.expiresAt.slice(11, 19)} UTC.`];
  if (r.mode === 'port-held') lines.push(`A program on this computer holds port ${r.port}/${r.protocol}.`);
  const main = r.public ?? r.lan;
  if (qr && main) lines.push('', renderUnicodeCompact(main, { border: 2 }));
  if (r.lan) lines.push(`On the same Wi-Fi (tests this computer's firewall):   ${r.lan}`);
  if (r.public) lines.push(`On mobile data or a friend (tests router and ISP):    ${r.public}`);
  if (r.code) lines.push(`Friend code (a friend runs: port-doctor reach <code>): ${r.code}`);
  for (const n of r.notes) lines.push(NOTE_SENTENCES[n]);
  if (r.publicAddressError) lines.push(`(${r.publicAddressError})`);
  if (r.watchError) lines.push(`(${r.watchError})`);
  lines.push('', 'Waiting for arrivals… (Ctrl-C to stop)');
  return `${lines.join('\n')}\n`;
}

export const inviteCommand: Command = {
  name: 'invite',
  summary: 'Listen on a port for a test from a phone or a friend, with links, a QR code and a friend code',
  usage: 'port-doctor invite <port>[/tcp|/udp] [--timeout s] [--stun HOST:PORT]… [--companion URL] [--count n] [--json]',
  help: [
    `  --timeout s        how long the test listens (default ${INVITE_DEFAULT_SECONDS}, ${INVITE_MIN_SECONDS}–${INVITE_MAX_SECONDS})`,
    '  --stun HOST:PORT   STUN servers for the public address, up to 3 (default: PD_STUN_SERVERS, else public servers)',
    '  --companion URL    use the companion\'s STUN ports for the public address',
    '  --count n          stop after n arrivals (default 1)',
    '  --json             NDJSON: {"event":"ready","lan","public","code",…}, then {"event":"arrival","from","path",…}',
    '                     per arrival, then {"event":"end","endedBy",…}',
    '',
    'While the port is free, Port Doctor answers on it: TCP with one small page on a secret link, UDP',
    'only to a friend\'s `port-doctor reach <code>`. Open the LAN link on a phone on the same Wi-Fi to',
    'test this computer\'s firewall; the public link on mobile data (or send it to a friend) to test the',
    'router and the ISP. When a program already holds a TCP port, new connections to it are watched.',
    'Exit code 0 after the first arrival (or --count), 1 when the time is up.',
  ].join('\n'),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(
      args,
      { timeout: { type: 'string' }, stun: { type: 'string', multiple: true }, companion: { type: 'string' }, count: { type: 'string' }, json: { type: 'boolean' } },
      { min: 1, max: 1 },
    );
    const { port, protocol } = portArg(positionals[0]!, 'tcp');
    const timeout = intFlag('timeout', values.timeout, INVITE_MIN_SECONDS, INVITE_MAX_SECONDS) ?? INVITE_DEFAULT_SECONDS;
    const count = intFlag('count', values.count, 1, 1000) ?? 1;
    const stun = stunFlag(values, io);
    const json = values.json === true;
    const line = (o: object) => io.out(`${JSON.stringify(o)}\n`);
    const out = await runInvite({
      testId: 'cli',
      port,
      protocol,
      timeoutMs: timeout * 1000,
      count,
      stun,
      signal: io.signal,
      onReady: (r) => {
        if (json) {
          const { testId: _t, ...rest } = r;
          line({ event: 'ready', ...rest });
        } else io.out(readyText(r, true));
      },
      onArrival: (a: Arrival) => {
        if (json) line({ event: 'arrival', ...a });
        else io.out(`${arrivalSentence(a)}\n  ${PATH_MEANING[a.path]}\n`);
      },
    });
    if (json) line({ event: 'end', endedBy: out.endedBy, arrivals: out.arrivals.length, watchError: out.watchError });
    else io.out(`${endSentence(out)}\n`);
    return out.endedBy === 'count' ? EXIT_OK : EXIT_FAILURE;
  },
};
