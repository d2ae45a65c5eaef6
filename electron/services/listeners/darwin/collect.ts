// macOS adapter: two lsof calls (TCP listeners, UDP sockets: one call with both drops UDP) + ps.
import type { Listener } from '../../../../shared/channels/listeners';
import { AppError } from '../../../../shared/errors';
import { makeRow, type ListenerFilter } from '../rows';
import type { CommandRunner } from '../run-command';
import { parseLsof, parsePsCommands, type LsofSocket } from './lsof';

const FIELDS = '-FpcLftPn';

export const LSOF_TCP_ARGS = ['-nP', '+c', '0', '-iTCP', '-sTCP:LISTEN', FIELDS];
export const LSOF_UDP_ARGS = ['-nP', '+c', '0', '-iUDP', FIELDS];

async function lsof(args: readonly string[], run: CommandRunner, signal?: AbortSignal): Promise<LsofSocket[]> {
  const { stdout, exitCode } = await run('lsof', args, { signal, encoding: 'utf8' });
  // lsof exits 1 when nothing matched; anything else without output is a real failure.
  if (exitCode !== 0 && !(exitCode === 1 && stdout.trim() === '')) {
    throw new AppError('COMMAND_FAILED', `lsof exited with ${exitCode}`);
  }
  return parseLsof(stdout);
}

export async function collectDarwin(
  filter: ListenerFilter,
  run: CommandRunner,
  signal?: AbortSignal,
): Promise<{ listeners: Listener[]; source: 'lsof' }> {
  const sockets = [
    ...(filter.protocol !== 'udp' ? await lsof(LSOF_TCP_ARGS, run, signal) : []),
    ...(filter.protocol !== 'tcp' ? await lsof(LSOF_UDP_ARGS, run, signal) : []),
  ].filter((s) => filter.port === undefined || s.port === filter.port);
  const pids = [...new Set(sockets.map((s) => s.pid))];
  let commands = new Map<number, string>();
  if (pids.length > 0) {
    const ps = await run('ps', ['-ww', '-o', 'pid=', '-o', 'command=', '-p', pids.join(',')], { signal, encoding: 'utf8' });
    commands = parsePsCommands(ps.stdout);
  }
  const listeners = sockets.map((s) =>
    makeRow(
      { ...s, command: commands.get(s.pid) ?? null, exePath: null, ownerUnknownReason: null },
      'darwin',
    ),
  );
  return { listeners, source: 'lsof' };
}
