// `port-doctor probe <host> <ports>`: TCP/UDP verdicts with reasons, as a table or the documented JSON.
import type { ProbeResult, ProbeRunResponse } from '../../../shared/channels/probe';
import { notListedText, serviceLine, summarisedState } from '../../../shared/render/probe';
import { parseHostInput } from '../../../shared/host-input';
import { serviceFor } from '../../../shared/ports/index';
import { parsePortList } from '../../../shared/ports/port-spec';
import { createProgressBatcher } from '../../services/probe/progress';
import { runProbe } from '../../services/probe/probe-run';
import { localNotes, type LocalNotes } from './probe-local';
import { EXIT_FAILURE, EXIT_OK, UsageError, intFlag, parseCommandArgs, printJson, type CliIo, type Command } from '../command';

/** A terminal redraws the progress line at most this often. */
const PROGRESS_REDRAW_MS = 200;

/**
 * The `--json` document: the fields documented in issue 5, in that order, then what this computer
 * adds when it is the probed host (issue 16 item 14): `thisComputer`, and per result `local`, the
 * sentence tying the verdict to the program holding the port here (null when there is none).
 */
export function jsonDocument(out: Pick<ProbeRunResponse, 'host' | 'address' | 'results'>, local: LocalNotes) {
  return {
    host: out.host,
    address: out.address,
    thisComputer: local.thisComputer,
    results: out.results.map((r, i) => ({ port: r.port, protocol: r.protocol, state: r.state, reason: r.reason, rttMs: r.rttMs, service: r.service, local: local.notes[i] ?? null })),
  };
}

/** The notes under the table: one line per port a program on this computer holds. */
export function renderLocalNotes(out: Pick<ProbeRunResponse, 'results'>, local: LocalNotes): string {
  const lines: string[] = [];
  out.results.forEach((r, i) => {
    if (local.notes[i]) lines.push(`  ${r.port}/${r.protocol}: ${local.notes[i]}`);
  });
  return lines.length === 0 ? '' : `\nOn this computer:\n${lines.join('\n')}\n`;
}

export function renderTable(out: ProbeRunResponse): string {
  const lines = [`Probed ${out.host}${out.address !== out.host ? ` (${out.address})` : ''} in ${(out.durationMs / 1000).toFixed(2)} s${out.cancelled ? ' — cancelled, partial results' : ''}`];
  const counts = { open: 0, closed: 0, filtered: 0, 'open|filtered': 0 };
  for (const r of out.results) counts[r.state]++;
  // The table speaks nmap's words for states, so the summary line does too.
  const hidden = summarisedState(counts);
  const shown: ProbeResult[] = hidden === null ? out.results : out.results.filter((r) => r.state !== hidden);
  if (hidden !== null) lines.push(`${notListedText(counts[hidden], hidden)} (--json lists every port)`);
  const header = ['PORT', 'STATE', 'REASON', 'RTT', 'SERVICE'];
  const cells = shown.map((r) => {
    const usual = serviceFor(r.port, r.protocol);
    const known = usual && (usual.ianaName ? `${usual.name} (IANA: ${usual.ianaName})` : usual.name);
    const said = r.service ? serviceLine(r.service) : '';
    return [`${r.port}/${r.protocol}`, r.state, r.reason, r.rttMs === null ? '-' : `${r.rttMs.toFixed(1)} ms`, said || known || ''];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (c: readonly string[]) => c.map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i] as number))).join('  ').trimEnd();
  if (shown.length > 0) lines.push('', ...[header, ...cells].map(line));
  return `${lines.join('\n')}\n`;
}

export const probeCommand: Command = {
  name: 'probe',
  summary: 'Probe ports of a host over TCP or UDP: open, closed or filtered, and why',
  usage: 'port-doctor probe <host>[:port] [<ports>] [--udp] [--timeout ms] [--concurrency n] [--json]',
  help: [
    '<host> is an IP address or a name; a pasted 192.168.1.20:25565, [::1]:25565 or URL works too,',
    'and its port is probed when <ports> is left out.',
    '<ports> is a list and ranges like 22,80,8000-8100, or all.',
    '--timeout is the longest wait per attempt; it shrinks as answers show how near the host is.',
    'States: open (a service answered), closed (nothing listens; the host said so),',
    'filtered (no answer, or a firewall said no), open|filtered (UDP: silence proves nothing).',
    'When <host> is this computer, each port a local program holds gets a line saying so: which',
    'program, and why it did not answer (listening on IPv4 only while ::1 was probed, a game that',
    'answers only its own messages, a firewall rule here); --json gives thisComputer and "local".',
    'Only probe hosts you own or may test.',
  ].join('\n'),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(
      args,
      { udp: { type: 'boolean' }, timeout: { type: 'string' }, concurrency: { type: 'string' }, json: { type: 'boolean' } },
      { min: 1, max: 2 },
    );
    const read = parseHostInput(positionals[0]!);
    if (!read.ok) throw new UsageError(read.message);
    const host = read.host;
    const given = positionals[1];
    if (given === undefined && read.port === null) throw new UsageError('missing <ports>: which ports to probe, like 25565 or 22,80,8000-8100');
    if (given !== undefined && read.port !== null && given !== String(read.port)) {
      throw new UsageError(`'${positionals[0]}' names port ${read.port} but <ports> says ${given}: give the port once`);
    }
    const spec = given ?? String(read.port);
    let ports: number[];
    try {
      ports = parsePortList(spec);
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message : String(e));
    }
    const timeoutMs = intFlag('timeout', values.timeout, 50, 30_000);
    const concurrency = intFlag('concurrency', values.concurrency, 1, 4096);
    let lastDraw = 0;
    let opened = 0;
    const progress = io.stderrIsTTY
      ? createProgressBatcher({
          total: ports.length,
          intervalMs: PROGRESS_REDRAW_MS,
          emit: (p) => {
            opened += p.results.filter((r) => r.state === 'open').length;
            const now = performance.now();
            if (now - lastDraw < PROGRESS_REDRAW_MS && p.done < p.total) return;
            lastDraw = now;
            const eta = p.etaMs === null ? '' : `, about ${Math.ceil(p.etaMs / 1000)} s left`;
            io.err(`\r\x1b[Kprobing ${host}: ${p.done}/${p.total} ports, ${opened} open${eta}`);
          },
        })
      : null;
    let out;
    try {
      out = await runProbe({
        host,
        ports,
        protocol: values.udp ? 'udp' : 'tcp',
        timeoutMs,
        concurrency,
        signal: io.signal,
        onResult: (r) => progress?.add(r),
      });
      // The last state is drawn even when the run beat the redraw timer, then the line is cleared.
      progress?.flush();
    } finally {
      progress?.stop();
      if (progress) io.err('\r\x1b[K');
    }
    const local = await localNotes(out, io);
    if (values.json) printJson(io, jsonDocument(out, local));
    else io.out(renderTable(out) + renderLocalNotes(out, local));
    return out.cancelled ? EXIT_FAILURE : EXIT_OK;
  },
};
