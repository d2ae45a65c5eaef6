// The friend's datagram and the host's acknowledgement: fixed size, the host's own bytes only.
//
// reach: "PD-REACH" (8) | the test's secret (16)          = 24 bytes
// ack:   "PD-ACK01" (8) | SHA-256 digest of the secret (16) = 24 bytes: never larger than what came in.
import { ACK_BYTES, SECRET_BYTES, ackOf, sameBytes } from './secret';

const REACH_MAGIC = Buffer.from('PD-REACH', 'ascii');
const ACK_MAGIC = Buffer.from('PD-ACK01', 'ascii');
export const REACH_DATAGRAM_BYTES = REACH_MAGIC.length + SECRET_BYTES;
export const ACK_DATAGRAM_BYTES = ACK_MAGIC.length + ACK_BYTES;

export function reachDatagram(secret: Uint8Array): Uint8Array {
  return new Uint8Array(Buffer.concat([REACH_MAGIC, secret]));
}

/** True only for exactly the test's reach datagram (constant-time on the secret). */
export function isReachFor(datagram: Uint8Array, secret: Uint8Array): boolean {
  if (datagram.length !== REACH_DATAGRAM_BYTES) return false;
  if (!sameBytes(datagram.subarray(0, REACH_MAGIC.length), REACH_MAGIC)) return false;
  return sameBytes(datagram.subarray(REACH_MAGIC.length), secret);
}

export function ackDatagram(secret: Uint8Array): Uint8Array {
  return new Uint8Array(Buffer.concat([ACK_MAGIC, ackOf(secret)]));
}

export function isAckFor(datagram: Uint8Array, secret: Uint8Array): boolean {
  return datagram.length === ACK_DATAGRAM_BYTES && sameBytes(datagram, ackDatagram(secret));
}
