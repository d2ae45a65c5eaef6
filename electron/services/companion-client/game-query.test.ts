import { describe, expect, it } from 'vitest';
import { encodeChallenge, encodeInfoReply } from '../../../shared/protocol/codecs/a2s';
import { encodeUnconnectedPong } from '../../../shared/protocol/codecs/raknet';
import { gameQueryPayload, serverIdentity } from './game-query';

const pong = (serverGuid: bigint) => encodeUnconnectedPong({ timeMs: 1n, serverGuid, serverId: 'MCPE;Dedicated Server;589;1.20;0;10;1;lab;Survival;1;19132;19133;' });
const info = (name: string) => encodeInfoReply({ name, map: 'de_dust', folder: 'cstrike', game: 'Counter-Strike: Source', appId: 240, players: 1, maxPlayers: 16, version: '1.0' });

describe('game server identity for held UDP ports', () => {
  it('tells two RakNet servers apart by GUID and recognises the same one', () => {
    expect(serverIdentity('raknet-ping', pong(1n))).toBe(serverIdentity('raknet-ping', pong(1n)));
    expect(serverIdentity('raknet-ping', pong(1n))).not.toBe(serverIdentity('raknet-ping', pong(2n)));
  });

  it('uses A2S_INFO details, and never a bare challenge', () => {
    expect(serverIdentity('a2s-info', info('A'))).toBe(serverIdentity('a2s-info', info('A')));
    expect(serverIdentity('a2s-info', info('A'))).not.toBe(serverIdentity('a2s-info', info('B')));
    expect(serverIdentity('a2s-info', encodeChallenge(Uint8Array.of(1, 2, 3, 4)))).toBeNull();
  });

  it('returns null for answers of the wrong protocol or garbage', () => {
    expect(serverIdentity('a2s-info', pong(1n))).toBeNull();
    expect(serverIdentity('raknet-ping', info('A'))).toBeNull();
    expect(serverIdentity('raknet-ping', new Uint8Array([1, 2, 3]))).toBeNull();
  });

  it('sends the documented query bytes', () => {
    expect(Buffer.from(gameQueryPayload('a2s-info')).toString('latin1')).toBe('\xff\xff\xff\xffTSource Engine Query\0');
    const ping = gameQueryPayload('raknet-ping');
    expect(ping.length).toBe(33);
    expect(ping[0]).toBe(0x01);
  });
});
