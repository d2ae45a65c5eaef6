// Reads what a person types into the port reference ("25565", "27015-27030/udp", "minecraft",
// "rdp") into one of three questions, or a sentence saying exactly what is wrong with it.
import type { TransportProtocol } from './iana';
import { MAX_PORT } from './port-spec';
import { groupDigits } from '../render/digits';

/**
 * A range is read port by port, two protocols each; past 1,024 ports the answer is a wall nobody
 * reads, and a typo like "1-65535" should say so instead of building 131,070 rows.
 */
export const MAX_RANGE_PORTS = 1024;
/** Longer than any service name IANA or the presets use; longer input is a paste accident. */
export const MAX_QUERY_LENGTH = 60;

export type PortQuery =
  | { kind: 'port'; port: number; protocol: TransportProtocol | null }
  | { kind: 'range'; from: number; to: number; protocol: TransportProtocol | null }
  | { kind: 'name'; name: string };

export type ParsedPortQuery = { ok: true; query: PortQuery } | { ok: false; message: string };

const EXAMPLES = 'a port (25565), a range (27015-27030) or a name (minecraft, rdp)';
const PORT_TEXT = /^\d+$/;
// Names as IANA and the presets write them: letters and digits, inner dashes, dots, plus or spaces.
const NAME_TEXT = /^[a-z0-9](?:[a-z0-9 .+_-]*[a-z0-9+])?$/i;

const fail = (message: string): ParsedPortQuery => ({ ok: false, message });

function portOrError(text: string, role: string): number | string {
  if (!PORT_TEXT.test(text)) return `${role} '${text}' is not a whole number`;
  const port = Number(text);
  if (port > MAX_PORT) return `${role} ${text} is too large: ports go from 0 to ${MAX_PORT}`;
  return port;
}

export function parsePortQuery(input: string): ParsedPortQuery {
  const text = input.trim();
  if (text === '') return fail(`Type ${EXAMPLES}.`);
  if (text.length > MAX_QUERY_LENGTH) return fail(`That is ${text.length} characters; type ${EXAMPLES} (at most ${MAX_QUERY_LENGTH}).`);

  // An optional protocol suffix: "27015/udp", "25565/TCP".
  let body = text;
  let protocol: TransportProtocol | null = null;
  const slash = /^(.*?)\s*\/\s*([a-z]*)$/i.exec(text);
  if (slash) {
    const proto = (slash[2] ?? '').toLowerCase();
    if (proto !== 'tcp' && proto !== 'udp') return fail(`'/${slash[2] ?? ''}' is not a protocol: write /tcp or /udp, or leave it out for both.`);
    body = (slash[1] ?? '').trim();
    protocol = proto;
  }

  if (/^-\s*\d+$/.test(body)) return fail(`${body.replace(/\s/g, '')} is not a port: ports go from 0 to ${MAX_PORT}, never below 0.`);
  if (PORT_TEXT.test(body)) {
    const port = portOrError(body, 'Port');
    return typeof port === 'string' ? fail(`${port}.`) : { ok: true, query: { kind: 'port', port, protocol } };
  }

  // Anything with digits around a dash (or an en dash, as documents print ranges) is a range.
  const range = /^(\d*)\s*[-–]\s*(\d*)$/.exec(body);
  if (range) {
    const [, a = '', b = ''] = range;
    if (a === '' || b === '') return fail(`'${body}' is half a range: write both ends, like 27015-27030.`);
    const from = portOrError(a, 'The range start');
    if (typeof from === 'string') return fail(`${from}.`);
    const to = portOrError(b, 'The range end');
    if (typeof to === 'string') return fail(`${to}.`);
    if (to < from) return fail(`The range ${from}-${to} ends before it starts: write the smaller port first (${to}-${from}).`);
    const size = to - from + 1;
    if (size > MAX_RANGE_PORTS) return fail(`The range ${from}-${to} has ${groupDigits(size)} ports; look up at most ${groupDigits(MAX_RANGE_PORTS)} at a time.`);
    return { ok: true, query: from === to ? { kind: 'port', port: from, protocol } : { kind: 'range', from, to, protocol } };
  }

  if (protocol !== null) return fail(`A protocol goes after a port or range (25565/tcp), not after a name like '${body}'.`);
  if (!NAME_TEXT.test(body)) {
    return fail(`'${body}' is not ${EXAMPLES}: names are letters, digits and inner dashes.`);
  }
  if (body.length < 2) return fail(`'${body}' is too short to search for: type at least two letters.`);
  return { ok: true, query: { kind: 'name', name: body.toLowerCase().replace(/\s+/g, ' ') } };
}
