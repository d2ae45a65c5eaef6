// Protocol-aware verification of a held UDP port: the same game query asked from outside (by the
// companion) and inside (here), answered by the same server instance. Codecs: the probe service's.
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import type { UdpQuery } from '../../../shared/companion-protocol';
import { decodeInfoReply, encodeInfoRequest } from '../../../shared/protocol/codecs/a2s';
import { decodeUnconnectedPong, encodeUnconnectedPing } from '../../../shared/protocol/codecs/raknet';

/** A local game server answers a query in microseconds; half a second covers a loaded machine. */
export const LOCAL_QUERY_WAIT_MS = 500;

export type GameQuery = Exclude<UdpQuery, 'nonce'>;

/** The game queries tried on a held UDP port: Bedrock-style RakNet first, then Steam's A2S. */
export const HELD_UDP_QUERIES: readonly GameQuery[] = ['raknet-ping', 'a2s-info'];

/** What identifies one running server in its answer, or null when the bytes are not such an answer. */
export function serverIdentity(query: GameQuery, reply: Uint8Array): string | null {
  try {
    if (query === 'raknet-ping') {
      // The server GUID is random per server start: two servers never share it by accident.
      const pong = decodeUnconnectedPong(reply);
      return `raknet ${pong.serverGuid.toString(16)} ${pong.serverId}`;
    }
    const r = decodeInfoReply(reply);
    // A bare challenge proves only that *an* A2S server answered: never an identity.
    if (r.type !== 'info') return null;
    return `a2s ${r.info.appId} ${r.info.name} ${r.info.map} ${r.info.game} ${r.info.maxPlayers}`;
  } catch {
    return null;
  }
}

export function gameQueryPayload(query: GameQuery): Uint8Array {
  return query === 'a2s-info' ? encodeInfoRequest() : encodeUnconnectedPing(BigInt(Date.now()), randomBytes(8).readBigUInt64BE());
}

/** Asks the local server (127.0.0.1:port) the same question; null when it stays silent or answers garbage. */
export function queryLocalGameServer(port: number, query: GameQuery, waitMs = LOCAL_QUERY_WAIT_MS): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    const done = (identity: string | null) => {
      clearTimeout(timer);
      socket.close();
      resolve(identity);
    };
    const timer = setTimeout(() => done(null), waitMs);
    socket.on('error', () => done(null));
    socket.on('message', (msg) => done(serverIdentity(query, new Uint8Array(msg))));
    socket.send(gameQueryPayload(query), port, '127.0.0.1');
  });
}
