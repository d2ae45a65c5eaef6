import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ATTR_XOR_MAPPED_ADDRESS,
  STUN_BINDING_SUCCESS,
  bindingRequest,
  decodeStun,
  encodeStun,
  formatIpv6,
  ipv6Bytes,
  mappedAddressOf,
  xorMappedAddressValue,
} from './stun';

const hex = (s: string) => Uint8Array.from(s.replace(/\s+/g, '').match(/../g)!.map((h) => parseInt(h, 16)));

// RFC 5769 §2.2 / §2.3 sample responses: transaction id and XOR-MAPPED-ADDRESS bytes.
const TID = hex('b7e7a701bc34d686fa87dfae');

describe('STUN codec', () => {
  it('matches the RFC 5769 IPv4 test vector', () => {
    const v = xorMappedAddressValue({ family: 'ipv4', address: '192.0.2.1', port: 32853 }, TID);
    expect(v).toEqual(hex('0001a147e112a643'));
  });

  it('matches the RFC 5769 IPv6 test vector', () => {
    const v = xorMappedAddressValue({ family: 'ipv6', address: '2001:db8:1234:5678:11:2233:4455:6677', port: 32853 }, TID);
    expect(v).toEqual(hex('0002a147 0113a9fa a5d3f179 bc25f4b5 bed2b9d9'));
  });

  it('decodes a Binding success carrying the RFC address', () => {
    const msg = encodeStun({
      type: STUN_BINDING_SUCCESS,
      transactionId: TID,
      attributes: [{ type: ATTR_XOR_MAPPED_ADDRESS, value: hex('0001a147e112a643') }],
    });
    expect(mappedAddressOf(decodeStun(msg)!)).toEqual({ family: 'ipv4', address: '192.0.2.1', port: 32853 });
  });

  it('pads Binding requests to the asked size, 4-byte aligned', () => {
    for (const min of [20, 32, 44, 48, 64]) {
      const r = bindingRequest(TID, min);
      expect(r.length).toBeGreaterThanOrEqual(min);
      expect(r.length % 4).toBe(0);
      expect(decodeStun(r)?.type).toBe(1);
    }
  });

  it('round-trips any message (property)', () => {
    const attr = fc.record({ type: fc.integer({ min: 0, max: 0xffff }), value: fc.uint8Array({ maxLength: 40 }) });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0x3fff }), fc.uint8Array({ minLength: 12, maxLength: 12 }), fc.array(attr, { maxLength: 8 }), (type, tid, attributes) => {
        const decoded = decodeStun(encodeStun({ type, transactionId: tid, attributes }));
        expect(decoded).not.toBeNull();
        expect(decoded!.type).toBe(type);
        expect(decoded!.transactionId).toEqual(tid);
        expect(decoded!.attributes).toEqual(attributes);
      }),
    );
  });

  it('round-trips mapped addresses of both families (property)', () => {
    const v6 = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => formatIpv6(b));
    const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.'));
    fc.assert(
      fc.property(fc.oneof(v4.map((a) => ['ipv4', a] as const), v6.map((a) => ['ipv6', a] as const)), fc.integer({ min: 0, max: 65535 }), fc.uint8Array({ minLength: 12, maxLength: 12 }), ([family, address], port, tid) => {
        const msg = encodeStun({ type: STUN_BINDING_SUCCESS, transactionId: tid, attributes: [{ type: ATTR_XOR_MAPPED_ADDRESS, value: xorMappedAddressValue({ family, address, port }, tid) }] });
        expect(mappedAddressOf(decodeStun(msg)!)).toEqual({ family, address, port });
      }),
    );
  });

  it('never throws on hostile bytes, and rejects bad headers (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const m = decodeStun(bytes);
        if (m) mappedAddressOf(m);
      }),
      { numRuns: 2000 },
    );
    expect(decodeStun(new Uint8Array(19))).toBeNull();
    const bad = bindingRequest(TID, 48);
    bad[4] = 0; // magic cookie
    expect(decodeStun(bad)).toBeNull();
    const truncated = bindingRequest(TID, 48).subarray(0, 44);
    expect(decodeStun(truncated)).toBeNull();
  });

  it('formats IPv6 like the WHATWG URL parser does (differential, property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff })), { minLength: 8, maxLength: 8 }), (groups) => {
        const b = new Uint8Array(16);
        groups.forEach((g, i) => {
          b[2 * i] = g >> 8;
          b[2 * i + 1] = g & 0xff;
        });
        const ours = formatIpv6(b);
        expect(`[${ours}]`).toBe(new URL(`http://[${groups.map((g) => g.toString(16)).join(':')}]/`).hostname);
        expect(ipv6Bytes(ours)).toEqual(b);
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects malformed IPv6 text', () => {
    for (const s of ['', ':', ':::', '1::2::3', '1:2:3:4:5:6:7:8:9', 'g::1', '12345::', 'fe80::1%eth0', '::ffff:1.2.3']) {
      expect(ipv6Bytes(s), s).toBeNull();
    }
    expect(ipv6Bytes('::ffff:10.0.0.1')).toEqual(hex('00000000000000000000ffff0a000001'));
  });
});
