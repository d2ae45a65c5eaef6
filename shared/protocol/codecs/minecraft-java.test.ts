import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CodecError } from './bytes';
import { decodeStatusFrame, decodeVarInt, encodeStatusRequest, encodeStatusResponse, encodeVarInt, javaInfoFromStatus } from './minecraft-java';

const hex = (s: string): Uint8Array => Uint8Array.from(s.trim().split(/\s+/).map((h) => parseInt(h, 16)));

describe('Minecraft Java Server List Ping', () => {
  // The VarInt table on wiki.vg ("Data types").
  it.each([
    [0, '00'], [1, '01'], [2, '02'], [127, '7f'], [128, '80 01'], [255, 'ff 01'], [25565, 'dd c7 01'],
    [2097151, 'ff ff 7f'], [2147483647, 'ff ff ff ff 07'], [-1, 'ff ff ff ff 0f'], [-2147483648, '80 80 80 80 08'],
  ])('VarInt %i is %s', (n, bytes) => {
    expect(encodeVarInt(n)).toEqual(hex(bytes));
    expect(decodeVarInt(hex(bytes))).toEqual({ value: n, size: hex(bytes).length });
  });
  it('VarInt round-trips and refuses 6-byte encodings', () => {
    fc.assert(fc.property(fc.integer({ min: -2147483648, max: 2147483647 }), (n) => {
      expect(decodeVarInt(encodeVarInt(n))?.value).toBe(n);
    }));
    expect(() => decodeVarInt(hex('80 80 80 80 80 01'))).toThrow(CodecError);
    expect(decodeVarInt(hex('80 80'))).toBeNull();
  });
  it('frames the handshake and status request as the wiki lays them out', () => {
    // len 0x13 (19 bytes), id 0, protocol -1, "localhost", port 25565, next state 1; then len 1, id 0.
    expect(encodeStatusRequest('localhost', 25565)).toEqual(
      hex('13 00 ff ff ff ff 0f 09 6c 6f 63 61 6c 68 6f 73 74 63 dd 01 01 00'),
    );
  });
  it('reads the status JSON from the wiki example, chat components and § codes flattened', () => {
    const json = JSON.stringify({
      version: { name: '1.21.4', protocol: 769 },
      players: { max: 20, online: 3, sample: [{ name: 'thinkofdeath', id: '4566e69f-c907-48ee-8d71-d7ba5aa00d20' }] },
      description: { text: 'Hello, ', extra: [{ text: '§aworld' }] },
      favicon: 'data:image/png;base64,<data>',
    });
    const frame = encodeStatusResponse(json);
    expect(decodeStatusFrame(frame.subarray(0, frame.length - 1))).toBeNull();
    expect(javaInfoFromStatus(decodeStatusFrame(frame) as string)).toEqual({
      kind: 'minecraft-java', version: '1.21.4', protocolVersion: 769, playersOnline: 3, playersMax: 20, motd: 'Hello, world',
    });
    expect(javaInfoFromStatus('{"version":{"name":"Paper 1.20","protocol":763},"description":"plain"}').motd).toBe('plain');
  });
  it('refuses hostile frames and non-status JSON with CodecError', () => {
    expect(() => javaInfoFromStatus('{"hello":1}')).toThrow(CodecError);
    expect(() => javaInfoFromStatus('<html>')).toThrow(CodecError);
    expect(() => decodeStatusFrame(hex('ff ff ff ff 07'))).toThrow(CodecError);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60 }), (b) => {
        try {
          const json = decodeStatusFrame(b);
          if (json !== null) javaInfoFromStatus(json);
        } catch (e) {
          expect(e).toBeInstanceOf(CodecError);
        }
      }),
    );
  });
});
