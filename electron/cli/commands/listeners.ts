// `port-doctor listeners`: every listening socket, as an aligned table or the documented JSON.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Listener, ListenerProtocol } from '../../../shared/channels/listeners';
import { listenerKey, trackChanges, type ChangeTracker } from '../../../shared/alerts/changes';
import type { FirewallFact } from '../../../shared/channels/audit';
import { AppError } from '../../../shared/errors';
import { firewallFactOf, firewallQuestionFor, listenerFirewallFact } from '../../../shared/network/firewall-fact';
import { exposureShort } from '../../../shared/render/exposure';
import { endpointText, ownerText } from '../../../shared/render/listener';
import type { FirewallSnapshot } from '../../services/firewall/snapshot';
import { PORT_ZERO_MEANING } from '../../../shared/ports/index';
import { defaultListenersDeps, listListeners } from '../../services/listeners/index';
import type { LinuxCollector } from '../../services/listeners/linux/engine-host';
import { inThreadCollector } from '../../services/listeners/linux/in-thread';
import { EXIT_OK, UsageError, intFlag, parseCommandArgs, type CliIo, type Command } from '../command';
import { newJsonMemo, writeListenersJson } from './listeners-json';

/** Seconds between refreshes in `--watch` when no --interval is given (as watch(1) does). */
const DEFAULT_WATCH_INTERVAL_S = 2;
/** A day: longer intervals are surely a typo (and overflow timers past ~24.8 days). */
const MAX_WATCH_INTERVAL_S = 86_400;

/** The firewall's fact for a socket; null when the firewall is not part of this output. */
export type FirewallFor = (r: Listener) => FirewallFact | null;

const NO_FIREWALL: FirewallFor = () => null;

function reachableFrom(r: Listener, firewall: FirewallFor): string {
  return exposureShort(r, firewall(r));
}

/**
 * The host firewall read once for this list (kernel rulesets only: ufw/firewalld add no verdicts
 * and are slow to start), answered per exposed port in-process. Never fails the listing: when it
 * cannot be read, the column says what the bind address allows and a last line says why. Loaded
 * only for the table: `--json` (a script's cold start) does not load the ruleset readers.
 */
export async function firewallForList(io: CliIo): Promise<{ firewall: FirewallFor; note: (rows: readonly Listener[]) => string }> {
  let snapshot: FirewallSnapshot | null = null;
  let failure: string | null = null;
  try {
    const [{ readFirewallSnapshot }, { defaultRouteInterface }] = await Promise.all([import('../../services/firewall/snapshot'), import('../../services/network/default-interface')]);
    snapshot = await readFirewallSnapshot({ interfaceName: await defaultRouteInterface(), frontEnds: false, signal: io.signal });
  } catch (e) {
    failure = e instanceof AppError ? (e.detail ? `${e.detail} is not supported yet` : e.message) : 'the firewall rules could not be read';
  }
  const facts = new Map<string, FirewallFact>();
  const firewall: FirewallFor = (r) =>
    listenerFirewallFact(r, (key) => {
      if (snapshot === null) return { state: 'not-checked', reason: failure ?? 'the firewall was not read' };
      let f = facts.get(key);
      if (f === undefined) facts.set(key, (f = firewallFactOf(snapshot.answer(r.port, r.protocol))));
      return f;
    });
  const note = (rows: readonly Listener[]): string => {
    const unread = rows.filter(firewallQuestionFor).map(firewall);
    const first = unread[0];
    // Only when no exposed port got an answer: then the whole column is the bind address alone.
    if (first?.state !== 'not-checked' || unread.some((f) => f?.state !== 'not-checked')) return '';
    return `This computer's firewall was not read, so REACHABLE FROM says what the bind address allows. ${first.reason.replace(/\.$/, '')}.\n`;
  };
  return { firewall, note };
}

/** Aligned columns; the last column is not padded so lines carry no trailing spaces. */
export function renderTable(rows: readonly Listener[], elevated: boolean, firewall: FirewallFor = NO_FIREWALL): string {
  const header = ['PROTO', 'LOCAL ADDRESS', 'REACHABLE FROM', 'PID', 'PROGRAM', 'USER', 'SERVICE'];
  const cells = rows.map((r) => [
    r.protocol,
    endpointText(r),
    reachableFrom(r, firewall),
    r.pid === null ? '-' : String(r.pid),
    ownerText(r, elevated),
    r.user ?? '-',
    r.service ?? '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) => c.map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i]!))).join('  ');
  return `${[header, ...cells].map(line).join('\n')}\n`;
}

/** `linux` defaults to a fresh engine: a one-shot run learns everything once. */
export function fetchListeners(io: CliIo, protocol: ListenerProtocol | undefined, port: number | undefined, linux: LinuxCollector = inThreadCollector()) {
  return listListeners({ protocol, port }, defaultListenersDeps(linux, io.signal));
}

/** --interval: seconds, a decimal number ≥ 0 (0: back to back). */
function intervalFlag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(value)) throw new UsageError(`--interval must be a number of seconds (0 or more), got '${value}'`);
  const n = Number(value);
  if (n > MAX_WATCH_INTERVAL_S) throw new UsageError(`--interval must be at most ${MAX_WATCH_INTERVAL_S} seconds, got ${n}`);
  return n;
}

interface WatchOptions {
  protocol: ListenerProtocol | undefined;
  port: number | undefined;
  json: boolean;
  intervalMs: number;
  count: number | undefined;
  /** Print only what changed between refreshes (a baseline line first). */
  changes: boolean;
}

/**
 * `--watch`: one engine for the whole run, so each refresh after the first reads the socket tables
 * and looks up only sockets it has not seen. Stops after --count documents or on Ctrl-C (exit 0).
 */
async function watch(io: CliIo, o: WatchOptions): Promise<number> {
  const linux = inThreadCollector();
  // The engine hands back the same row object for an unchanged socket: its text is made once.
  const memo = newJsonMemo();
  const changes = changePrinter(io, o.json);
  for (let n = 0; o.count === undefined || n < o.count; n++) {
    if (n > 0 && o.intervalMs > 0) {
      try {
        await sleep(o.intervalMs, undefined, { signal: io.signal });
      } catch {
        return EXIT_OK; // interrupted between refreshes: the documents written are whole
      }
    }
    if (io.signal.aborted) return EXIT_OK;
    const { listeners, elevated, collectedAt } = await fetchListeners(io, o.protocol, o.port, linux);
    if (o.changes) {
      changes.next(listeners, elevated, collectedAt);
      continue;
    }
    if (o.json) writeListenersJson(listeners, (b) => io.outBytes(b), 'compact', memo);
    else {
      const fw = await firewallForList(io);
      io.out(`${n > 0 ? '\n' : ''}${collectedAt}: ${listeners.length} sockets\n${listeners.length === 0 ? '' : renderTable(listeners, elevated, fw.firewall) + fw.note(listeners)}`);
    }
  }
  return EXIT_OK;
}

/** `--changes`: the first list is the baseline (one line); later refreshes print only what came and went. */
function changePrinter(io: CliIo, json: boolean) {
  let tracker: ChangeTracker | null = null;
  let previous = new Map<string, Listener>();
  return {
    next(listeners: Listener[], elevated: boolean, at: string): void {
      const { tracker: next, added, removed } = trackChanges(tracker, listeners, at);
      const gone = removed.flatMap((k) => previous.get(k) ?? []);
      const baseline = tracker === null;
      tracker = next;
      previous = new Map(listeners.map((l) => [listenerKey(l), l]));
      if (json) {
        if (baseline || added.length > 0 || gone.length > 0) io.out(`${JSON.stringify({ at, baseline, count: listeners.length, added, removed: gone })}\n`);
        return;
      }
      if (baseline) {
        io.out(`${at}: watching ${listeners.length} sockets; printing only changes (+ new, - gone)\n`);
        return;
      }
      const line = (mark: string, l: Listener) => `${at} ${mark} ${l.protocol} ${endpointText(l)}  ${ownerText(l, elevated)}${l.pid === null ? '' : ` (pid ${l.pid})`}  ${reachableFrom(l, NO_FIREWALL)}\n`;
      for (const l of added) io.out(line('+', l));
      for (const l of gone) io.out(line('-', l));
    },
  };
}

export const listenersCommand: Command = {
  name: 'listeners',
  summary: 'List every listening TCP and bound UDP socket, its program, and who can reach it',
  usage: 'port-doctor listeners [--json] [--tcp] [--udp] [--port N] [--watch [--changes] [--interval S] [--count N]]',
  help: [
    '  --tcp       only TCP sockets        --udp     only UDP sockets',
    '  --port N    only sockets on port N  --json    the documented JSON on stdout',
    '  --watch     list again and again, learning owners once: with --json one compact JSON',
    '              document (the same as --json writes) per line per refresh',
    `  --interval S  seconds between refreshes (default ${DEFAULT_WATCH_INTERVAL_S}; 0: back to back)`,
    '  --count N     stop after N refreshes (default: until Ctrl-C)',
    '  --changes     with --watch: print only sockets that appeared (+) or went away (-); with',
    '              --json one line {at, baseline, count, added, removed} per refresh that changed',
    '',
    'REACHABLE FROM: "this computer only" (bound to loopback), "one network" (bound to one',
    'address: its network, and the internet if a router forwards to it), "every network"',
    '(0.0.0.0 or ::: any network, and the internet if forwarded), then this computer\'s',
    'firewall for new IPv4 connections to the port: "; firewall blocks" (only this computer',
    'gets in) or "; firewall allows". Nothing after it: the firewall could not be read (the',
    'last line says why; run as root) or does not apply (IPv6-only sockets). --json and',
    '--changes show the bind address alone. Run as root / administrator to see the programs',
    'behind other users\' sockets and to read the firewall rules.',
  ].join('\n'),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values } = parseCommandArgs(
      args,
      {
        json: { type: 'boolean' },
        tcp: { type: 'boolean' },
        udp: { type: 'boolean' },
        port: { type: 'string' },
        watch: { type: 'boolean' },
        interval: { type: 'string' },
        count: { type: 'string' },
        changes: { type: 'boolean' },
      },
      { min: 0, max: 0 },
    );
    const port = intFlag('port', values.port, 0, 65535);
    if (port === 0) throw new UsageError(`--port: ${PORT_ZERO_MEANING}`);
    // Both or neither flag means both protocols.
    const protocol = values.tcp && !values.udp ? 'tcp' : values.udp && !values.tcp ? 'udp' : undefined;
    const interval = intervalFlag(values.interval);
    const count = intFlag('count', values.count, 1, Number.MAX_SAFE_INTEGER);
    if (!values.watch && (interval !== undefined || count !== undefined)) throw new UsageError('--interval and --count go with --watch');
    if (!values.watch && values.changes) throw new UsageError('--changes goes with --watch');
    if (values.watch) {
      const intervalMs = Math.round((interval ?? DEFAULT_WATCH_INTERVAL_S) * 1000);
      return watch(io, { protocol, port, json: Boolean(values.json), intervalMs, count, changes: Boolean(values.changes) });
    }
    if (values.json) {
      writeListenersJson((await fetchListeners(io, protocol, port)).listeners, (b) => io.outBytes(b));
      return EXIT_OK;
    }
    // The firewall is read while the socket tables are: the table waits for the slower of the two.
    const [{ listeners, elevated }, fw] = await Promise.all([fetchListeners(io, protocol, port), firewallForList(io)]);
    if (listeners.length === 0) io.out('No listening sockets match.\n');
    else io.out(renderTable(listeners, elevated, fw.firewall) + fw.note(listeners));
    return EXIT_OK;
  },
};
