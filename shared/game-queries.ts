// Fixed game-server queries the companion may send to a held UDP port, and parsers for their answers.
// Sources: Valve A2S (developer.valvesoftware.com/wiki/Server_queries), RakNet unconnected ping/pong.

/** A2S_INFO request: 0xFFFFFFFF 'T' "Source Engine Query\0" (25 bytes). */
export function a2sInfoQuery(): Uint8Array {
  const text = 'Source Engine Query';
  const out = new Uint8Array(4 + 1 + text.length + 1);
  out.fill(0xff, 0, 4);
  out[4] = 0x54;
  for (let i = 0; i < text.length; i++) out[5 + i] = text.charCodeAt(i);
  return out;
}

/** RakNet's offline-message magic, present in every unconnected ping and pong. */
export const RAKNET_MAGIC = Uint8Array.from([0x00, 0xff, 0xff, 0x00, 0xfe, 0xfe, 0xfe, 0xfe, 0xfd, 0xfd, 0xfd, 0xfd, 0x12, 0x34, 0x56, 0x78]);

/** Unconnected ping (0x01): 8-byte time, magic, 8-byte client GUID — 33 bytes, all chosen by the sender. */
export function raknetPing(time: bigint, clientGuid: Uint8Array): Uint8Array {
  if (clientGuid.length !== 8) throw new RangeError('client GUID must be 8 bytes');
  const out = new Uint8Array(33);
  out[0] = 0x01;
  new DataView(out.buffer).setBigUint64(1, time);
  out.set(RAKNET_MAGIC, 9);
  out.set(clientGuid, 25);
  return out;
}

export type GameReply =
  | { protocol: 'raknet'; serverGuid: string; motd: string }
  | { protocol: 'a2s'; kind: 'challenge' }
  | { protocol: 'a2s'; kind: 'info'; name: string; map: string; folder: string; game: string };

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** Unconnected pong (0x1c): time(8) guid(8) magic(16) len(2) motd — null when it is not one. */
function parseRaknetPong(b: Uint8Array): GameReply | null {
  if (b.length < 35 || b[0] !== 0x1c) return null;
  for (let i = 0; i < 16; i++) if (b[17 + i] !== RAKNET_MAGIC[i]) return null;
  const len = (b[33]! << 8) | b[34]!;
  if (35 + len > b.length) return null;
  let motd = '';
  for (const c of b.subarray(35, 35 + len)) motd += String.fromCharCode(c);
  return { protocol: 'raknet', serverGuid: hex(b.subarray(9, 17)), motd };
}

function parseA2s(b: Uint8Array): GameReply | null {
  if (b.length < 5 || b[0] !== 0xff || b[1] !== 0xff || b[2] !== 0xff || b[3] !== 0xff) return null;
  if (b[4] === 0x41 && b.length === 9) return { protocol: 'a2s', kind: 'challenge' };
  if (b[4] !== 0x49 || b.length < 7) return null;
  // 'I', protocol byte, then four NUL-terminated strings: name, map, folder, game.
  let at = 6;
  const strings: string[] = [];
  while (strings.length < 4) {
    const end = b.indexOf(0, at);
    if (end < 0) return null;
    let s = '';
    for (const c of b.subarray(at, end)) s += String.fromCharCode(c);
    strings.push(s);
    at = end + 1;
  }
  const [name, map, folder, game] = strings as [string, string, string, string];
  return { protocol: 'a2s', kind: 'info', name, map, folder, game };
}

/** What a game server answered, or null for anything else (never throws). */
export function parseGameReply(bytes: Uint8Array): GameReply | null {
  return parseRaknetPong(bytes) ?? parseA2s(bytes);
}

/**
 * Whether two answers came from the same server instance: RakNet's server GUID is random per
 * server start; A2S_INFO's name/map/folder identify it well enough. A bare A2S challenge proves
 * only that *an* A2S server answered, so it never counts.
 */
export function sameGameServer(a: GameReply | null, b: GameReply | null): boolean {
  if (!a || !b || a.protocol !== b.protocol) return false;
  if (a.protocol === 'raknet' && b.protocol === 'raknet') return a.serverGuid === b.serverGuid && a.motd === b.motd;
  if (a.protocol === 'a2s' && b.protocol === 'a2s' && a.kind === 'info' && b.kind === 'info') {
    return a.name === b.name && a.map === b.map && a.folder === b.folder && a.game === b.game;
  }
  return false;
}
