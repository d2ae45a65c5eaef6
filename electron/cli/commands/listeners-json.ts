// The documented `--json` document of `listeners` and `who-has`, written straight to UTF-8 bytes.
import type { Listener } from '../../../shared/channels/listeners';

/** The `--json` row: exactly the fields documented in issue 4, in that order. */
export const JSON_FIELDS = ['protocol', 'family', 'address', 'port', 'pid', 'process', 'command', 'user', 'exposure', 'category', 'service'] as const;

/**
 * Bytes per piece handed to `write`. A piece always ends between two whole texts, so each is valid
 * UTF-8 on its own, and it is never written into again (the consumer may hold it: a pipe on
 * Windows is written asynchronously).
 */
const PIECE_BYTES = 1 << 20;

/** Pretty (`JSON.stringify(…, null, 2)`) or compact (`JSON.stringify(…)`, one line: `--watch`). */
export type JsonLayout = 'pretty' | 'compact';

/** The whitespace of each layout: after `[`/`,` before a row, inside a row, and the closing. */
const LAYOUTS = {
  pretty: { row: '\n    ', field: '\n      ', rowEnd: '\n    }', colon: ': ', open: '{\n  "listeners": [', close: '\n  ]\n}\n', empty: '{\n  "listeners": []\n}\n' },
  compact: { row: '', field: '', rowEnd: '}', colon: ':', open: '{"listeners":[', close: ']}\n', empty: '{"listeners":[]}\n' },
} as const;

/**
 * What `--watch` keeps between documents (one layout per memo): each row's bytes by row object (the
 * warm engine hands back the same object for an unchanged socket), and the last document's pieces.
 */
export interface JsonMemo {
  rowBytes: WeakMap<Listener, Uint8Array>;
  last: { rows: readonly Listener[]; pieces: Uint8Array[] } | null;
}

export const newJsonMemo = (): JsonMemo => ({ rowBytes: new WeakMap(), last: null });

const sameRows = (a: readonly Listener[], b: readonly Listener[]) => a.length === b.length && a.every((r, i) => r === b[i]);

/**
 * Writes exactly `JSON.stringify({ listeners: rows.map(pick JSON_FIELDS) }, null, 2)` (or without
 * the indentation: `compact`) and a newline, as UTF-8, in pieces (the test holds the two side by
 * side for any rows). By hand, as bytes, because with 12,500 rows the document is about 8 MB with
 * command lines repeating per socket: the generic path takes about twice as long, escaping each
 * command line again and again, and making text that is then encoded again. Here each distinct
 * string is quoted and encoded once, and each process's fields are one run of bytes copied per
 * socket. With a memo (`--watch`) the document is kept for next time.
 */
export function writeListenersJson(rows: readonly Listener[], write: (bytes: Uint8Array) => void, layout: JsonLayout = 'pretty', memo?: JsonMemo): void {
  if (memo === undefined) {
    writeRows(rows, write, layout);
    return;
  }
  // The same rows as last time: the same pieces, written again without being made again.
  if (memo.last === null || !sameRows(memo.last.rows, rows)) {
    const pieces: Uint8Array[] = [];
    writeRows(rows, (b) => pieces.push(b), layout, memo.rowBytes);
    memo.last = { rows: [...rows], pieces };
  }
  for (const piece of memo.last.pieces) write(piece);
}

/** The fields from pid to user, as one run of bytes: they are the same for every socket of a process. */
interface OwnerBytes {
  process: string | null;
  command: string | null;
  user: string | null;
  bytes: Uint8Array;
}

/** Room for the longest number a row writes itself (a port). */
const INT_ROOM = 20;

function writeRows(rows: readonly Listener[], write: (bytes: Uint8Array) => void, layout: JsonLayout, rowBytes?: WeakMap<Listener, Uint8Array>): void {
  const { row: rowStart, field: f, rowEnd, colon: c, open, close, empty } = LAYOUTS[layout];
  // The current piece and where the next byte goes in it. Locals, not an object's fields: this
  // loop runs once per socket in a process that starts cold, before V8 has optimized anything.
  let buf = Buffer.allocUnsafe(PIECE_BYTES);
  let pos = 0;
  const flush = (): void => {
    if (pos === 0) return;
    write(buf.subarray(0, pos));
    buf = Buffer.allocUnsafe(PIECE_BYTES);
    pos = 0;
  };
  /** Makes room for `n` bytes in the current piece, handing the piece on first if they do not fit. */
  const room = (n: number): void => {
    if (pos + n <= buf.length) return;
    flush();
    if (n > buf.length) buf = Buffer.allocUnsafe(n);
  };
  /** Copies a run of bytes into the current piece, or the next one if it does not fit. */
  const put = (b: Uint8Array): void => {
    const n = b.length;
    if (pos + n > buf.length) room(n);
    // A byte loop beats a TypedArray copy call for the short runs (quotes, commas, small words).
    if (n < 16) for (let i = 0; i < n; i++) buf[pos + i] = b[i]!;
    else buf.set(b, pos);
    pos += n;
  };
  /** A non-negative safe integer in decimal (a port). */
  const putInt = (v: number): void => {
    let digits = 1;
    for (let p = 10; p <= v; p *= 10) digits++;
    pos += digits;
    for (let i = pos - 1; digits > 0; i--, digits--, v = Math.floor(v / 10)) buf[i] = 0x30 + (v % 10);
  };
  const bytes = (text: string): Uint8Array => Buffer.from(text, 'utf8');
  const putText = (text: string): void => put(bytes(text));
  if (rows.length === 0) {
    putText(empty);
    flush();
    return;
  }
  const quoted = new Map<string, Uint8Array>();
  const NULL = bytes('null');
  const quote = (s: string | null): Uint8Array => {
    if (s === null) return NULL;
    let q = quoted.get(s);
    if (q === undefined) quoted.set(s, (q = bytes(JSON.stringify(s))));
    return q;
  };
  // Protocol, family, exposure and category are closed sets of plain words: nothing in them to
  // escape. The fields before the address, and those between the owner and the service, are one run each.
  const heads = new Map<string, Uint8Array>();
  const head = (r: Listener): Uint8Array => {
    const key = `${r.protocol} ${r.family}`;
    let b = heads.get(key);
    if (b === undefined) heads.set(key, (b = bytes(`${rowStart}{${f}"protocol"${c}"${r.protocol}",${f}"family"${c}${r.family},${f}"address"${c}`)));
    return b;
  };
  const middles = new Map<string, Uint8Array>();
  const middle = (r: Listener): Uint8Array => {
    const key = `${r.exposure} ${r.category}`;
    let b = middles.get(key);
    if (b === undefined) middles.set(key, (b = bytes(`,${f}"exposure"${c}"${r.exposure}",${f}"category"${c}"${r.category}",${f}"service"${c}`)));
    return b;
  };
  const owners = new Map<number | null, OwnerBytes>();
  const owner = (r: Listener): Uint8Array => {
    let o = owners.get(r.pid);
    if (o === undefined || o.process !== r.process || o.command !== r.command || o.user !== r.user) {
      const text = `,${f}"pid"${c}${r.pid ?? 'null'},${f}"process"${c}${JSON.stringify(r.process)},${f}"command"${c}${JSON.stringify(r.command)},${f}"user"${c}${JSON.stringify(r.user)}`;
      o = { process: r.process, command: r.command, user: r.user, bytes: bytes(text) };
      owners.set(r.pid, o);
    }
    return o.bytes;
  };
  const PORT = bytes(`,${f}"port"${c}`);
  const ROW_END = bytes(rowEnd);
  const COMMA = bytes(',');
  putText(open);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const made = rowBytes?.get(r);
    if (made !== undefined) {
      if (i > 0) put(COMMA);
      put(made);
      continue;
    }
    const h = head(r);
    const address = quote(r.address);
    const o = owner(r);
    const m = middle(r);
    const service = quote(r.service);
    // A row kept for next time must lie in one piece.
    if (rowBytes !== undefined) room(1 + h.length + address.length + PORT.length + INT_ROOM + o.length + m.length + service.length + ROW_END.length);
    if (i > 0) put(COMMA);
    const start = pos;
    put(h);
    put(address);
    put(PORT);
    if (pos + INT_ROOM > buf.length) room(INT_ROOM);
    putInt(r.port);
    put(o);
    put(m);
    put(service);
    put(ROW_END);
    // A view of this piece, which is never written into again.
    if (rowBytes !== undefined) rowBytes.set(r, buf.subarray(start, pos));
  }
  putText(close);
  flush();
}

/** The whole document as one text. */
export function listenersJsonText(rows: readonly Listener[], layout: JsonLayout = 'pretty'): string {
  const pieces: Uint8Array[] = [];
  writeListenersJson(rows, (b) => pieces.push(b), layout);
  return Buffer.concat(pieces).toString('utf8');
}
