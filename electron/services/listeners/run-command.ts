// The thin command runner the macOS and Windows adapters use; Node errors become AppErrors here.
import { AppError } from '../../../shared/errors';

/**
 * lsof and PowerShell can take several seconds on a busy machine (PowerShell alone starts in
 * 1–3 s cold); past this the user is better served by an error than by a frozen list.
 */
export const COMMAND_TIMEOUT_MS = 20_000;
/** A socket table is a few MB at most; more means the tool is misbehaving. */
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

export interface CommandResult {
  stdout: string;
  exitCode: number;
}

export interface RunOptions {
  signal?: AbortSignal | undefined;
  /** utf8 for lsof and PowerShell (told to write UTF-8); latin1 for OEM-codepage tools (netstat). */
  encoding: 'utf8' | 'latin1';
}

export type CommandRunner = (file: string, args: readonly string[], options: RunOptions) => Promise<CommandResult>;

/**
 * node:child_process is loaded on first use: on Linux no command runs, and loading it (with net,
 * dgram and the stream classes it pulls in) is a few ms of every `port-doctor listeners` start.
 */
export const runCommand: CommandRunner = async (file, args, { signal, encoding }) => {
  const { execFile } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    execFile(
      file,
      [...args],
      { encoding, timeout: COMMAND_TIMEOUT_MS, maxBuffer: MAX_OUTPUT_BYTES, windowsHide: true, signal },
      (error, stdout) => {
        if (!error) return resolve({ stdout, exitCode: 0 });
        const code = (error as NodeJS.ErrnoException).code;
        if (signal?.aborted) return reject(new AppError('CANCELLED', file, { cause: error }));
        if (error.killed) return reject(new AppError('TIMEOUT', `${file} ran longer than ${COMMAND_TIMEOUT_MS / 1000} s`, { cause: error }));
        if (typeof code === 'number') return resolve({ stdout, exitCode: code });
        if (code === 'ENOENT') return reject(new AppError('COMMAND_FAILED', `${file} was not found`, { cause: error }));
        if (code === 'EACCES') return reject(new AppError('PERMISSION_DENIED', `${file} may not be run`, { cause: error }));
        reject(new AppError('COMMAND_FAILED', `${file}: ${error.message}`, { cause: error }));
      },
    );
  });
};
