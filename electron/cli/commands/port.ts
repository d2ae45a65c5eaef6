// `port-doctor port <number|name|range>`: what a port is for, who may bind it, its risk when
// exposed, and whether this computer listens on it now.
import type { PortEntry, PortsLookupResponse } from '../../../shared/channels/ports';
import { parsePortQuery } from '../../../shared/ports/query';
import { RISK_KIND_TEXT, bindRightsLines, categoryLine, entryTitle, gameText, holderText } from '../../../shared/ports/words';
import { defaultListenersDeps, listListeners } from '../../services/listeners/index';
import { inThreadCollector } from '../../services/listeners/linux/in-thread';
import { lookupReference } from '../../services/reference/lookup';
import { EXIT_FAILURE, EXIT_OK, UsageError, parseCommandArgs, printJson, type CliIo, type Command } from '../command';

function renderEntry(e: PortEntry, listeningChecked: boolean): string {
  const lines = [`${e.port}/${e.protocol}  ${entryTitle(e)}`];
  if (e.commonUse && e.iana) lines.push(`  IANA:          ${e.iana.name} — ${e.iana.description}`);
  else if (e.commonUse) lines.push('  IANA:          nothing registered');
  else if (e.iana) lines.push('  Named by:      IANA\'s registry');
  if (e.games.length > 0) lines.push(`  Games:         ${e.games.map(gameText).join('; ')}`);
  lines.push(`  Range:         ${categoryLine(e)}`);
  lines.push(`  Who may bind:  ${bindRightsLines(e.bindRights).map((l) => `${l.os}: ${l.text}`).join('; ')}`);
  if (e.risk) {
    lines.push(`  Risk:          ${RISK_KIND_TEXT[e.risk.kind]} (${e.risk.label}). ${e.risk.risk}`);
    lines.push(`  Fix:           ${e.risk.fix}`);
    lines.push(`  Sources:       ${e.risk.sources.map((s) => s.url).join('  ')}`);
  }
  if (listeningChecked) {
    lines.push(`  Listening now: ${e.listeningNow.length === 0 ? 'nothing on this computer' : e.listeningNow.map(holderText).join('; ')}`);
  }
  return lines.join('\n');
}

export function renderReference(a: PortsLookupResponse): string {
  const checked = a.listening.state === 'yes';
  const parts = a.entries.map((e) => renderEntry(e, checked));
  if (a.entries.length === 0) parts.push(a.kind === 'name' ? `No port is known by the name '${a.understood}'.` : `Nothing is known about ${a.understood}.`);
  if (a.quietCount > 0) parts.push(`${a.quietCount} other port/protocol pair${a.quietCount === 1 ? '' : 's'} in ${a.understood}: nothing registered, nothing listening.`);
  if (a.truncated) parts.push(`Only the first ${a.entries.length} matches are shown: use a longer name or a port number.`);
  if (a.listening.state === 'not-checked') parts.push(`Whether anything listens here was not checked: ${a.listening.reason}`);
  return `${parts.join('\n\n')}\n`;
}

export const portCommand: Command = {
  name: 'port',
  summary: 'Explain a port, range or name: what uses it, who may bind it, risk if exposed, listening now?',
  usage: 'port-doctor port <number|range|name>[/tcp|/udp] [--json]',
  help: [
    'Examples: port-doctor port 25565    port-doctor port 27015-27030/udp    port-doctor port rdp',
    'Names match IANA\'s registry, Port Doctor\'s list of games and home services, and known risky services.',
    'Exit code 0 when something is known about the port, 1 when nothing is.',
  ].join('\n'),
  async run(args: string[], io: CliIo): Promise<number> {
    // "-1" would otherwise read as an unknown flag; say what is wrong with it as a port instead.
    const negative = args.find((a) => /^-\d/.test(a));
    if (negative !== undefined) {
      const parsed = parsePortQuery(negative);
      throw new UsageError(parsed.ok ? `unexpected argument '${negative}'` : parsed.message);
    }
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } }, { min: 1, max: 1 });
    const text = positionals[0]!;
    const parsed = parsePortQuery(text);
    if (!parsed.ok) throw new UsageError(parsed.message);
    const answer = await lookupReference(text, { listListeners: () => listListeners({}, defaultListenersDeps(inThreadCollector(), io.signal)) });
    if (values.json) printJson(io, answer);
    else io.out(renderReference(answer));
    return answer.entries.length > 0 ? EXIT_OK : EXIT_FAILURE;
  },
};
