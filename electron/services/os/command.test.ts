// The command runner against real programs: exit codes, missing tools, deadlines, aborts, caps.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { describeOutcome, runCommand } from './command';

describe('runCommand', () => {
  it('returns stdout, stderr and the exit code of a tool that ran', async () => {
    const outcome = await runCommand({ file: 'sh', args: ['-c', 'echo out; echo err >&2; exit 3'] });
    expect(outcome).toEqual({ kind: 'exited', exitCode: 3, stdout: 'out\n', stderr: 'err\n', truncated: false });
    expect(describeOutcome(outcome, 'sh')).toBe('sh exited with code 3: err');
  });

  it('passes arguments as argv, never through a shell', async () => {
    const outcome = await runCommand({ file: 'printf', args: ['%s|', '$(id)', 'a b', ';'] });
    expect(outcome).toMatchObject({ kind: 'exited', exitCode: 0, stdout: '$(id)|a b|;|' });
  });

  it('tells a tool that is not installed apart from one that failed', async () => {
    const missing = await runCommand({ file: 'pd-no-such-tool-9f3a', args: [] });
    expect(missing).toEqual({ kind: 'not-installed', file: 'pd-no-such-tool-9f3a' });
    expect(describeOutcome(missing, 'pd-no-such-tool-9f3a')).toBe('pd-no-such-tool-9f3a is not installed');
    const dir = mkdtempSync(join(tmpdir(), 'pd-cmd-'));
    const plainFile = join(dir, 'not-a-program');
    writeFileSync(plainFile, 'echo hi\n', { mode: 0o600 });
    try {
      const notExecutable = await runCommand({ file: plainFile, args: [] });
      expect(notExecutable).toEqual({ kind: 'failed', reason: `${plainFile} could not be started (EACCES)` });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops a tool at its deadline and keeps what it printed so far', async () => {
    const started = Date.now();
    const outcome = await runCommand({ file: 'sh', args: ['-c', 'echo hop1; exec sleep 30'], timeoutMs: 300 });
    expect(outcome).toMatchObject({ kind: 'timed-out', stdout: 'hop1\n', timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('kills a tool that ignores SIGTERM', async () => {
    const outcome = await runCommand({ file: 'sh', args: ['-c', 'trap "" TERM; echo x; while :; do sleep 0.05; done'], timeoutMs: 200 });
    expect(outcome.kind).toBe('timed-out');
  });

  it('rejects with CANCELLED when aborted, before or during the run', async () => {
    const before = new AbortController();
    before.abort();
    await expect(runCommand({ file: 'true', args: [], signal: before.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    const during = new AbortController();
    const run = runCommand({ file: 'sleep', args: ['30'], signal: during.signal });
    setTimeout(() => during.abort(), 50);
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('CANCELLED');
  });

  it('stops a runaway tool at the output cap and says it was truncated', async () => {
    const outcome = await runCommand({ file: 'yes', args: ['abc'], outputCapBytes: 10_000 });
    expect(outcome.kind).toBe('exited');
    if (outcome.kind !== 'exited') return;
    expect(outcome.truncated).toBe(true);
    expect(outcome.stdout.length).toBe(10_000);
    expect(outcome.stdout.startsWith('abc\nabc\n')).toBe(true);
  });

  it('decodes latin1 output (Windows OEM code pages) byte for byte', async () => {
    const outcome = await runCommand({ file: 'printf', args: ['\\344\\366'], encoding: 'latin1' });
    expect(outcome).toMatchObject({ kind: 'exited', stdout: 'äö' });
  });

  it('adds environment variables for the tool', async () => {
    const outcome = await runCommand({ file: 'sh', args: ['-c', 'echo $PD_X'], env: { PD_X: 'set' } });
    expect(outcome).toMatchObject({ stdout: 'set\n' });
  });

  it('rejects caller mistakes at once', () => {
    expect(() => runCommand({ file: '', args: [] })).toThrow(TypeError);
    expect(() => runCommand({ file: 'true', args: [], timeoutMs: 0 })).toThrow(RangeError);
  });
});
