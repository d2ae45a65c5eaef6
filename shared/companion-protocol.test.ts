import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_UDP_PROBE_BYTES,
  checkRequestSchema,
  parseJsonRefusingProto,
  parseTcpGreeting,
  parseUdpProbeDatagram,
  parseUdpReplyDatagram,
  tcpGreeting,
  udpProbeDatagram,
  udpReplyDatagram,
} from './companion-protocol';

const bytes = (s: string) => new TextEncoder().encode(s);
const nonceArb = fc.stringMatching(/^[A-Za-z0-9_-]{16,64}$/);
const serverNonceArb = fc.stringMatching(/^[0-9a-f]{32}$/);

describe('companion wire formats', () => {
  it('round-trips greetings and datagrams (property)', () => {
    fc.assert(
      fc.property(nonceArb, serverNonceArb, (nonce, server) => {
        expect(parseTcpGreeting(bytes(tcpGreeting(nonce)))).toBe(nonce);
        const probe = bytes(udpProbeDatagram(server));
        expect(probe.length).toBeLessThanOrEqual(MAX_UDP_PROBE_BYTES);
        expect(parseUdpProbeDatagram(probe)).toBe(server);
        expect(parseUdpReplyDatagram(bytes(udpReplyDatagram(server, nonce)))).toEqual({ serverNonce: server, appNonce: nonce });
      }),
    );
  });

  it('never throws on hostile bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        parseTcpGreeting(b);
        parseUdpProbeDatagram(b);
        parseUdpReplyDatagram(b);
      }),
      { numRuns: 2000 },
    );
    expect(parseTcpGreeting(bytes('PORT-DOCTOR short\n'))).toBeNull();
    expect(parseTcpGreeting(bytes('SSH-2.0-OpenSSH_9.2\r\n'))).toBeNull();
    expect(parseUdpReplyDatagram(bytes(`PDR1 ${'a'.repeat(32)} ${'b'.repeat(16)} extra`))).toBeNull();
  });

  it('refuses the server nonce it did not generate', () => {
    expect(() => udpProbeDatagram('not-hex')).toThrow(RangeError);
  });

  it('refuses prototype keys anywhere in a body', () => {
    expect(() => parseJsonRefusingProto('{"__proto__":{"x":1}}')).toThrow(SyntaxError);
    expect(() => parseJsonRefusingProto('{"probes":[{"constructor":{"prototype":{}}}]}')).toThrow(SyntaxError);
    expect(parseJsonRefusingProto('{"probes":[]}')).toEqual({ probes: [] });
  });

  it('has no field through which a caller could name a target', () => {
    expect(checkRequestSchema.safeParse({ probes: [{ protocol: 'tcp', port: 80 }], host: '10.0.0.1' }).success).toBe(false);
    expect(checkRequestSchema.safeParse({ probes: [{ protocol: 'tcp', port: 80, address: '10.0.0.1' }] }).success).toBe(false);
    expect(checkRequestSchema.safeParse({ probes: Array(5).fill({ protocol: 'tcp', port: 80 }) }).success).toBe(false);
    expect(checkRequestSchema.safeParse({ probes: [{ protocol: 'tcp', port: 0 }] }).success).toBe(false);
  });
});
