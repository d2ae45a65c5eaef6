// The documented `--json` document of `listeners` and `who-has`, written straight to text.
import type { Listener } from '../../../shared/channels/listeners';

/** The `--json` row: exactly the fields documented in issue 4, in that order. */
export const JSON_FIELDS = ['protocol', 'family', 'address', 'port', 'pid', 'process', 'command', 'user', 'exposure', 'category', 'service'] as const;

/** Rows per piece handed to `write`: a few hundred KB, so no large text is built or held. */
const ROWS_PER_PIECE = 1024;

/** The fields from pid to user, as one text: they are the same for every socket of a process. */
interface OwnerText {
  process: string | null;
  command: string | null;
  user: string | null;
  text: string;
}

/** Pretty (`JSON.stringify(…, null, 2)`) or compact (`JSON.stringify(…)`, one line: `--watch`). */
export type JsonLayout = 'pretty' | 'compact';

/** The whitespace of each layout: after `[`/`,` before a row, inside a row, and the closing. */
const LAYOUTS = {
  pretty: { row: '\n    ', field: '\n      ', rowEnd: '\n    }', colon: ': ', open: '{\n  "listeners": [', close: '\n  ]\n}\n', empty: '{\n  "listeners": []\n}\n' },
  compact: { row: '', field: '', rowEnd: '}', colon: ':', open: '{"listeners":[', close: ']}\n', empty: '{"listeners":[]}\n' },
} as const;

/**
 * What `--watch` keeps between documents (one layout per memo): each row's text by row object (the
 * warm engine hands back the same object for an unchanged socket), and the last document whole.
 */
export interface JsonMemo {
  rowTexts: WeakMap<Listener, string>;
  last: { rows: readonly Listener[]; text: string } | null;
}

export const newJsonMemo = (): JsonMemo => ({ rowTexts: new WeakMap(), last: null });

const sameRows = (a: readonly Listener[], b: readonly Listener[]) => a.length === b.length && a.every((r, i) => r === b[i]);

/**
 * Writes exactly `JSON.stringify({ listeners: rows.map(pick JSON_FIELDS) }, null, 2)` (or without
 * the indentation: `compact`) and a newline, in pieces (the test holds the two side by side for
 * any rows). By hand because with 12,500 rows the text is about 8 MB, command lines repeating per
 * socket: the generic path takes about twice as long, building objects, escaping each command line
 * again and again, and holding the whole text. Here each distinct string is quoted once and each
 * process's fields are one text. With a memo (`--watch`) the whole text is kept for next time.
 */
export function writeListenersJson(rows: readonly Listener[], write: (text: string) => void, layout: JsonLayout = 'pretty', memo?: JsonMemo): void {
  if (memo !== undefined) {
    // The same rows as last time: the same text, written again without being made again.
    if (memo.last === null || !sameRows(memo.last.rows, rows)) {
      const pieces: string[] = [];
      writeRows(rows, (t) => pieces.push(t), layout, memo.rowTexts);
      memo.last = { rows: [...rows], text: pieces.join('') };
    }
    write(memo.last.text);
    return;
  }
  writeRows(rows, write, layout);
}

function writeRows(rows: readonly Listener[], write: (text: string) => void, layout: JsonLayout, rowTexts?: WeakMap<Listener, string>): void {
  const { row: rowStart, field: f, rowEnd, colon: c, open, close, empty } = LAYOUTS[layout];
  if (rows.length === 0) {
    write(empty);
    return;
  }
  const quoted = new Map<string, string>();
  const quote = (s: string | null): string => {
    if (s === null) return 'null';
    let q = quoted.get(s);
    if (q === undefined) {
      q = JSON.stringify(s);
      quoted.set(s, q);
    }
    return q;
  };
  const owners = new Map<number | null, OwnerText>();
  const ownerText = (r: Listener): string => {
    let o = owners.get(r.pid);
    if (o === undefined || o.process !== r.process || o.command !== r.command || o.user !== r.user) {
      const text = `,${f}"pid"${c}${r.pid ?? 'null'},${f}"process"${c}${quote(r.process)},${f}"command"${c}${quote(r.command)},${f}"user"${c}${quote(r.user)}`;
      o = { process: r.process, command: r.command, user: r.user, text };
      owners.set(r.pid, o);
    }
    return o.text;
  };
  // Protocol, exposure and category are closed sets of plain words: nothing in them to escape.
  const parts: string[] = [open];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (i > 0) parts.push(',');
    let text = rowTexts?.get(r);
    if (text === undefined) {
      text =
        `${rowStart}{${f}"protocol"${c}"${r.protocol}",${f}"family"${c}${r.family},${f}"address"${c}${quote(r.address)},${f}"port"${c}${r.port}` +
        ownerText(r) +
        `,${f}"exposure"${c}"${r.exposure}",${f}"category"${c}"${r.category}",${f}"service"${c}${quote(r.service)}${rowEnd}`;
      if (rowTexts !== undefined) {
        // Read one character so V8 flattens the joined pieces now: later joins then copy it whole.
        text.charCodeAt(0);
        rowTexts.set(r, text);
      }
    }
    parts.push(text);
    if ((i + 1) % ROWS_PER_PIECE === 0) {
      write(parts.join(''));
      parts.length = 0;
    }
  }
  parts.push(close);
  write(parts.join(''));
}

/** The whole document as one text. */
export function listenersJsonText(rows: readonly Listener[], layout: JsonLayout = 'pretty'): string {
  const pieces: string[] = [];
  writeListenersJson(rows, (t) => pieces.push(t), layout);
  return pieces.join('');
}
