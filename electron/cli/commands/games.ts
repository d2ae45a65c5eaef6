// `port-doctor games`: the game presets the diagnosis knows, with the ports friends need.
import { PRESETS, formatPresetPort, presetById, searchPresets, type Preset } from '../../../shared/presets/index';
import { EXIT_FAILURE, EXIT_OK, parseCommandArgs, printJson, type CliIo, type Command } from '../command';

function portsText(p: Preset): string {
  const needed = p.needed.map((r) => formatPresetPort(r)).join(', ');
  const optional = p.optional.map((r) => `${formatPresetPort(r)} (${r.label})`).join(', ');
  return optional ? `${needed}; optional ${optional}` : needed;
}

function detail(p: Preset): string {
  const lines = [`${p.name} (${p.id})`];
  for (const r of p.needed) lines.push(`  needed    ${formatPresetPort(r).padEnd(16)} ${r.label}`);
  for (const r of p.optional) lines.push(`  optional  ${formatPresetPort(r).padEnd(16)} ${r.label}`);
  if (p.processNames.length) lines.push(`  programs  ${p.processNames.join(', ')}`);
  for (const r of p.relayModes) lines.push(`  relay     ${r.name}: ${r.howFriendsJoin}`);
  for (const w of p.warnings) lines.push(`  ⚠         ${w}`);
  for (const s of p.sources) lines.push(`  source    ${s}`);
  return `${lines.join('\n')}\n`;
}

export const gamesCommand: Command = {
  name: 'games',
  summary: 'List the game presets and the ports friends need for each',
  usage: 'port-doctor games [search words | ID] [--json]',
  help: [
    '  ID or words   show one game in full, or the games whose name matches (e.g. "cs2", "ark")',
    '  --json        the presets as data: [{id,name,aliases,needed,optional,processNames,relayModes,warnings,confirm,sources}]',
    '',
    '  Use an ID with `port-doctor diagnose --game ID`. ⚠ marks ports where public guides disagree.',
  ].join('\n'),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } }, { min: 0, max: 8 });
    const query = positionals.join(' ');
    const exact = presetById(query.trim().toLowerCase());
    const found = exact ? [exact] : query.trim() === '' ? [...PRESETS] : searchPresets(query);
    if (values.json) {
      printJson(io, found);
      return found.length > 0 ? EXIT_OK : EXIT_FAILURE;
    }
    if (found.length === 0) {
      io.err(`port-doctor: no game matches '${query}'; \`port-doctor games\` lists them all, or use --port with diagnose\n`);
      return EXIT_FAILURE;
    }
    if (found.length === 1 && found[0]) {
      io.out(detail(found[0]));
      return EXIT_OK;
    }
    const width = Math.max(...found.map((p) => p.id.length));
    for (const p of found) {
      const mark = p.warnings.length > 0 ? ' ⚠' : '';
      io.out(`${p.id.padEnd(width)}  ${p.name}: ${p.id === 'custom' ? 'the ports you type (--port)' : portsText(p)}${mark}\n`);
    }
    return EXIT_OK;
  },
};
