// The shape of a CLI subcommand, and argument parsing that turns caller mistakes into exit code 2.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AppError } from '../../shared/errors';
import type { TransportProtocol } from '../../shared/ports/iana';
import { parsePortAndProtocol } from '../../shared/ports/port-spec';

export interface CliIo {
  out(text: string): void;
  /** Bytes for stdout, in pieces each of whole UTF-8 (the `--json` listings, megabytes long). */
  outBytes(bytes: Uint8Array): void;
  err(text: string): void;
  /** True when stderr is a terminal: progress lines go there only then. */
  readonly stderrIsTTY: boolean;
  readonly env: NodeJS.ProcessEnv;
  /** Aborted on SIGINT/SIGTERM so long commands stop cleanly. */
  readonly signal: AbortSignal;
}

export interface Command {
  readonly name: string;
  /** One line shown in `port-doctor --help`. */
  readonly summary: string;
  /** e.g. `port-doctor who-has <port>[/tcp|/udp] [--json]` */
  readonly usage: string;
  /** Longer help for `port-doctor <name> --help`. */
  readonly help?: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/**
 * A command as the dispatcher first sees it: its name, with the code behind it loaded on demand,
 * so `port-doctor listeners` does not load (or compile) the probe engine, the web server or zod.
 */
export interface LazyCommand {
  readonly name: string;
  load(): Promise<Command>;
}

/** A mistake in how the command was called: printed with the usage line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
/** A setting the command needs (e.g. which companion to ask) was not given by flag or environment. */
export const EXIT_CONFIG = 3;

type Options = NonNullable<ParseArgsConfig['options']>;

/** Strict parseArgs: unknown flags, missing values and stray positionals become UsageErrors. */
export function parseCommandArgs<O extends Options>(
  args: string[],
  options: O,
  positionals: { min: number; max: number },
) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: positionals.max > 0 });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message.split('\n')[0] ?? e.message : String(e));
  }
  const n = parsed.positionals.length;
  if (n < positionals.min) throw new UsageError('missing argument');
  if (n > positionals.max) throw new UsageError(`unexpected argument '${parsed.positionals[positionals.max]}'`);
  return parsed;
}

/** Parses a decimal integer flag value within [min, max], or throws a UsageError naming the flag. */
export function intFlag(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number, got '${value}'`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

/**
 * A `<port>[/tcp|/udp]` argument, `fallback` when no protocol is written (TCP for checks, null =
 * both for who-has), or a UsageError in the shared parser's words (prefixed by `flag` when given).
 */
export function portArg<P extends TransportProtocol | null>(text: string, fallback: P, flag?: string): { port: number; protocol: TransportProtocol | P } {
  const r = parsePortAndProtocol(text);
  if (!r.ok) throw new UsageError(flag ? `${flag}: ${r.message}` : r.message);
  return { port: r.port, protocol: r.protocol ?? fallback };
}

/** JSON convention for `--json`: one document on stdout, errors as {"error":{code,message,detail}}. */
export function printJson(io: CliIo, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}

/** `--json` anywhere in the arguments: errors then go to stdout as a JSON document too. */
export function wantsJson(args: readonly string[]): boolean {
  return args.includes('--json');
}

export function printAppError(io: CliIo, e: AppError, json: boolean, command?: string): void {
  if (json) printJson(io, { error: e.toData() });
  // Missing configuration is told as the instruction itself; the generic sentence adds nothing.
  else if (e.code === 'NOT_CONFIGURED' && e.detail) io.err(`port-doctor${command ? ` ${command}` : ''}: ${e.detail}\n`);
  else io.err(`port-doctor: ${e.message}\n`);
}

/** A usage mistake as a `--json` reader sees it: the closed code, the specific reason, the usage line. */
export function printUsageError(io: CliIo, e: UsageError, usage: string, json: boolean, command: string): void {
  if (json) printJson(io, { error: { ...new AppError('INVALID_INPUT', e.message).toData(), usage } });
  else io.err(`port-doctor ${command}: ${e.message}\nUsage: ${usage}\n`);
}
