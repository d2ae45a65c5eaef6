// STUN (RFC 8489) Binding codec on plain bytes, shared by the companion and the app's STUN client.

export const STUN_MAGIC_COOKIE = 0x2112a442;
export const STUN_HEADER_BYTES = 20;
export const STUN_BINDING_REQUEST = 0x0001;
export const STUN_BINDING_SUCCESS = 0x0101;
export const ATTR_XOR_MAPPED_ADDRESS = 0x0020;
export const ATTR_MAPPED_ADDRESS = 0x0001;
/** Comprehension-optional (RFC 8489 §18.3), so every server ignores it; the client uses it as padding. */
export const ATTR_SOFTWARE = 0x8022;
/** Largest message either side handles; real Binding traffic is under 100 bytes. */
export const STUN_MAX_MESSAGE_BYTES = 548;

export interface StunAttribute {
  type: number;
  value: Uint8Array;
}

export interface StunMessage {
  type: number;
  /** 12 bytes. */
  transactionId: Uint8Array;
  attributes: StunAttribute[];
}

export interface MappedAddress {
  family: 'ipv4' | 'ipv6';
  address: string;
  port: number;
}

const pad4 = (n: number) => (n + 3) & ~3;

export function encodeStun(message: StunMessage): Uint8Array {
  if (message.transactionId.length !== 12) throw new RangeError('transaction id must be 12 bytes');
  const bodyLength = message.attributes.reduce((sum, a) => sum + 4 + pad4(a.value.length), 0);
  const out = new Uint8Array(STUN_HEADER_BYTES + bodyLength);
  const view = new DataView(out.buffer);
  view.setUint16(0, message.type & 0x3fff);
  view.setUint16(2, bodyLength);
  view.setUint32(4, STUN_MAGIC_COOKIE);
  out.set(message.transactionId, 8);
  let at = STUN_HEADER_BYTES;
  for (const a of message.attributes) {
    if (a.value.length > 0xffff) throw new RangeError('attribute too long');
    view.setUint16(at, a.type);
    view.setUint16(at + 2, a.value.length);
    out.set(a.value, at + 4);
    at += 4 + pad4(a.value.length);
  }
  return out;
}

/** Decodes one STUN message, or returns null for anything malformed (never throws on input). */
export function decodeStun(bytes: Uint8Array): StunMessage | null {
  if (bytes.length < STUN_HEADER_BYTES || bytes.length > STUN_MAX_MESSAGE_BYTES) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = view.getUint16(0);
  if ((type & 0xc000) !== 0) return null;
  const length = view.getUint16(2);
  if (length % 4 !== 0 || STUN_HEADER_BYTES + length !== bytes.length) return null;
  if (view.getUint32(4) !== STUN_MAGIC_COOKIE) return null;
  const attributes: StunAttribute[] = [];
  let at = STUN_HEADER_BYTES;
  while (at < bytes.length) {
    if (at + 4 > bytes.length) return null;
    const attrType = view.getUint16(at);
    const attrLength = view.getUint16(at + 2);
    if (at + 4 + attrLength > bytes.length) return null;
    attributes.push({ type: attrType, value: bytes.slice(at + 4, at + 4 + attrLength) });
    at += 4 + pad4(attrLength);
  }
  if (at !== bytes.length) return null;
  return { type, transactionId: bytes.slice(8, 20), attributes };
}

/** A Binding request padded (with SOFTWARE) to `minBytes`, so an amplification-safe server answers. */
export function bindingRequest(transactionId: Uint8Array, minBytes = 48): Uint8Array {
  const padding = Math.max(0, pad4(minBytes - STUN_HEADER_BYTES - 4));
  const attributes =
    minBytes > STUN_HEADER_BYTES ? [{ type: ATTR_SOFTWARE, value: asciiBytes('port-doctor'.padEnd(padding, ' ')) }] : [];
  return encodeStun({ type: STUN_BINDING_REQUEST, transactionId, attributes });
}

/** The XOR-MAPPED-ADDRESS attribute value for an address (RFC 8489 §14.2). */
export function xorMappedAddressValue(mapped: MappedAddress, transactionId: Uint8Array): Uint8Array {
  const raw = mapped.family === 'ipv4' ? ipv4Bytes(mapped.address) : ipv6Bytes(mapped.address);
  if (!raw) throw new RangeError(`not an ${mapped.family} address: ${mapped.address}`);
  const out = new Uint8Array(4 + raw.length);
  const view = new DataView(out.buffer);
  out[1] = mapped.family === 'ipv4' ? 0x01 : 0x02;
  view.setUint16(2, mapped.port ^ (STUN_MAGIC_COOKIE >>> 16));
  const key = xorKey(transactionId);
  for (let i = 0; i < raw.length; i++) out[4 + i] = raw[i]! ^ key[i]!;
  return out;
}

/** The mapped address in a response: XOR-MAPPED-ADDRESS, falling back to the legacy MAPPED-ADDRESS. */
export function mappedAddressOf(message: StunMessage): MappedAddress | null {
  for (const wanted of [ATTR_XOR_MAPPED_ADDRESS, ATTR_MAPPED_ADDRESS]) {
    const attr = message.attributes.find((a) => a.type === wanted);
    if (!attr) continue;
    const v = attr.value;
    const family = v[1] === 0x01 ? 'ipv4' : v[1] === 0x02 ? 'ipv6' : null;
    const size = family === 'ipv4' ? 4 : 16;
    if (family === null || v.length !== 4 + size) return null;
    const xor = wanted === ATTR_XOR_MAPPED_ADDRESS;
    const key = xorKey(message.transactionId);
    const port = ((v[2]! << 8) | v[3]!) ^ (xor ? STUN_MAGIC_COOKIE >>> 16 : 0);
    const raw = new Uint8Array(size);
    for (let i = 0; i < size; i++) raw[i] = v[4 + i]! ^ (xor ? key[i]! : 0);
    return { family, address: family === 'ipv4' ? formatIpv4(raw) : formatIpv6(raw), port };
  }
  return null;
}

function xorKey(transactionId: Uint8Array): Uint8Array {
  const key = new Uint8Array(16);
  new DataView(key.buffer).setUint32(0, STUN_MAGIC_COOKIE);
  key.set(transactionId, 4);
  return key;
}

function asciiBytes(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0) & 0x7f);
}

export function ipv4Bytes(address: string): Uint8Array | null {
  const parts = address.split('.');
  if (parts.length !== 4) return null;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i]!;
    if (!/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255) return null;
    out[i] = Number(p);
  }
  return out;
}

/** Full IPv6 text (with `::` and an embedded dotted quad) to 16 bytes, or null. */
export function ipv6Bytes(address: string): Uint8Array | null {
  if (address.length > 45 || address.includes('%')) return null;
  let head = address;
  let tailV4: Uint8Array | null = null;
  const lastColon = address.lastIndexOf(':');
  if (address.includes('.', lastColon)) {
    tailV4 = ipv4Bytes(address.slice(lastColon + 1));
    if (!tailV4) return null;
    head = `${address.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return null;
  const group = /^[0-9a-fA-F]{1,4}$/;
  const parse = (s: string) => (s === '' ? [] : s.split(':'));
  const left = parse(halves[0]!);
  const right = halves.length === 2 ? parse(halves[1]!) : [];
  if (![...left, ...right].every((g) => group.test(g))) return null;
  const missing = 8 - left.length - right.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...left, ...Array<string>(missing).fill('0'), ...right].map((g) => parseInt(g, 16));
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    out[2 * i] = g >> 8;
    out[2 * i + 1] = g & 0xff;
  });
  if (tailV4) out.set(tailV4, 12);
  return out;
}

export function formatIpv4(b: Uint8Array): string {
  return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
}

/** RFC 5952 canonical text: lower case, longest zero run (≥ 2 groups) compressed. */
export function formatIpv6(b: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push((b[2 * i]! << 8) | b[2 * i + 1]!);
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}
