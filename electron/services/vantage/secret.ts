// The test's secret: 128 random bits that name the test page's path and prove a friend holds the code.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 128 bits: the path cannot be guessed or scanned for while the test runs (issue 12, item 7). */
export const SECRET_BYTES = 16;
/** Length of the acknowledgement a host sends back: a digest of the secret, never caller bytes. */
export const ACK_BYTES = 16;

export type Random = (n: number) => Uint8Array;

export const systemRandom: Random = (n) => new Uint8Array(randomBytes(n));

export function newSecret(random: Random = systemRandom): Uint8Array {
  const s = random(SECRET_BYTES);
  if (s.length !== SECRET_BYTES) throw new RangeError(`random source gave ${s.length} bytes, want ${SECRET_BYTES}`);
  return s;
}

/** `/<22 base64url characters>`: what the links end with. */
export function secretPath(secret: Uint8Array): string {
  return `/${Buffer.from(secret).toString('base64url')}`;
}

/**
 * What the host answers a friend with: a digest of the secret (so only the real test can make it,
 * and only someone holding the code can check it) and no byte the caller sent.
 */
export function ackOf(secret: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update('port-doctor vantage ack v1\0').update(secret).digest().subarray(0, ACK_BYTES));
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
