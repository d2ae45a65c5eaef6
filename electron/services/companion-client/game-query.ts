// Asks the local game server the same fixed question the companion asked from outside, for comparison.
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import type { UdpQuery } from '../../../shared/companion-protocol';
import { a2sInfoQuery, parseGameReply, raknetPing, type GameReply } from '../../../shared/game-queries';

/** A local game server answers a query in microseconds; half a second covers a loaded machine. */
export const LOCAL_QUERY_WAIT_MS = 500;

/** The game queries tried on a held UDP port: Bedrock-style RakNet first, then Steam's A2S. */
export const HELD_UDP_QUERIES: readonly Exclude<UdpQuery, 'nonce'>[] = ['raknet-ping', 'a2s-info'];

export function queryLocalGameServer(port: number, query: Exclude<UdpQuery, 'nonce'>, waitMs = LOCAL_QUERY_WAIT_MS): Promise<GameReply | null> {
  const payload = query === 'a2s-info' ? a2sInfoQuery() : raknetPing(BigInt(Date.now()), new Uint8Array(randomBytes(8)));
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    const done = (reply: GameReply | null) => {
      clearTimeout(timer);
      socket.close();
      resolve(reply);
    };
    const timer = setTimeout(() => done(null), waitMs);
    socket.on('error', () => done(null));
    socket.on('message', (msg) => done(parseGameReply(new Uint8Array(msg))));
    socket.send(payload, port, '127.0.0.1');
  });
}
