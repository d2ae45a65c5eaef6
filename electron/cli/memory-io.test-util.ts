// A CliIo that keeps what a command writes, for tests that run commands in-process.
import type { CliIo } from './command';

export interface MemoryIo {
  io: CliIo;
  /** Everything written to stdout so far, text and bytes alike. */
  out(): string;
  err(): string;
}

export function memoryIo(o: { env?: NodeJS.ProcessEnv; stderrIsTTY?: boolean; signal?: AbortSignal; onOut?: (piece: string, all: string) => void } = {}): MemoryIo {
  let out = '';
  let err = '';
  // Commands hand bytes on in pieces that are each whole UTF-8 (listeners-json.ts).
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const wrote = (piece: string): void => {
    out += piece;
    o.onOut?.(piece, out);
  };
  const io: CliIo = {
    out: wrote,
    outBytes: (bytes) => wrote(decoder.decode(bytes)),
    err: (t) => void (err += t),
    stderrIsTTY: o.stderrIsTTY ?? false,
    env: o.env ?? {},
    signal: o.signal ?? new AbortController().signal,
  };
  return { io, out: () => out, err: () => err };
}
