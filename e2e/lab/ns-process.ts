// Commands and long-running children inside (or for) lab namespaces: run to completion, or spawn and end by pid.
import { spawn as spawnChild, type ChildProcess } from 'node:child_process';
import { registry } from './ns-registry.js';

/** A child that ignores SIGTERM this long is killed outright; servers in the lab have nothing to flush. */
const STOP_GRACE_MS = 1_000;
/** `ip`/`nft`/`sysctl` finish in milliseconds; minutes would mean a wedged kernel call, not a slow one. */
const EXEC_TIMEOUT_MS = 30_000;
/** Output kept per child: enough for any readiness line and a failure's tail, bounded for chatty servers. */
const OUTPUT_CAP_CHARS = 256 * 1024;

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  /** Resolve with the non-zero code instead of rejecting. */
  allowFailure?: boolean;
  /** Written to the child's stdin, which is then closed. */
  input?: string;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Run a command in the root namespace (only `ip netns …` management goes through here). */
export function run(argv: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
  const [cmd, ...args] = argv;
  if (cmd === undefined) throw new TypeError('run: empty argv');
  return new Promise((resolve, reject) => {
    const child = spawnChild(cmd, args, { env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? EXEC_TIMEOUT_MS);
    timer.unref();
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`${argv.join(' ')}: ${err.message}`, { cause: err }));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const result = { code: code ?? (signal ? 128 : 1), stdout, stderr };
      if (result.code !== 0 && !opts.allowFailure) {
        reject(new Error(`\`${argv.join(' ')}\` exited ${code ?? signal}: ${stderr.trim() || stdout.trim()}`));
      } else resolve(result);
    });
    child.stdin.on('error', () => undefined); // a command that exits without reading stdin is not our failure
    child.stdin.end(opts.input ?? '');
  });
}
export class NsProcess {
  readonly pid: number;
  readonly argv: readonly string[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private out = '';
  private err = '';
  private done = false;
  private readonly lineWaiters = new Set<() => void>();

  constructor(
    private readonly child: ChildProcess,
    argv: readonly string[],
    /** The namespace it runs in. */
    readonly nsName: string,
  ) {
    if (child.pid === undefined) throw new Error(`could not start ${argv.join(' ')}`);
    this.pid = child.pid;
    this.argv = argv;
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      this.out = (this.out + d).slice(-OUTPUT_CAP_CHARS);
      for (const wake of this.lineWaiters) wake();
    });
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (this.err = (this.err + d).slice(-OUTPUT_CAP_CHARS)));
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        this.done = true;
        registry.processes.delete(this);
        for (const wake of this.lineWaiters) wake();
        resolve({ code, signal });
      });
    });
    registry.processes.add(this);
  }

  get stdout(): string {
    return this.out;
  }

  get stderr(): string {
    return this.err;
  }

  get running(): boolean {
    return !this.done;
  }

  /** Write to the child's stdin (for interactive stand-ins). */
  write(text: string): void {
    this.child.stdin?.write(text);
  }

  waitForLine(re: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        for (const line of this.out.split('\n')) {
          const m = line.match(re);
          if (m) {
            finish();
            resolve(m);
            return true;
          }
        }
        if (this.done) {
          finish();
          reject(new Error(`${this.argv.join(' ')} exited before printing ${re}; stderr: ${this.err.trim()}`));
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`no line matching ${re} from ${this.argv.join(' ')} within ${timeoutMs} ms; stdout: ${this.out.slice(-500)}; stderr: ${this.err.slice(-500)}`));
      }, timeoutMs);
      const wake = (): void => void check();
      const finish = (): void => {
        clearTimeout(timer);
        this.lineWaiters.delete(wake);
      };
      this.lineWaiters.add(wake);
      check();
    });
  }

  async stop(): Promise<void> {
    if (this.done) return;
    signalPid(this.pid, 'SIGTERM');
    const grace = setTimeout(() => signalPid(this.pid, 'SIGKILL'), STOP_GRACE_MS);
    await this.exited;
    clearTimeout(grace);
  }
}

export function signalPid(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}
