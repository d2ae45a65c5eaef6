// Steam A2S_INFO (Valve Developer Wiki, "Server queries"): request, the S2C_CHALLENGE answer that
// newer servers send first, and the 'I' info reply — for Source games, Valheim, ARK, Rust, ...
import type { ServiceInfo } from '../../channels/probe';
import { ByteReader, CodecError, concatBytes, printable } from './bytes';

const SIMPLE_HEADER = Uint8Array.of(0xff, 0xff, 0xff, 0xff);
const A2S_INFO = 0x54;
const S2C_CHALLENGE = 0x41;
const S2A_INFO = 0x49;
/** The Ship (app 2400) inserts three bytes after the VAC flag. */
const THE_SHIP_APP_ID = 2400;
const PAYLOAD = new TextEncoder().encode('Source Engine Query\0');

export function encodeInfoRequest(challenge?: Uint8Array): Uint8Array {
  if (challenge && challenge.length !== 4) throw new RangeError('an A2S challenge is 4 bytes');
  return concatBytes(SIMPLE_HEADER, Uint8Array.of(A2S_INFO), PAYLOAD, challenge ?? new Uint8Array(0));
}

export type InfoReply = { type: 'challenge'; challenge: Uint8Array } | { type: 'info'; info: ServiceInfo & { kind: 'steam-a2s' } };

export function decodeInfoReply(bytes: Uint8Array): InfoReply {
  const r = new ByteReader(bytes);
  if (r.u8() !== 0xff || r.u8() !== 0xff || r.u8() !== 0xff || r.u8() !== 0xff) {
    throw new CodecError('not a single-packet Steam reply');
  }
  const type = r.u8();
  if (type === S2C_CHALLENGE) return { type: 'challenge', challenge: Uint8Array.from(r.take(4)) };
  if (type !== S2A_INFO) throw new CodecError(`unexpected A2S reply type 0x${type.toString(16)}`);
  r.u8(); // protocol version
  const name = r.cstring();
  const map = r.cstring();
  r.cstring(); // folder
  const game = r.cstring();
  const appId = r.u16le();
  const players = r.u8();
  const maxPlayers = r.u8();
  r.u8(); // bots
  r.u8(); // server type
  r.u8(); // environment
  r.u8(); // visibility
  r.u8(); // VAC
  if (appId === THE_SHIP_APP_ID) r.take(3);
  const version = r.cstring();
  return {
    type: 'info',
    info: {
      kind: 'steam-a2s',
      name: printable(name),
      map: printable(map),
      game: printable(game),
      appId,
      players,
      maxPlayers,
      version: printable(version, 40),
    },
  };
}

/** Builds an 'I' reply the way a server does (for stand-in servers in tests). */
export function encodeInfoReply(i: { name: string; map: string; folder: string; game: string; appId: number; players: number; maxPlayers: number; version: string }): Uint8Array {
  const s = (t: string): Uint8Array => new TextEncoder().encode(`${t}\0`);
  return concatBytes(
    SIMPLE_HEADER,
    Uint8Array.of(S2A_INFO, 0x11),
    s(i.name),
    s(i.map),
    s(i.folder),
    s(i.game),
    Uint8Array.of(i.appId & 0xff, (i.appId >> 8) & 0xff, i.players, i.maxPlayers, 0, 0x64, 0x6c, 0, 1),
    s(i.version),
  );
}

export function encodeChallenge(challenge: Uint8Array): Uint8Array {
  return concatBytes(SIMPLE_HEADER, Uint8Array.of(S2C_CHALLENGE), challenge);
}
