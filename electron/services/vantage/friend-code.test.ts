// Friend codes: round trip over every address family, protocol and port; typos and junk are refused with a reason.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFriendCode, encodeFriendCode } from './friend-code';

const secret = Uint8Array.from({ length: 16 }, (_, i) => i * 7);

describe('friend codes', () => {
  it('round-trips IPv4 and IPv6 addresses, both protocols, every port', () => {
    const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((b) => b.join('.'));
    const v6 = fc.ipV6();
    fc.assert(
      fc.property(fc.oneof(v4, v6), fc.integer({ min: 1, max: 65535 }), fc.constantFrom('tcp' as const, 'udp' as const), fc.uint8Array({ minLength: 16, maxLength: 16 }), (address, port, protocol, s) => {
        const code = encodeFriendCode({ address, port, protocol, secret: s });
        const back = decodeFriendCode(code);
        expect(back.port).toBe(port);
        expect(back.protocol).toBe(protocol);
        expect([...back.secret]).toEqual([...s]);
        // Canonical text may differ for IPv6 (`0:0::1` vs `::1`); the re-encoded code must not.
        expect(encodeFriendCode(back)).toBe(code);
      }),
    );
  });

  it('reads a code typed in lower case, with spaces, and O for 0 / I or L for 1', () => {
    const code = encodeFriendCode({ address: '198.51.100.10', port: 7777, protocol: 'udp', secret });
    expect(code).toMatch(/^PD-[0-9A-HJKMNP-TV-Z]{1,6}(-[0-9A-HJKMNP-TV-Z]{1,6})+$/);
    const sloppy = ` ${code.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o').replaceAll('1', 'l')} `;
    expect(decodeFriendCode(sloppy)).toMatchObject({ address: '198.51.100.10', port: 7777, protocol: 'udp' });
  });

  it('refuses a code with one character changed, one missing or one added, and says which', () => {
    const code = encodeFriendCode({ address: '203.0.113.20', port: 25565, protocol: 'tcp', secret });
    const body = code.slice(3).replaceAll('-', '');
    for (let i = 0; i < body.length; i++) {
      const swapped = body.slice(0, i) + (body[i] === 'A' ? 'B' : 'A') + body.slice(i + 1);
      expect(() => decodeFriendCode(swapped)).toThrow(TypeError);
    }
    // Every other last character (same data bits, other unused bits) is refused too: one code, one spelling.
    const last = body.at(-1)!;
    for (const ch of '0123456789ABCDEFGHJKMNPQRSTVWXYZ') if (ch !== last) expect(() => decodeFriendCode(body.slice(0, -1) + ch)).toThrow(TypeError);
    expect(() => decodeFriendCode(body.slice(0, -2))).toThrow(/too short/);
    expect(() => decodeFriendCode(`${body}AB`)).toThrow(/too long/);
    expect(() => decodeFriendCode('PD-')).toThrow(/empty/);
    expect(() => decodeFriendCode('PD-!!!')).toThrow(/character/);
  });

  it('never throws anything but a TypeError on hostile text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (text) => {
        try {
          decodeFriendCode(text);
        } catch (e) {
          expect(e).toBeInstanceOf(TypeError);
        }
      }),
    );
  });

  it('refuses to encode a host name or port 0', () => {
    expect(() => encodeFriendCode({ address: 'example.test', port: 1, protocol: 'tcp', secret })).toThrow(TypeError);
    expect(() => encodeFriendCode({ address: '1.2.3.4', port: 0, protocol: 'tcp', secret })).toThrow(RangeError);
  });
});
