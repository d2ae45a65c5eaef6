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

/**
 * Writes exactly `JSON.stringify({ listeners: rows.map(pick JSON_FIELDS) }, null, 2)` and a
 * newline, in pieces (the test holds the two side by side for any rows). By hand because with
 * 12,500 rows the text is about 8 MB, command lines repeating per socket: the generic path takes
 * about twice as long, building objects, escaping each command line again and again, and holding
 * the whole text. Here each distinct string is quoted once and each process's fields are one text.
 */
export function writeListenersJson(rows: readonly Listener[], write: (text: string) => void): void {
  if (rows.length === 0) {
    write('{\n  "listeners": []\n}\n');
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
      const text = `,\n      "pid": ${r.pid ?? 'null'},\n      "process": ${quote(r.process)},\n      "command": ${quote(r.command)},\n      "user": ${quote(r.user)}`;
      o = { process: r.process, command: r.command, user: r.user, text };
      owners.set(r.pid, o);
    }
    return o.text;
  };
  // Protocol, exposure and category are closed sets of plain words: nothing in them to escape.
  const parts: string[] = ['{\n  "listeners": ['];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    parts.push(
      `${i === 0 ? '' : ','}\n    {\n      "protocol": "${r.protocol}",\n      "family": ${r.family},\n      "address": ${quote(r.address)},\n      "port": ${r.port}`,
      ownerText(r),
      `,\n      "exposure": "${r.exposure}",\n      "category": "${r.category}",\n      "service": ${quote(r.service)}\n    }`,
    );
    if ((i + 1) % ROWS_PER_PIECE === 0) {
      write(parts.join(''));
      parts.length = 0;
    }
  }
  parts.push('\n  ]\n}\n');
  write(parts.join(''));
}

/** The whole document as one text. */
export function listenersJsonText(rows: readonly Listener[]): string {
  const pieces: string[] = [];
  writeListenersJson(rows, (t) => pieces.push(t));
  return pieces.join('');
}
