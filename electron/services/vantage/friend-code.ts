// Friend codes: public address, port, protocol and the test's secret in one string a person can paste.
//
// Layout (bytes): version 1 | flags (bit 0 UDP, bit 1 IPv6) | address (4 or 16) | port (2) |
// secret (16) | check (2, SHA-256 of the rest). Written in Crockford base32 (no I, L, O, U; case
// and dashes ignored when read) in groups of six, after a `PD-` prefix.
import { createHash } from 'node:crypto';
import net from 'node:net';
import { formatIpv4, formatIpv6, ipv4Bytes, ipv6Bytes } from '../../../shared/protocol/stun';
import { SECRET_BYTES } from './secret';

export interface FriendCode {
  address: string;
  port: number;
  protocol: 'tcp' | 'udp';
  secret: Uint8Array;
}

const VERSION = 1;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PREFIX = 'PD-';
const CHECK_BYTES = 2;

function check(body: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(body).digest().subarray(0, CHECK_BYTES));
}

function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Bytes, and whether the last character's unused bits are zero (they are in every code Port Doctor writes). */
function unbase32(text: string): { bytes: Uint8Array; cleanEnd: boolean } {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of text) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new TypeError(`friend code has a character that is not in any code: '${ch}'`);
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  return { bytes: new Uint8Array(out), cleanEnd: value === 0 };
}

export function encodeFriendCode(c: FriendCode): string {
  const v4 = net.isIPv4(c.address) ? ipv4Bytes(c.address) : null;
  const addr = v4 ?? (net.isIPv6(c.address) ? ipv6Bytes(c.address) : null);
  if (!addr) throw new TypeError(`friend code needs an IP address, got '${c.address}'`);
  if (!Number.isInteger(c.port) || c.port < 1 || c.port > 65535) throw new RangeError(`port must be 1–65535, got ${c.port}`);
  if (c.secret.length !== SECRET_BYTES) throw new RangeError(`secret must be ${SECRET_BYTES} bytes`);
  const body = new Uint8Array(2 + addr.length + 2 + SECRET_BYTES);
  body[0] = VERSION;
  body[1] = (c.protocol === 'udp' ? 1 : 0) | (v4 ? 0 : 2);
  body.set(addr, 2);
  body[2 + addr.length] = c.port >> 8;
  body[3 + addr.length] = c.port & 0xff;
  body.set(c.secret, 4 + addr.length);
  const all = new Uint8Array(body.length + CHECK_BYTES);
  all.set(body);
  all.set(check(body), body.length);
  return PREFIX + (base32(all).match(/.{1,6}/g) ?? []).join('-');
}

/** Reads a code as a person may have typed it; throws TypeError naming what is wrong. */
export function decodeFriendCode(text: string): FriendCode {
  const cleaned = text.trim().toUpperCase().replace(/^PD-?/, '').replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (cleaned.length === 0) throw new TypeError('friend code is empty');
  const { bytes, cleanEnd } = unbase32(cleaned);
  const v6 = bytes.length > 1 && (bytes[1]! & 2) !== 0;
  const want = 2 + (v6 ? 16 : 4) + 2 + SECRET_BYTES + CHECK_BYTES;
  if (bytes.length < want) throw new TypeError('friend code is too short: a part is missing (copy the whole code)');
  if (bytes.length > want) throw new TypeError('friend code is too long: something was added to it');
  if (!cleanEnd) throw new TypeError('friend code does not check out: a character was mistyped');
  const body = bytes.subarray(0, want - CHECK_BYTES);
  const sum = check(body);
  if (sum[0] !== bytes[want - 2] || sum[1] !== bytes[want - 1]) throw new TypeError('friend code does not check out: a character was mistyped');
  if (body[0] !== VERSION) throw new TypeError(`friend code is from another version of Port Doctor (format ${body[0]})`);
  if ((body[1]! & ~3) !== 0) throw new TypeError('friend code has unknown flags');
  const addrLen = v6 ? 16 : 4;
  const addr = body.subarray(2, 2 + addrLen);
  const port = (body[2 + addrLen]! << 8) | body[3 + addrLen]!;
  if (port === 0) throw new TypeError('friend code names port 0');
  return {
    address: v6 ? formatIpv6(addr) : formatIpv4(addr),
    port,
    protocol: (body[1]! & 1) === 1 ? 'udp' : 'tcp',
    secret: new Uint8Array(body.subarray(4 + addrLen, 4 + addrLen + SECRET_BYTES)),
  };
}
