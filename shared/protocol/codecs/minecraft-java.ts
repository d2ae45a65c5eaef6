// Minecraft Java Edition Server List Ping (wiki.vg "Server List Ping"): VarInt-framed handshake and
// status request; the status response is JSON with version, players and description.
import type { ServiceInfo } from '../../channels/probe';
import { CodecError, concatBytes, printable } from './bytes';

/** "The client doesn't know which version it is": any server answers a status request for it. */
export const UNKNOWN_PROTOCOL_VERSION = -1;
const HANDSHAKE_ID = 0x00;
const STATUS_ID = 0x00;
const NEXT_STATE_STATUS = 1;
/** A status JSON with a favicon is tens of kB; past this the peer is not a Minecraft server. */
export const MAX_STATUS_FRAME = 256 * 1024;

export function encodeVarInt(value: number): Uint8Array {
  if (!Number.isInteger(value) || value < -2147483648 || value > 2147483647) throw new RangeError('VarInt is a 32-bit integer');
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
  return Uint8Array.from(out);
}

/** null: more bytes needed. Throws when the VarInt is longer than 5 bytes. */
export function decodeVarInt(bytes: Uint8Array, offset = 0): { value: number; size: number } | null {
  let result = 0;
  for (let i = 0; i < 5; i++) {
    const b = bytes[offset + i];
    if (b === undefined) return null;
    result |= (b & 0x7f) << (7 * i);
    if ((b & 0x80) === 0) return { value: result | 0, size: i + 1 };
  }
  throw new CodecError('VarInt longer than 5 bytes');
}

function frame(id: number, ...fields: Uint8Array[]): Uint8Array {
  const body = concatBytes(encodeVarInt(id), ...fields);
  return concatBytes(encodeVarInt(body.length), body);
}

function mcString(text: string): Uint8Array {
  const b = new TextEncoder().encode(text);
  return concatBytes(encodeVarInt(b.length), b);
}

/** Handshake (next state: status) followed by the empty status request, ready to write. */
export function encodeStatusRequest(host: string, port: number, protocolVersion = UNKNOWN_PROTOCOL_VERSION): Uint8Array {
  const handshake = frame(HANDSHAKE_ID, encodeVarInt(protocolVersion), mcString(host), Uint8Array.of(port >> 8, port & 0xff), encodeVarInt(NEXT_STATE_STATUS));
  return concatBytes(handshake, frame(STATUS_ID));
}

/** The status response's JSON text once a whole frame is buffered; null while more is needed. */
export function decodeStatusFrame(buffered: Uint8Array): string | null {
  const len = decodeVarInt(buffered);
  if (!len) return null;
  if (len.value < 1 || len.value > MAX_STATUS_FRAME) throw new CodecError(`status frame length ${len.value} out of range`);
  if (buffered.length < len.size + len.value) return null;
  const body = buffered.subarray(len.size, len.size + len.value);
  const id = decodeVarInt(body);
  if (!id || id.value !== STATUS_ID) throw new CodecError('not a status response');
  const strLen = decodeVarInt(body, id.size);
  if (!strLen || strLen.value < 0 || id.size + strLen.size + strLen.value > body.length) throw new CodecError('bad status string length');
  const start = id.size + strLen.size;
  return new TextDecoder().decode(body.subarray(start, start + strLen.value));
}

/** Builds a status response frame around JSON (for stand-in servers in tests). */
export function encodeStatusResponse(json: string): Uint8Array {
  return frame(STATUS_ID, mcString(json));
}

type Chat = string | { text?: unknown; extra?: unknown } | unknown[];

/** A chat component flattened to its text, § formatting codes removed. */
export function chatText(c: Chat, depth = 0): string {
  if (depth > 8) return '';
  if (typeof c === 'string') return c;
  if (Array.isArray(c)) return c.map((x) => chatText(x as Chat, depth + 1)).join('');
  if (c && typeof c === 'object') {
    const own = typeof c.text === 'string' ? c.text : '';
    const extra = Array.isArray(c.extra) ? c.extra.map((x) => chatText(x as Chat, depth + 1)).join('') : '';
    return own + extra;
  }
  return '';
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isInteger(v) ? v : 0);

export function javaInfoFromStatus(json: string): ServiceInfo & { kind: 'minecraft-java' } {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (e) {
    throw new CodecError(`status is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!doc || typeof doc !== 'object') throw new CodecError('status is not a JSON object');
  const d = doc as { version?: { name?: unknown; protocol?: unknown }; players?: { online?: unknown; max?: unknown }; description?: unknown };
  if (!d.version || typeof d.version.name !== 'string') throw new CodecError('status has no version');
  return {
    kind: 'minecraft-java',
    version: printable(d.version.name, 60),
    protocolVersion: num(d.version.protocol),
    playersOnline: num(d.players?.online),
    playersMax: num(d.players?.max),
    motd: printable(chatText((d.description ?? '') as Chat).replace(/§./g, '')),
  };
}
