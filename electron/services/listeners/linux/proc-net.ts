// Parser for /proc/net/{tcp,tcp6,udp,udp6}: one pass over the text, typed errors for bad input.
import { ipv4Text, ipv6Text } from '../ip-text';

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
const NL = 0x0a;

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
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
    const limit = Math.min(n, pos + MAX_LINE_LENGTH + 1);
    let i = pos;
    while (i < limit) {
      const c = text.charCodeAt(i);
      if (c === NL) break;
      if (c < SPACE || c > 0x7e) fail('unexpected-character', `code ${c} at column ${i - pos + 1}`);
      i++;
    }
    if (i === limit) {
      if (i - pos > MAX_LINE_LENGTH) fail('line-too-long', `more than ${MAX_LINE_LENGTH} characters`);
      fail('truncated', 'the last line has no newline');
    }
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

  const address = (what: string): string => {
    if (family === 4) {
      const w = hexWord(8, what);
      let s = v4Cache.get(w);
      if (s === undefined) {
        s = littleEndian
          ? ipv4Text(w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, w >>> 24)
          : ipv4Text(w >>> 24, (w >>> 16) & 0xff, (w >>> 8) & 0xff, w & 0xff);
        v4Cache.set(w, s);
      }
      return s;
    }
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
  findLineEnd();
  skipSpaces();
  if (text.charCodeAt(pos) !== 0x73 || text.charCodeAt(pos + 1) !== 0x6c) fail('missing-header', 'first line is not the "sl" header');
  pos = lineEnd + 1;

  while (pos < n) {
    lineNo++;
    findLineEnd();
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
