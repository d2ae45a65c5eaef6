// STUN Binding responder: XOR-MAPPED-ADDRESS only, never larger than the request, token bucket per source.
import dgram from 'node:dgram';
import {
  ATTR_XOR_MAPPED_ADDRESS,
  STUN_BINDING_REQUEST,
  STUN_BINDING_SUCCESS,
  STUN_HEADER_BYTES,
  decodeStun,
  encodeStun,
  xorMappedAddressValue,
} from '../shared/protocol/stun';
import type { TokenBuckets } from './limits';
import type { Logger } from './log';
import { parseAddress, rateKey } from './net-address';

export interface StunStats {
  answered: number;
  /** Dropped because the answer would be larger than the request (amplification). */
  droppedSize: number;
  droppedRate: number;
  droppedMalformed: number;
  bytesIn: number;
  bytesOut: number;
}

/** The response to one datagram, or null when the companion must stay silent. Pure. */
export function answerStun(request: Uint8Array, source: { address: string; port: number }): Uint8Array | null {
  const message = decodeStun(request);
  if (!message || message.type !== STUN_BINDING_REQUEST) return null;
  const peer = parseAddress(source.address);
  if (!peer) return null;
  const response = encodeStun({
    type: STUN_BINDING_SUCCESS,
    transactionId: message.transactionId,
    attributes: [
      {
        type: ATTR_XOR_MAPPED_ADDRESS,
        value: xorMappedAddressValue({ family: peer.family, address: peer.text, port: source.port }, message.transactionId),
      },
    ],
  });
  // Amplification factor ≤ 1.0: a bare 20-byte request gets no answer; clients pad their requests.
  return response.length <= request.length ? response : null;
}

export interface StunServerHandle {
  readonly port: number;
  readonly stats: StunStats;
  close(): Promise<void>;
}

export async function startStunServer(options: {
  host: string;
  port: number;
  buckets: TokenBuckets;
  log: Logger;
}): Promise<StunServerHandle> {
  const stats: StunStats = { answered: 0, droppedSize: 0, droppedRate: 0, droppedMalformed: 0, bytesIn: 0, bytesOut: 0 };
  const socket = await bindUdp(options.host, options.port);
  socket.on('error', (e) => options.log.warn('stun socket error', { error: (e as NodeJS.ErrnoException).code ?? e.message }));
  socket.on('message', (msg, rinfo) => {
    stats.bytesIn += msg.length;
    if (msg.length < STUN_HEADER_BYTES) {
      stats.droppedMalformed++;
      return;
    }
    const peer = parseAddress(rinfo.address);
    if (!peer || !options.buckets.take(rateKey(peer))) {
      stats.droppedRate++;
      return;
    }
    const request = new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength);
    const response = answerStun(request, rinfo);
    if (!response) {
      if (decodeStun(request)?.type === STUN_BINDING_REQUEST) stats.droppedSize++;
      else stats.droppedMalformed++;
      return;
    }
    stats.answered++;
    stats.bytesOut += response.length;
    socket.send(response, rinfo.port, rinfo.address);
  });
  return {
    port: socket.address().port,
    stats,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

/** Binds dual-stack on `::` when asked and available, else the given IPv4 address. */
export function bindUdp(host: string, port: number): Promise<dgram.Socket> {
  const attempt = (type: 'udp4' | 'udp6', address: string) =>
    new Promise<dgram.Socket>((resolve, reject) => {
      const s = dgram.createSocket({ type, ipv6Only: false });
      s.once('error', (e) => {
        s.close();
        reject(e);
      });
      s.bind(port, address, () => {
        s.removeAllListeners('error');
        resolve(s);
      });
    });
  if (host !== '::') return attempt(host.includes(':') ? 'udp6' : 'udp4', host);
  return attempt('udp6', '::').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'EAFNOSUPPORT' || e.code === 'EADDRNOTAVAIL') return attempt('udp4', '0.0.0.0');
    throw e;
  });
}
