// `port-doctor listeners`: every listening socket, as an aligned table or the documented JSON.
import type { Listener, ListenerProtocol } from '../../../shared/channels/listeners';
import { missingCaseError } from '../../../shared/errors';
import { defaultListenersDeps, listListeners } from '../../services/listeners/index';
import { EXIT_OK, intFlag, parseCommandArgs, type CliIo, type Command } from '../command';
import { writeListenersJson } from './listeners-json';

function reachableFrom(r: Listener): string {
  switch (r.exposure) {
    case 'loopback':
      return 'this computer only';
    case 'interface':
      return 'one network';
    case 'all':
      return 'every network';
    default:
      throw missingCaseError(r.exposure);
  }
}

function ownerText(r: Listener, elevated: boolean): string {
  if (r.pid !== null) return r.process ?? '?';
  switch (r.ownerUnknownReason) {
    case 'permission':
      return elevated ? '(hidden by the system)' : '(another user\'s; run elevated to see)';
    case 'vanished':
      return '(program exited while we looked)';
    case 'not-found':
    case null:
      return '(no visible program)';
    default:
      throw missingCaseError(r.ownerUnknownReason);
  }
}

/** Bracketed IPv6 so `address:port` stays unambiguous, as ss and browsers write it. */
export function endpointText(r: Pick<Listener, 'family' | 'address' | 'port'>): string {
  return r.family === 6 ? `[${r.address}]:${r.port}` : `${r.address}:${r.port}`;
}

/** Aligned columns; the last column is not padded so lines carry no trailing spaces. */
export function renderTable(rows: readonly Listener[], elevated: boolean): string {
  const header = ['PROTO', 'LOCAL ADDRESS', 'REACHABLE FROM', 'PID', 'PROGRAM', 'USER', 'SERVICE'];
  const cells = rows.map((r) => [
    r.protocol,
    endpointText(r),
    reachableFrom(r),
    r.pid === null ? '-' : String(r.pid),
    ownerText(r, elevated),
    r.user ?? '-',
    r.service ?? '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) => c.map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i]!))).join('  ');
  return `${[header, ...cells].map(line).join('\n')}\n`;
}

export function fetchListeners(io: CliIo, protocol: ListenerProtocol | undefined, port: number | undefined) {
  return listListeners({ protocol, port }, defaultListenersDeps(io.signal));
}

export const listenersCommand: Command = {
  name: 'listeners',
  summary: 'List every listening TCP and bound UDP socket, its program, and who can reach it',
  usage: 'port-doctor listeners [--json] [--tcp] [--udp] [--port N]',
  help: [
    '  --tcp       only TCP sockets        --udp     only UDP sockets',
    '  --port N    only sockets on port N  --json    the documented JSON on stdout',
    '',
    'REACHABLE FROM: "this computer only" (bound to loopback), "one network" (bound to one',
    'address), "every network" (0.0.0.0 or ::). Run as root / administrator to see the',
    'programs behind other users\' sockets.',
  ].join('\n'),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values } = parseCommandArgs(
      args,
      { json: { type: 'boolean' }, tcp: { type: 'boolean' }, udp: { type: 'boolean' }, port: { type: 'string' } },
      { min: 0, max: 0 },
    );
    const port = intFlag('port', values.port, 0, 65535);
    // Both or neither flag means both protocols.
    const protocol = values.tcp && !values.udp ? 'tcp' : values.udp && !values.tcp ? 'udp' : undefined;
    const { listeners, elevated } = await fetchListeners(io, protocol, port);
    if (values.json) writeListenersJson(listeners, (t) => io.out(t));
    else if (listeners.length === 0) io.out('No listening sockets match.\n');
    else io.out(renderTable(listeners, elevated));
    return EXIT_OK;
  },
};
