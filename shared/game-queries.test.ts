import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { a2sInfoQuery, parseGameReply, raknetPing, RAKNET_MAGIC, sameGameServer } from './game-queries';

const hex = (s: string) => Uint8Array.from(s.replace(/\s+/g, '').match(/../g)!.map((h) => parseInt(h, 16)));

/** A2S_INFO response example from the Valve developer wiki ("Server queries"). */
const VALVE_INFO = hex(
  'FFFFFFFF 49 02 67616D653278732E636F6D20436F756E7465722D537472696B6520536F75726365202331 00 64655F64757374 00 63737472696B65 00 436F756E7465722D537472696B653A20536F75726365 00 F000 05 10 04 64 6C 00 00 312E302E302E3232 00',
);

function pong(guid: string, motd: string): Uint8Array {
  const text = new TextEncoder().encode(motd);
  return Uint8Array.from([0x1c, ...new Uint8Array(8), ...hex(guid), ...RAKNET_MAGIC, text.length >> 8, text.length & 0xff, ...text]);
}

describe('game queries', () => {
  it('builds the documented A2S_INFO request', () => {
    expect(a2sInfoQuery()).toEqual(hex('FFFFFFFF 54 536F7572636520456E67696E6520517565727900'));
  });

  it('builds a 33-byte RakNet unconnected ping with the offline magic', () => {
    const p = raknetPing(0x0102030405060708n, new Uint8Array(8).fill(9));
    expect(p.length).toBe(33);
    expect(p[0]).toBe(0x01);
    expect(p.subarray(1, 9)).toEqual(hex('0102030405060708'));
    expect(p.subarray(9, 25)).toEqual(RAKNET_MAGIC);
  });

  it('parses the Valve wiki A2S_INFO example', () => {
    expect(parseGameReply(VALVE_INFO)).toEqual({ protocol: 'a2s', kind: 'info', name: 'game2xs.com Counter-Strike Source #1', map: 'de_dust', folder: 'cstrike', game: 'Counter-Strike: Source' });
    expect(parseGameReply(hex('FFFFFFFF 41 0A0B0C0D'))).toEqual({ protocol: 'a2s', kind: 'challenge' });
  });

  it('parses a RakNet pong and compares server identities', () => {
    const a = parseGameReply(pong('0011223344556677', 'MCPE;Dedicated Server;589;1.20;0;10;1;Bedrock level;Survival;1;19132;19133;'));
    expect(a).toMatchObject({ protocol: 'raknet', serverGuid: '0011223344556677' });
    const b = parseGameReply(pong('8899aabbccddeeff', 'MCPE;Dedicated Server;589;1.20;0;10;1;Bedrock level;Survival;1;19132;19133;'));
    expect(sameGameServer(a, a)).toBe(true);
    expect(sameGameServer(a, b)).toBe(false);
    const challenge = parseGameReply(hex('FFFFFFFF 41 0A0B0C0D'));
    expect(sameGameServer(challenge, challenge)).toBe(false);
    expect(sameGameServer(parseGameReply(VALVE_INFO), parseGameReply(VALVE_INFO))).toBe(true);
  });

  it('never throws on hostile bytes (property)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => void parseGameReply(b)), { numRuns: 3000 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (tail) => void parseGameReply(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x49, ...tail]))), { numRuns: 2000 });
    expect(parseGameReply(pong('0011223344556677', 'x').subarray(0, 30))).toBeNull();
  });
});
