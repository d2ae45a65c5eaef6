// "Which remote ends are connected to local TCP port P right now?" — one interface, one reader per
// OS (Linux /proc, macOS netstat, Windows netstat with PowerShell behind it), chosen by platform.
import { AppError } from '../../../shared/errors';
import { describeOutcome, runCommand, type CommandRequest, type CommandRunner } from '../os/command';
import { darwinConnectionTable } from './darwin/connections';
import { linuxConnectionTable } from './linux/connections';
import type { Platform } from './rows';
import { windowsConnectionTable } from './windows/connections';

/** One connection on the watched port, as the OS table shows it. */
export interface TcpConnection {
  /** Zone dropped, lower case; an IPv4 peer of a dual-stack socket may read `::ffff:a.b.c.d`. */
  remoteAddress: string;
  remotePort: number;
  localAddress: string;
}

export interface ConnectionTable {
  /** Where the rows come from: named in errors and in the README's per-OS table. */
  readonly source: 'procfs' | 'netstat' | 'powershell';
  /** Pause between two reads: a /proc read costs microseconds, a tool start milliseconds to seconds. */
  readonly pollMs: number;
  /**
   * Connections on local `port` that a remote end completed (established or closing, TIME_WAIT
   * included: a short visit leaves that behind for a while); never listeners, never half-open
   * handshakes. Rejects with AppError (COMMAND_FAILED, PERMISSION_DENIED, CANCELLED) or
   * ConnectionTableFormatError when the table cannot be read.
   */
  read(port: number, signal: AbortSignal): Promise<TcpConnection[]>;
}

/** The tool ran but printed something that is not its socket table. */
export class ConnectionTableFormatError extends Error {
  /** `subject`: what was read, when it is not simply the tool's output (a /proc file). */
  constructor(source: ConnectionTable['source'], detail: string, subject = `${source} output`) {
    super(`${subject} is not a socket table: ${detail}`);
    this.name = 'ConnectionTableFormatError';
  }
}

/** The first non-blank line, shortened, to show in an error what came instead of a table. */
export function firstLineOf(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
  return line === '' ? 'the output was empty' : `it began "${line.slice(0, 80)}"`;
}

/** Zone dropped (`fe80::1%en0` → `fe80::1`), lower case: the form every reader returns. */
export function bareAddress(address: string): string {
  const zone = address.indexOf('%');
  return (zone >= 0 ? address.slice(0, zone) : address).toLowerCase();
}

/** Runs a table tool; its stdout, or AppError when it is missing, fails, hangs or floods. */
export async function tableText(run: CommandRunner, request: CommandRequest): Promise<string> {
  const outcome = await run(request);
  switch (outcome.kind) {
    case 'exited':
      if (outcome.exitCode !== 0) throw new AppError('COMMAND_FAILED', describeOutcome(outcome, request.file));
      if (outcome.truncated) throw new AppError('COMMAND_FAILED', `${request.file} wrote more than a socket table can be`);
      return outcome.stdout;
    case 'timed-out':
      throw new AppError('TIMEOUT', describeOutcome(outcome, request.file));
    case 'not-installed':
    case 'failed':
      throw new AppError('COMMAND_FAILED', describeOutcome(outcome, request.file));
  }
}

export function currentPlatform(): Platform {
  const p = process.platform;
  return p === 'linux' || p === 'darwin' || p === 'win32' ? p : 'other';
}

/** The reader for this OS; null where none exists (the test then says it cannot watch). */
export function connectionTableFor(platform: Platform, run: CommandRunner = runCommand): ConnectionTable | null {
  switch (platform) {
    case 'linux':
      return linuxConnectionTable;
    case 'darwin':
      return darwinConnectionTable(run);
    case 'win32':
      return windowsConnectionTable(run);
    case 'other':
      return null;
  }
}
