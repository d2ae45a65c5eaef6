// NAT-PMP (RFC 6886) external-address request and answer: the only NAT-PMP message Port Doctor
// sends. It reads the router's WAN address; mapping requests (opcodes 1 and 2) are never built.

export const NAT_PMP_PORT = 5351;
const VERSION = 0;
const OP_EXTERNAL_ADDRESS = 0;
const RESPONSE_BIT = 128;

/** RFC 6886 §3.5 result codes, in words. */
export const NAT_PMP_RESULTS: Record<number, string> = {
  0: 'success',
  1: 'unsupported version',
  2: 'not authorized (NAT-PMP is turned off on the router)',
  3: 'network failure (the router has no WAN address yet)',
  4: 'out of resources',
  5: 'unsupported opcode',
};

export function externalAddressRequest(): Uint8Array {
  return Uint8Array.of(VERSION, OP_EXTERNAL_ADDRESS);
}

export interface ExternalAddressAnswer {
  resultCode: number;
  /** Seconds since the router's NAT-PMP state was (re)started. */
  epochSeconds: number;
  /** Dotted IPv4; meaningful only when resultCode is 0. */
  address: string;
}

/** Decodes an answer to opcode 0; null for anything else (wrong version, opcode or length). */
export function decodeExternalAddressAnswer(bytes: Uint8Array): ExternalAddressAnswer | null {
  // Error answers may be shorter than 12 bytes (RFC 6886 §3.5: at least 8).
  if (bytes.length < 8 || bytes[0] !== VERSION || bytes[1] !== RESPONSE_BIT + OP_EXTERNAL_ADDRESS) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const resultCode = view.getUint16(2);
  const epochSeconds = view.getUint32(4);
  if (resultCode === 0 && bytes.length < 12) return null;
  const address = bytes.length >= 12 ? `${bytes[8]}.${bytes[9]}.${bytes[10]}.${bytes[11]}` : '';
  return { resultCode, epochSeconds, address };
}
