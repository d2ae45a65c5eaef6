// The first hops toward the internet, with the operating system's own tool, parsed. Bounded: at most
// MAX_HOPS hops, short waits, and a deadline; the output so far counts when the deadline hits.
import type { Hop, PathTrace } from '../../../shared/network/facts';
import { addressKind } from '../../../shared/network/address-kind';
import { describeOutcome, type CommandRunner } from '../os/command';

/** Router, maybe a second NAT or the CGNAT, then the ISP: four hops show where the NATs are. */
export const MAX_HOPS = 4;
/** tracepath waits about a second per silent hop; four silent hops plus start-up fit in five. */
export const PATH_TIMEOUT_MS = 5_000;

const hop = (n: number, address: string | null, rttMs: number | null): Hop => ({ hop: n, address, kind: address ? addressKind(address) : null, rttMs });

/** iputils tracepath -n: ` 2:  198.51.100.1   0.063ms` / ` 3:  no reply`; each hop may print twice. */
export function parseTracepath(text: string): Hop[] {
  const hops = new Map<number, Hop>();
  for (const line of text.split('\n')) {
    const m = /^\s*(\d+)\??:\s+(\S+)(?:\s+(?:asymm\s+\d+\s+)?([\d.]+)ms)?/.exec(line);
    if (!m) continue;
    const n = Number(m[1]);
    if (m[2] === '[LOCALHOST]') continue;
    const address = m[2] === 'no' ? null : m[2]!;
    if (address !== null && addressKind(address) === 'other' && !/^[\d.:a-f]+$/i.test(address)) continue;
    const prev = hops.get(n);
    if (!prev || (prev.address === null && address !== null)) hops.set(n, hop(n, address, m[3] ? Number(m[3]) : null));
  }
  return [...hops.values()].sort((a, b) => a.hop - b.hop);
}

/** traceroute -n (Linux, macOS): ` 1  192.168.50.1  0.050 ms` / ` 2  *`. */
export function parseTraceroute(text: string): Hop[] {
  const out: Hop[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*(\d+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const rest = m[2]!;
    const addr = /(\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]*:[0-9a-f:]+)/i.exec(rest)?.[1] ?? null;
    const rtt = /([\d.]+)\s*ms/.exec(rest)?.[1];
    out.push(hop(Number(m[1]), addr, rtt ? Number(rtt) : null));
  }
  return out;
}

/**
 * Windows tracert -d: `  1    <1 ms    <1 ms    <1 ms  192.168.50.1` / `  2     *        *        *     Request timed out.`
 * Localized Windows translates the words, never the layout: the address is the last field.
 */
export function parseTracert(text: string): Hop[] {
  const out: Hop[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(\d+)\s+((?:(?:<?\d+\s*ms|\*)\s+){3})(.*)$/.exec(line);
    if (!m) continue;
    const addr = /^\s*\[?(\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]*:[0-9a-f:]+)\]?\s*$/i.exec(m[3]!)?.[1] ?? null;
    const rtt = /<?(\d+)\s*ms/.exec(m[2]!)?.[1];
    out.push(hop(Number(m[1]), addr, addr && rtt ? Number(rtt) : null));
  }
  return out;
}

interface Tool {
  name: NonNullable<PathTrace['tool']>;
  args: (target: string) => string[];
  parse: (text: string) => Hop[];
}

const LINUX_TOOLS: Tool[] = [
  { name: 'tracepath', args: (t) => ['-n', '-m', String(MAX_HOPS), t], parse: parseTracepath },
  { name: 'traceroute', args: (t) => ['-n', '-m', String(MAX_HOPS), '-w', '1', '-q', '1', t], parse: parseTraceroute },
];
const TOOLS: Partial<Record<NodeJS.Platform, Tool[]>> = {
  linux: LINUX_TOOLS,
  darwin: [{ name: 'traceroute', args: (t) => ['-n', '-m', String(MAX_HOPS), '-w', '1', '-q', '1', t], parse: parseTraceroute }],
  win32: [{ name: 'tracert', args: (t) => ['-d', '-h', String(MAX_HOPS), '-w', '500', t], parse: parseTracert }],
};

export async function tracePath(
  target: string | null,
  options: { run: CommandRunner; platform?: NodeJS.Platform; signal?: AbortSignal | undefined },
): Promise<{ hops: Hop[]; trace: PathTrace }> {
  const platform = options.platform ?? process.platform;
  if (!target) return { hops: [], trace: { state: 'not-checked', tool: null, target: null, reason: 'no companion or STUN server to trace toward' } };
  const tools = TOOLS[platform] ?? [];
  let reason = `no path tool is known on ${platform}`;
  for (const tool of tools) {
    const outcome = await options.run({ file: tool.name, args: tool.args(target), timeoutMs: PATH_TIMEOUT_MS, signal: options.signal, env: { LC_ALL: 'C' }, encoding: platform === 'win32' ? 'latin1' : 'utf8' });
    if (outcome.kind === 'not-installed') {
      reason = `${tools.map((t) => t.name).join(' and ')} ${tools.length > 1 ? 'are' : 'is'} not installed`;
      continue;
    }
    const text = outcome.kind === 'exited' || outcome.kind === 'timed-out' ? outcome.stdout : '';
    const hops = tool.parse(text).filter((h) => h.hop <= MAX_HOPS);
    if (hops.length > 0) return { hops, trace: { state: 'traced', tool: tool.name, target, reason: outcome.kind === 'timed-out' ? `stopped after ${PATH_TIMEOUT_MS / 1000} s` : null } };
    return { hops: [], trace: { state: 'failed', tool: tool.name, target, reason: describeOutcome(outcome, tool.name) } };
  }
  return { hops: [], trace: { state: 'not-installed', tool: null, target, reason } };
}
