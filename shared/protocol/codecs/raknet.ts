// Minecraft Bedrock's RakNet unconnected ping (0x01) and pong (0x1c), as documented on wiki.vg
// (Raknet Protocol) and by the Bedrock protocol docs: the pong carries `MCPE;motd;protocol;...`.
import type { ServiceInfo } from '../../channels/probe';
import { ByteReader, CodecError, bytesEqual, concatBytes, printable } from './bytes';

/** RakNet's "offline message data ID": marks unconnected packets. */
export const RAKNET_MAGIC = Uint8Array.from([0x00, 0xff, 0xff, 0x00, 0xfe, 0xfe, 0xfe, 0xfe, 0xfd, 0xfd, 0xfd, 0xfd, 0x12, 0x34, 0x56, 0x78]);
export const ID_UNCONNECTED_PING = 0x01;
export const ID_UNCONNECTED_PONG = 0x1c;

function u64be(n: bigint): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, n), false);
  return b;
}

export function encodeUnconnectedPing(timeMs: bigint, clientGuid: bigint): Uint8Array {
  return concatBytes(Uint8Array.of(ID_UNCONNECTED_PING), u64be(timeMs), RAKNET_MAGIC, u64be(clientGuid));
}

export interface UnconnectedPong {
  timeMs: bigint;
  serverGuid: bigint;
  /** The server ID string (`MCPE;...` for Bedrock). */
  serverId: string;
}

export function decodeUnconnectedPong(bytes: Uint8Array): UnconnectedPong {
  const r = new ByteReader(bytes);
  if (r.u8() !== ID_UNCONNECTED_PONG) throw new CodecError('not an unconnected pong');
  const timeMs = r.u64be();
  const serverGuid = r.u64be();
  if (!bytesEqual(r.take(16), RAKNET_MAGIC)) throw new CodecError('bad RakNet magic');
  const len = r.u16be();
  const serverId = new TextDecoder().decode(r.take(len));
  return { timeMs, serverGuid, serverId };
}

export function encodeUnconnectedPong(p: UnconnectedPong): Uint8Array {
  const id = new TextEncoder().encode(p.serverId);
  if (id.length > 0xffff) throw new RangeError('server ID too long');
  const len = Uint8Array.of(id.length >> 8, id.length & 0xff);
  return concatBytes(Uint8Array.of(ID_UNCONNECTED_PONG), u64be(p.timeMs), u64be(p.serverGuid), RAKNET_MAGIC, len, id);
}

const int = (s: string | undefined): number => {
  const n = Number.parseInt(s ?? '', 10);
  return Number.isFinite(n) ? n : 0;
};

/** `MCPE;Dedicated Server;390;1.14.60;0;10;<guid>;Bedrock level;Survival;...` → service facts. */
export function bedrockInfoFromPong(pong: UnconnectedPong): ServiceInfo & { kind: 'minecraft-bedrock' } {
  const f = pong.serverId.split(';');
  if (f.length < 6 || !/^MC(PE|EE)$/.test(f[0] ?? '')) throw new CodecError('pong is not from a Minecraft Bedrock server');
  return {
    kind: 'minecraft-bedrock',
    edition: f[0] as string,
    motd: printable(f[1] ?? ''),
    protocolVersion: int(f[2]),
    version: printable(f[3] ?? '', 40),
    playersOnline: int(f[4]),
    playersMax: int(f[5]),
  };
}
