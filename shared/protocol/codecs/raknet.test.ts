import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CodecError } from './bytes';
import { bedrockInfoFromPong, decodeUnconnectedPong, encodeUnconnectedPing, encodeUnconnectedPong } from './raknet';

const hex = (s: string): Uint8Array => Uint8Array.from(s.trim().split(/\s+/).map((h) => parseInt(h, 16)));

describe('RakNet unconnected ping/pong', () => {
  it('lays out the ping as wiki.vg documents it: id, time, magic, client GUID', () => {
    expect(encodeUnconnectedPing(0x0102030405060708n, 0x1122334455667788n)).toEqual(
      hex('01 01 02 03 04 05 06 07 08 00 FF FF 00 FE FE FE FE FD FD FD FD 12 34 56 78 11 22 33 44 55 66 77 88'),
    );
  });
  it('reads a pong with the server ID string from wiki.vg', () => {
    const id = 'MCPE;Dedicated Server;390;1.14.60;0;10;13253860892328930865;Bedrock level;Survival;1;19132;19133;';
    const idBytes = new TextEncoder().encode(id);
    const bytes = Uint8Array.from([
      ...hex('1C 00 00 00 00 00 00 00 2A 12 34 56 78 9A BC DE F0 00 FF FF 00 FE FE FE FE FD FD FD FD 12 34 56 78'),
      0x00,
      idBytes.length,
      ...idBytes,
    ]);
    const pong = decodeUnconnectedPong(bytes);
    expect(pong.timeMs).toBe(42n);
    expect(pong.serverGuid).toBe(0x123456789abcdef0n);
    expect(bedrockInfoFromPong(pong)).toEqual({
      kind: 'minecraft-bedrock', edition: 'MCPE', motd: 'Dedicated Server', protocolVersion: 390, version: '1.14.60', playersOnline: 0, playersMax: 10,
    });
  });
  it('round-trips pongs and refuses other RakNet servers and hostile bytes', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.string({ maxLength: 100 }), (t, g, s) => {
        expect(decodeUnconnectedPong(encodeUnconnectedPong({ timeMs: t, serverGuid: g, serverId: s }))).toEqual({ timeMs: t, serverGuid: g, serverId: s });
      }),
    );
    expect(() => bedrockInfoFromPong({ timeMs: 0n, serverGuid: 0n, serverId: 'not minecraft' })).toThrow(CodecError);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60 }), (b) => {
        try {
          bedrockInfoFromPong(decodeUnconnectedPong(b));
        } catch (e) {
          expect(e).toBeInstanceOf(CodecError);
        }
      }),
    );
  });
});
