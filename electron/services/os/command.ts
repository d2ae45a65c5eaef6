// The one way services run a system tool (nft, tracepath, route, PowerShell…): argv only (no
// shell), a deadline, an AbortSignal and an output cap. "Not installed" is an outcome of its own,
// because "this computer has no ufw" is a fact, while "ufw failed" is a problem to report.
import { spawn } from 'node:child_process';
import { AppError } from '../../../shared/errors';

/**
 * Most tools answer in well under a second; PowerShell starts in 1–3 s cold on a busy Windows
 * machine. Past 10 s a fact is better reported as unknown than waited for.
 */
export const DEFAULT_COMMAND_TIMEOUT_MS = 10_000;
/** Rulesets, routing tables and socket lists are kilobytes to a few MB; more means a runaway tool. */
export const DEFAULT_OUTPUT_CAP_BYTES = 16 * 1024 * 1024;
/** After SIGTERM on timeout or abort, a tool that ignores it gets SIGKILL this much later. */
const KILL_GRACE_MS = 500;

export interface CommandRequest {
  /** The program, found on PATH like execvp does. Never a shell line. */
  file: string;
  args: readonly string[];
  timeoutMs?: number;
  signal?: AbortSignal | undefined;
  /** Bytes kept per stream; past it the tool is stopped and the outcome says `truncated`. */
  outputCapBytes?: number;
  /** utf8 for most tools; latin1 for Windows OEM-codepage tools (netstat, route, tracert). */
  encoding?: 'utf8' | 'latin1';
  /** Extra environment, e.g. LC_ALL=C so Linux tools print the words their parsers expect. */
  env?: Readonly<Record<string, string>>;
}

export type CommandOutcome =
  /** The tool ran to its end (any exit code) or was stopped at the output cap. */
  | { kind: 'exited'; exitCode: number; stdout: string; stderr: string; truncated: boolean }
  /** No such program on this computer (ENOENT): a fact, not a failure. */
  | { kind: 'not-installed'; file: string }
  /** The tool was stopped at its deadline; output so far is kept (tracepath's hops, say). */
  | { kind: 'timed-out'; stdout: string; stderr: string; timeoutMs: number }
  /** The tool could not be started (EACCES…) or was killed by a signal it did not expect. */
  | { kind: 'failed'; reason: string };

export type CommandRunner = (request: CommandRequest) => Promise<CommandOutcome>;

/** Runs one tool. Rejects only with AppError CANCELLED when `signal` aborts; all else is an outcome. */
export const runCommand: CommandRunner = (request) => {
  const {
    file,
    args,
    timeoutMs = DEFAULT_COMMAND_TIMEOUT_MS,
    signal,
    outputCapBytes = DEFAULT_OUTPUT_CAP_BYTES,
    encoding = 'utf8',
    env,
  } = request;
  if (!file) throw new TypeError('runCommand needs a program name');
  if (!(timeoutMs > 0)) throw new RangeError(`timeoutMs must be positive, got ${timeoutMs}`);
  if (signal?.aborted) return Promise.reject(new AppError('CANCELLED', file));

  return new Promise<CommandOutcome>((resolve, reject) => {
    const child = spawn(file, [...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
      env: env ? { ...process.env, ...env } : process.env,
    });
    const out = new CappedBuffer(outputCapBytes);
    const err = new CappedBuffer(outputCapBytes);
    let stopReason: 'timeout' | 'abort' | 'cap' | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    let settled = false;

    const stop = (reason: 'timeout' | 'abort' | 'cap') => {
      if (stopReason) return;
      stopReason = reason;
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
      killTimer.unref();
    };
    const deadline = setTimeout(() => stop('timeout'), timeoutMs);
    deadline.unref();
    const onAbort = () => stop('abort');
    signal?.addEventListener('abort', onAbort, { once: true });

    const finish = (outcome: CommandOutcome | AppError) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if (killTimer) clearTimeout(killTimer);
      signal?.removeEventListener('abort', onAbort);
      if (outcome instanceof AppError) reject(outcome);
      else resolve(outcome);
    };

    child.stdout.on('data', (chunk: Buffer) => {
      if (!out.push(chunk)) stop('cap');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (!err.push(chunk)) stop('cap');
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return finish({ kind: 'not-installed', file });
      finish({ kind: 'failed', reason: `${file} could not be started (${error.code ?? error.message})` });
    });
    child.on('close', (code, killedBy) => {
      const stdout = out.text(encoding);
      const stderr = err.text(encoding);
      if (stopReason === 'abort') return finish(new AppError('CANCELLED', file));
      if (stopReason === 'timeout') return finish({ kind: 'timed-out', stdout, stderr, timeoutMs });
      if (stopReason === 'cap') return finish({ kind: 'exited', exitCode: code ?? -1, stdout, stderr, truncated: true });
      if (code === null) return finish({ kind: 'failed', reason: `${file} was killed by ${killedBy ?? 'a signal'}` });
      finish({ kind: 'exited', exitCode: code, stdout, stderr, truncated: false });
    });
  });
};

/** Describes a non-success outcome in one clause, for `reason` fields and error details. */
export function describeOutcome(outcome: CommandOutcome, file: string): string {
  switch (outcome.kind) {
    case 'exited':
      return outcome.exitCode === 0 ? `${file} ran` : `${file} exited with code ${outcome.exitCode}${firstLine(outcome.stderr)}`;
    case 'not-installed':
      return `${file} is not installed`;
    case 'timed-out':
      return `${file} did not finish within ${outcome.timeoutMs / 1000} s`;
    case 'failed':
      return outcome.reason;
  }
}

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '');
  return line ? `: ${line.trim().slice(0, 200)}` : '';
}

class CappedBuffer {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  constructor(private readonly cap: number) {}

  /** Keeps at most `cap` bytes; false once the cap is reached. */
  push(chunk: Buffer): boolean {
    const room = this.cap - this.size;
    if (room <= 0) return false;
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.chunks.push(kept);
    this.size += kept.length;
    return chunk.length <= room;
  }

  text(encoding: 'utf8' | 'latin1'): string {
    return Buffer.concat(this.chunks).toString(encoding);
  }
}
