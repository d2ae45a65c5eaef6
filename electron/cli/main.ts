// `port-doctor` entry: global flags, subcommand dispatch, exit codes (0 ok, 1 failure, 2 usage).
import { AppError } from '../../shared/errors';
import { APP_VERSION } from '../version';
import { EXIT_CONFIG, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError, printAppError, printJson, printUsageError, wantsJson, type CliIo, type Command, type LazyCommand } from './command';
import { COMMANDS } from './commands/index';

const loaded = (c: Command | LazyCommand): Promise<Command> => ('load' in c ? c.load() : Promise.resolve(c));

export function usageText(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `Port Doctor ${APP_VERSION} — why can't anyone reach this port?`,
    '',
    'Usage: port-doctor <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Global options:',
    '  --help, -h     show help (also: port-doctor <command> --help)',
    '  --version, -v  print the version',
    '  --json         machine-readable output on stdout (every command that reports)',
    '',
    'Exit codes: 0 success, 1 the check ran and failed or could not run, 2 bad arguments,',
    '            3 missing configuration (e.g. no companion: --companion URL or PD_COMPANION_URL).',
    'With --json, errors are a JSON document on stdout too: {"error":{"code","message","detail"}}.',
    '',
  ].join('\n');
}

export async function runCli(argv: string[], io: CliIo, commands: ReadonlyArray<Command | LazyCommand> = COMMANDS): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.out(usageText(await Promise.all(commands.map(loaded))));
    return first === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (first === '--version' || first === '-v') {
    io.out(`${APP_VERSION}\n`);
    return EXIT_OK;
  }
  const entry = commands.find((c) => c.name === first);
  const json = wantsJson(rest);
  if (!entry) {
    if (json) printJson(io, { error: { ...new AppError('INVALID_INPUT', `unknown command '${first}'`).toData(), usage: 'port-doctor <command> [options]' } });
    else io.err(`port-doctor: unknown command '${first}'\nUsage: port-doctor <command> [options] (see port-doctor --help)\n`);
    return EXIT_USAGE;
  }
  const command = await loaded(entry);
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`Usage: ${command.usage}\n\n${command.summary}\n${command.help ? `\n${command.help}\n` : ''}`);
    return EXIT_OK;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      printUsageError(io, e, command.usage, json, command.name);
      return EXIT_USAGE;
    }
    if (e instanceof AppError) {
      printAppError(io, e, json, command.name);
      return e.code === 'NOT_CONFIGURED' ? EXIT_CONFIG : EXIT_FAILURE;
    }
    if (json) printJson(io, { error: new AppError('INTERNAL', command.name).toData() });
    io.err(`port-doctor ${command.name}: unexpected error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    return EXIT_FAILURE;
  }
}
