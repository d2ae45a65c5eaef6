// Ports as people type them, read in one place for the CLI, the engine and the pages:
// `<port>[/tcp|/udp]` (one port, maybe a protocol) and probe lists (`22,80,8000-8100`, `all`).
// Every mistake gets its own sentence, so "80/sctp" and "70000" are told apart.
import type { TransportProtocol } from './iana';

export const MAX_PORT = 65535;

/**
 * Why nobody holds port 0: a program that binds port 0 asks the system for any free port and is
 * given a real one, so "who has port 0?" has no answer. Said the same way by the UI and the CLI.
 */
export const PORT_ZERO_MEANING =
  'port 0 means "any free port": a program that asks for port 0 is given some free port by the system, so no program ever holds port 0. Look up the port number the program reports instead';

/** What went wrong, as a closed set: callers may word one case their own way (port 0 in who-has). */
export type PortSpecError = 'empty' | 'not-a-number' | 'negative' | 'port-zero' | 'too-large' | 'no-protocol' | 'bad-protocol' | 'two-protocols';

export interface PortAndProtocol {
  port: number;
  /** null when none was written: the caller decides (TCP for a check, both for who-has). */
  protocol: TransportProtocol | null;
}

export type ParsedPortAndProtocol = ({ ok: true } & PortAndProtocol) | { ok: false; error: PortSpecError; message: string };

const HOW = 'write a port from 1 to 65535, optionally with /tcp or /udp (for example 25565 or 19132/udp)';

const failure = (error: PortSpecError, message: string): { ok: false; error: PortSpecError; message: string } => ({ ok: false, error, message });

/** One port number (1–65535) from its text, or why it is not one. */
function readPort(text: string): number | { error: PortSpecError; message: string } {
  if (text === '') return { error: 'empty', message: `No port given: ${HOW}.` };
  if (/^-\s*\d+$/.test(text)) return { error: 'negative', message: `${text.replace(/\s/g, '')} is not a port: ports go from 1 to ${MAX_PORT}, never below.` };
  if (!/^\d+$/.test(text)) return { error: 'not-a-number', message: `'${text.slice(0, 20)}' is not a port number: ${HOW}.` };
  const port = Number(text);
  if (port === 0) return { error: 'port-zero', message: `${PORT_ZERO_MEANING.charAt(0).toUpperCase()}${PORT_ZERO_MEANING.slice(1)}.` };
  if (port > MAX_PORT) return { error: 'too-large', message: `${text.length > 9 ? `${text.slice(0, 9)}…` : text} is not a port: ports go from 1 to ${MAX_PORT}.` };
  return port;
}

/** `25565`, `19132/udp`, ` 443 / TCP ` → port and protocol (null when not written). */
export function parsePortAndProtocol(input: string): ParsedPortAndProtocol {
  const text = input.trim();
  const [portText = '', ...protocols] = text.split('/').map((s) => s.trim());
  if (protocols.length > 1) return failure('two-protocols', `'${text.slice(0, 30)}' names more than one protocol: write one, like 80/tcp.`);
  const port = readPort(portText);
  if (typeof port !== 'number') return failure(port.error, port.message);
  const [written] = protocols;
  if (written === undefined) return { ok: true, port, protocol: null };
  if (written === '') return failure('no-protocol', `Nothing follows the '/' in '${text}': write /tcp or /udp, or leave it out.`);
  const protocol = written.toLowerCase();
  if (protocol !== 'tcp' && protocol !== 'udp') return failure('bad-protocol', `'/${written.slice(0, 20)}' is not a protocol Port Doctor checks: write /tcp or /udp.`);
  return { ok: true, port, protocol };
}

/** A list of them, separated by commas or spaces (`7777/udp, 25565`); the first mistake wins. */
export function parsePortAndProtocolList(input: string): { ok: true; ports: PortAndProtocol[] } | { ok: false; error: PortSpecError; message: string } {
  const parts = input.split(/[\s,]+/).filter(Boolean);
  if (parts.length === 0) return failure('empty', `No port given: ${HOW}.`);
  const ports: PortAndProtocol[] = [];
  for (const part of parts) {
    const r = parsePortAndProtocol(part);
    if (!r.ok) return r;
    ports.push({ port: r.port, protocol: r.protocol });
  }
  return { ok: true, ports };
}

/**
 * A probe list (`22,80,8000-8100`, `all` or `-` for every port) → the ports ascending, no
 * duplicates. Throws RangeError with a message fit to show the user.
 */
export function parsePortList(spec: string): number[] {
  const text = spec.trim().toLowerCase();
  if (text === '') throw new RangeError('no ports given');
  const seen = new Uint8Array(MAX_PORT + 1);
  for (const raw of text.split(',')) {
    const part = raw.trim();
    if (part === 'all' || part === '-') {
      seen.fill(1, 1);
      continue;
    }
    const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(part);
    if (!m) throw new RangeError(`'${part.slice(0, 20)}' is not a port or a range like 8000-8100`);
    const lo = readPort(m[1]!);
    const hi = m[2] === undefined ? lo : readPort(m[2]);
    if (typeof lo !== 'number') throw new RangeError(lo.message);
    if (typeof hi !== 'number') throw new RangeError(hi.message);
    if (hi < lo) throw new RangeError(`range '${part}' runs backwards: write the smaller port first (${hi}-${lo})`);
    seen.fill(1, lo, hi + 1);
  }
  const ports: number[] = [];
  for (let p = 1; p <= MAX_PORT; p++) if (seen[p]) ports.push(p);
  return ports;
}

/** Shortest probe list naming exactly these ports: consecutive runs become ranges. */
export function formatPortList(ports: readonly number[]): string {
  const sorted = [...new Set(ports)].sort((a, b) => a - b);
  if (sorted.length === MAX_PORT) return 'all';
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] as number) + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}
