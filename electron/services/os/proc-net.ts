// Parser for /proc/net/{tcp,tcp6,udp,udp6}: one pass over the text, typed errors for bad input.
import { ipv4Text, ipv6Text } from './ip-text';

/** TCP_LISTEN: a TCP socket accepting connections. */
export const TCP_LISTEN = 0x0a;
/** TCP_CLOSE as UDP uses it: bound and not connected (what `ss -ul` lists as UNCONN). */
export const UDP_UNCONNECTED = 0x07;

/**
 * Real lines are about 150 characters (IPv4, padded by the kernel) or 180 (IPv6); anything far
 * longer is not kernel output, and refusing it early keeps hostile input from costing memory.
 */
export const MAX_LINE_LENGTH = 1024;

export type ProcNetErrorReason =
  | 'missing-header'
  | 'truncated'
  | 'line-too-long'
  | 'unexpected-character'
  | 'bad-field'
  | 'port-out-of-range';

/** The text is not /proc/net/* as the kernel writes it; `line` is 1-based, 0 when not line-bound. */
export class ProcNetFormatError extends Error {
  readonly reason: ProcNetErrorReason;
  readonly line: number;

  constructor(reason: ProcNetErrorReason, line: number, detail: string) {
    super(`/proc/net format: ${reason} at line ${line}: ${detail}`);
    this.name = 'ProcNetFormatError';
    this.reason = reason;
    this.line = line;
  }
}

export interface ProcNetSocket {
  family: 4 | 6;
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
  /** Kernel TCP state number (0x0A listen; 0x07 close = unconnected UDP). */
  state: number;
  uid: number;
  inode: number;
}

export interface ProcNetOptions {
  family: 4 | 6;
  /** Host byte order of the machine that wrote the text (the kernel prints raw 32-bit words). */
  littleEndian: boolean;
  /** Keep only sockets in this state; others are validated but not materialised. */
  state?: number;
  /** Keep only sockets bound to this local port. */
  port?: number;
}

const SPACE = 0x20;
const COLON = 0x3a;

const FORBIDDEN = /[^\n\x20-\x7e]/;

/**
 * The fast path: one sticky regex per line (compiled to native code, linear, no backtracking
 * between adjacent fields) captures exactly the kernel's fixed-width layout. A line it does not
 * match goes through the field-by-field parser, which accepts small deviations and otherwise
 * names what is wrong. Captures: local addr, local port, remote addr, remote port, state, uid, inode.
 */
function lineRegex(addrHex: number): RegExp {
  const h = '[0-9A-Fa-f]';
  const a = `(${h}{${addrHex}}):(${h}{4})`;
  return new RegExp(` *\\d{1,10}: ${a} ${a} (${h}{2}) ${h}{8}:${h}{8} ${h}{2}:${h}{8} ${h}{8} +(\\d{1,10}) +-?\\d{1,20} (\\d{1,20})(?=[ \\n])`, 'y');
}
const LINE4 = lineRegex(8);
const LINE6 = lineRegex(32);

/** Hex digit values by character code; -1 for anything else (a table beats branches here). */
const HEX = new Int8Array(128).fill(-1);
for (let c = 0; c < 10; c++) HEX[0x30 + c] = c;
for (let c = 0; c < 6; c++) HEX[0x41 + c] = HEX[0x61 + c] = 10 + c;

function hexValue(c: number): number {
  return c < 128 ? HEX[c]! : -1;
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Parses one whole file. Throws ProcNetFormatError; never reads past `text`, never backtracks. */
export function parseProcNet(text: string, options: ProcNetOptions): ProcNetSocket[] {
  const { family, littleEndian } = options;
  const wantState = options.state ?? -1;
  const wantPort = options.port ?? -1;
  const addrHexLen = family === 4 ? 8 : 32;
  const v4Cache = new Map<number, string>();
  const v6Cache = new Map<string, string>();
  const groups = new Uint16Array(8);
  const out: ProcNetSocket[] = [];
  const n = text.length;
  let lineNo = 1;
  let pos = 0;
  let lineEnd = 0;

  const fail = (reason: ProcNetErrorReason, detail: string): never => {
    throw new ProcNetFormatError(reason, lineNo, detail);
  };

  const findLineEnd = (): void => {
    let i = text.indexOf('\n', pos);
    if (i === -1) i = n;
    if (i - pos > MAX_LINE_LENGTH) fail('line-too-long', `more than ${MAX_LINE_LENGTH} characters`);
    if (i === n) fail('truncated', 'the last line has no newline');
    lineEnd = i;
  };

  const skipSpaces = (): void => {
    while (pos < lineEnd && text.charCodeAt(pos) === SPACE) pos++;
  };

  const skipToken = (what: string): void => {
    skipSpaces();
    if (pos >= lineEnd) fail('truncated', `missing ${what}`);
    while (pos < lineEnd && text.charCodeAt(pos) !== SPACE) pos++;
  };

  const expect = (code: number, what: string): void => {
    if (pos >= lineEnd) fail('truncated', `missing ${what}`);
    if (text.charCodeAt(pos) !== code) fail('bad-field', `expected ${what} at column ${pos}`);
    pos++;
  };

  /** Exactly `len` hex digits → unsigned 32-bit value (len ≤ 8). */
  const hexWord = (len: number, what: string): number => {
    if (pos + len > lineEnd) fail('truncated', `short ${what}`);
    let v = 0;
    for (let k = 0; k < len; k++) {
      const d = hexValue(text.charCodeAt(pos++));
      if (d < 0) fail('bad-field', `non-hex digit in ${what}`);
      v = v * 16 + d;
    }
    return v;
  };

  /** 1–8 hex digits ending at a space; must fit 16 bits. */
  const hexPort = (what: string): number => {
    const start = pos;
    let v = 0;
    while (pos < lineEnd && text.charCodeAt(pos) !== SPACE) {
      const d = hexValue(text.charCodeAt(pos));
      if (d < 0) fail('bad-field', `non-hex digit in ${what}`);
      if (pos - start >= 8) fail('port-out-of-range', `${what} has too many digits`);
      v = v * 16 + d;
      pos++;
    }
    if (pos === start) fail('truncated', `missing ${what}`);
    if (v > 0xffff) fail('port-out-of-range', `${what} 0x${v.toString(16)} exceeds 0xFFFF`);
    return v;
  };

  const decimal = (what: string, allowSign: boolean): number => {
    skipSpaces();
    if (allowSign && pos < lineEnd && text.charCodeAt(pos) === 0x2d) pos++;
    const start = pos;
    let v = 0;
    for (; pos < lineEnd; pos++) {
      const ch = text.charCodeAt(pos);
      if (ch === SPACE || ch === COLON) break;
      const c = ch - 0x30;
      if (c < 0 || c > 9) fail('bad-field', `non-digit in ${what}`);
      if (pos - start >= 20) fail('bad-field', `${what} is too long`);
      v = v * 10 + c;
    }
    if (pos === start) fail('truncated', `missing ${what}`);
    return v;
  };

  /** Converts a kernel word (a big-endian 32-bit field read in host order) to its two groups. */
  const wordGroups = (word: number, i: number): void => {
    if (littleEndian) {
      groups[i] = ((word & 0xff) << 8) | ((word >>> 8) & 0xff);
      groups[i + 1] = (((word >>> 16) & 0xff) << 8) | (word >>> 24);
    } else {
      groups[i] = word >>> 16;
      groups[i + 1] = word & 0xffff;
    }
  };

  /** The kernel prints an IPv4 address as one 32-bit word in host byte order. */
  const v4Text = (w: number): string => {
    let s = v4Cache.get(w);
    if (s === undefined) {
      s = littleEndian
        ? ipv4Text(w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, w >>> 24)
        : ipv4Text(w >>> 24, (w >>> 16) & 0xff, (w >>> 8) & 0xff, w & 0xff);
      v4Cache.set(w, s);
    }
    return s;
  };

  const address = (what: string): string => {
    if (family === 4) return v4Text(hexWord(8, what));
    const start = pos;
    for (let i = 0; i < 8; i += 2) wordGroups(hexWord(8, what), i);
    const key = text.slice(start, pos);
    let s = v6Cache.get(key);
    if (s === undefined) {
      s = ipv6Text(groups);
      v6Cache.set(key, s);
    }
    return s;
  };

  if (n === 0) fail('missing-header', 'empty input');
  // One native scan rejects control characters (CR, NUL, tabs) and anything non-ASCII up front,
  // so the per-field code below never meets them.
  const bad = FORBIDDEN.exec(text);
  if (bad) {
    lineNo = lineOf(text, bad.index);
    fail('unexpected-character', `code ${text.charCodeAt(bad.index)}`);
  }
  findLineEnd();
  skipSpaces();
  if (text.charCodeAt(pos) !== 0x73 || text.charCodeAt(pos + 1) !== 0x6c) fail('missing-header', 'first line is not the "sl" header');
  pos = lineEnd + 1;

  const fast = family === 4 ? LINE4 : LINE6;
  const fastAddress = (hexText: string): string => {
    if (family === 4) return v4Text(parseInt(hexText, 16));
    let s = v6Cache.get(hexText);
    if (s === undefined) {
      for (let i = 0; i < 4; i++) wordGroups(parseInt(hexText.slice(i * 8, i * 8 + 8), 16), i * 2);
      s = ipv6Text(groups);
      v6Cache.set(hexText, s);
    }
    return s;
  };

  while (pos < n) {
    lineNo++;
    findLineEnd();
    fast.lastIndex = pos;
    const m = fast.exec(text);
    if (m !== null) {
      pos = lineEnd + 1;
      const state = parseInt(m[5]!, 16);
      const localPort = parseInt(m[2]!, 16);
      if ((wantState !== -1 && state !== wantState) || (wantPort !== -1 && localPort !== wantPort)) continue;
      out.push({
        family,
        localAddress: fastAddress(m[1]!),
        localPort,
        remoteAddress: fastAddress(m[3]!),
        remotePort: parseInt(m[4]!, 16),
        state,
        uid: Number(m[6]),
        inode: Number(m[7]),
      });
      continue;
    }
    skipSpaces();
    decimal('slot', false);
    expect(COLON, "':' after slot");
    skipSpaces();
    const localAddress = address('local address');
    expect(COLON, "':' before local port");
    const localPort = hexPort('local port');
    skipSpaces();
    if (pos + addrHexLen > lineEnd) fail('truncated', 'missing remote address');
    const remoteAddress = address('remote address');
    expect(COLON, "':' before remote port");
    const remotePort = hexPort('remote port');
    skipSpaces();
    const state = hexWord(2, 'state');
    if (pos < lineEnd && text.charCodeAt(pos) !== SPACE) fail('bad-field', 'state is longer than 2 digits');
    skipToken('tx/rx queue');
    skipToken('timer');
    skipToken('retransmits');
    const uid = decimal('uid', false);
    decimal('timeout', true);
    const inode = decimal('inode', false);
    pos = lineEnd + 1;
    if ((wantState === -1 || state === wantState) && (wantPort === -1 || localPort === wantPort)) {
      out.push({ family, localAddress, localPort, remoteAddress, remotePort, state, uid, inode });
    }
  }
  return out;
}
