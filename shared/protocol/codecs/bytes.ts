// Bounds-checked reading of untrusted datagrams and stream frames: every overrun is a CodecError.

/** The bytes are not what the protocol says they should be (truncated, wrong magic, hostile). */
export class CodecError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'CodecError';
  }
}

export class ByteReader {
  private off = 0;
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get offset(): number {
    return this.off;
  }

  get remaining(): number {
    return this.bytes.length - this.off;
  }

  private need(n: number): number {
    if (this.off + n > this.bytes.length) throw new CodecError(`truncated: wanted ${n} bytes at ${this.off} of ${this.bytes.length}`);
    const at = this.off;
    this.off += n;
    return at;
  }

  u8(): number {
    return this.view.getUint8(this.need(1));
  }

  u16le(): number {
    return this.view.getUint16(this.need(2), true);
  }

  u16be(): number {
    return this.view.getUint16(this.need(2), false);
  }

  u64be(): bigint {
    return this.view.getBigUint64(this.need(8), false);
  }

  take(n: number): Uint8Array {
    const at = this.need(n);
    return this.bytes.subarray(at, at + n);
  }

  /** A NUL-terminated UTF-8 string (Steam's wire strings). */
  cstring(): string {
    const end = this.bytes.indexOf(0, this.off);
    if (end < 0) throw new CodecError('unterminated string');
    const s = new TextDecoder().decode(this.bytes.subarray(this.off, end));
    this.off = end + 1;
    return s;
  }

  rest(): Uint8Array {
    return this.take(this.remaining);
  }
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Control characters out, at most `max` characters: text a service sent is shown, never run. */
export function printable(text: string, max = 200): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) continue;
    out += ch;
    if (out.length >= max) break;
  }
  return out.slice(0, max);
}
