// Windows adapter: PowerShell's NetTCPIP cmdlets as JSON; `netstat -ano` + `tasklist` when they fail.
import type { Listener } from '../../../../shared/channels/listeners';
import { AppError } from '../../../../shared/errors';
import { makeRow, type ListenerFilter } from '../rows';
import type { CommandRunner } from '../run-command';
import { POWERSHELL_SCRIPT, parseNetstat, parsePowershell, parseTasklist, type WindowsTables } from './parse';

async function viaPowershell(run: CommandRunner, signal?: AbortSignal): Promise<WindowsTables | null> {
  try {
    const { stdout, exitCode } = await run(
      'powershell.exe',
      ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', POWERSHELL_SCRIPT],
      { signal, encoding: 'utf8' },
    );
    return exitCode === 0 ? parsePowershell(stdout) : null;
  } catch (e) {
    // Missing or broken PowerShell (Server Core trimmed, policy) → netstat; cancellation is not a failure to hide.
    if (e instanceof AppError && e.code !== 'CANCELLED' && e.code !== 'TIMEOUT') return null;
    throw e;
  }
}

async function viaNetstat(run: CommandRunner, signal?: AbortSignal): Promise<WindowsTables> {
  const netstat = await run('netstat', ['-ano'], { signal, encoding: 'latin1' });
  if (netstat.exitCode !== 0) throw new AppError('COMMAND_FAILED', `netstat exited with ${netstat.exitCode}`);
  const tasklist = await run('tasklist', ['/fo', 'csv', '/nh'], { signal, encoding: 'latin1' });
  return { sockets: parseNetstat(netstat.stdout), processes: tasklist.exitCode === 0 ? parseTasklist(tasklist.stdout) : new Map() };
}

export async function collectWindows(
  filter: ListenerFilter,
  run: CommandRunner,
  signal?: AbortSignal,
): Promise<{ listeners: Listener[]; source: 'powershell' | 'netstat' }> {
  const ps = await viaPowershell(run, signal);
  const tables = ps ?? (await viaNetstat(run, signal));
  const listeners: Listener[] = [];
  for (const s of tables.sockets) {
    if (filter.protocol && s.protocol !== filter.protocol) continue;
    if (filter.port !== undefined && s.port !== filter.port) continue;
    const proc = tables.processes.get(s.pid);
    listeners.push(
      makeRow(
        {
          ...s,
          process: proc?.name ?? null,
          command: null,
          user: null,
          exePath: proc?.path ?? null,
          ownerUnknownReason: null,
        },
        'win32',
      ),
    );
  }
  return { listeners, source: ps ? 'powershell' : 'netstat' };
}
