import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeInfoReply, encodeChallenge, encodeInfoReply, encodeInfoRequest } from './a2s';
import { CodecError, printable } from './bytes';

const hex = (s: string): Uint8Array => Uint8Array.from(s.trim().split(/\s+/).map((h) => parseInt(h, 16)));

describe('A2S_INFO', () => {
  it('builds the request from the Valve wiki, with and without a challenge', () => {
    expect(encodeInfoRequest()).toEqual(hex('FF FF FF FF 54 53 6F 75 72 63 65 20 45 6E 67 69 6E 65 20 51 75 65 72 79 00'));
    expect(encodeInfoRequest(hex('0A 08 5E EA'))).toEqual(
      hex('FF FF FF FF 54 53 6F 75 72 63 65 20 45 6E 67 69 6E 65 20 51 75 65 72 79 00 0A 08 5E EA'),
    );
  });
  it('reads the S2C_CHALLENGE reply from the Valve wiki', () => {
    expect(decodeInfoReply(hex('FF FF FF FF 41 0A 08 5E EA'))).toEqual({ type: 'challenge', challenge: hex('0A 08 5E EA') });
  });
  it('reads the Counter-Strike: Source reply from the Valve wiki', () => {
    const reply = hex(`FF FF FF FF 49 02 67 61 6D 65 32 78 73 2E 63 6F
      6D 20 43 6F 75 6E 74 65 72 2D 53 74 72 69 6B 65 20 53 6F 75 72 63 65 20 23 31 00 64 65 5F 64 75
      73 74 00 63 73 74 72 69 6B 65 00 43 6F 75 6E 74 65 72 2D 53 74 72 69 6B 65 3A 20 53 6F 75 72 63
      65 00 F0 00 05 10 04 64 6C 00 00 31 2E 30 2E 30 2E 32 32 00`);
    expect(decodeInfoReply(reply)).toEqual({
      type: 'info',
      info: { kind: 'steam-a2s', name: 'game2xs.com Counter-Strike Source #1', map: 'de_dust', game: 'Counter-Strike: Source', appId: 240, players: 5, maxPlayers: 16, version: '1.0.0.22' },
    });
  });
  it('round-trips a reply built the way servers build it', () => {
    fc.assert(
      fc.property(
        fc.record({
          name: fc.string({ maxLength: 60 }).filter((s) => printable(s, 200) === s),
          map: fc.stringMatching(/^[a-z_0-9]{0,20}$/),
          game: fc.stringMatching(/^[A-Za-z ]{0,20}$/),
          appId: fc.integer({ min: 0, max: 65535 }).filter((n) => n !== 2400),
          players: fc.integer({ min: 0, max: 255 }),
          maxPlayers: fc.integer({ min: 0, max: 255 }),
          version: fc.stringMatching(/^[0-9.]{0,20}$/),
        }),
        (i) => {
          const r = decodeInfoReply(encodeInfoReply({ ...i, folder: 'x' }));
          expect(r).toEqual({ type: 'info', info: { kind: 'steam-a2s', ...i } });
        },
      ),
    );
    expect(decodeInfoReply(encodeChallenge(hex('01 02 03 04')))).toEqual({ type: 'challenge', challenge: hex('01 02 03 04') });
  });
  it('refuses hostile bytes with a CodecError, never anything else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (b) => {
        try {
          decodeInfoReply(b);
        } catch (e) {
          expect(e).toBeInstanceOf(CodecError);
        }
      }),
    );
    expect(() => decodeInfoReply(hex('FF FF FF FF 49 02 61 62'))).toThrow(CodecError);
  });
});
