// The friend's side of a friend code: send the test's secret to the host and wait for its acknowledgement.
import dgram from 'node:dgram';
import net from 'node:net';
import type { ReachOutcome, ReachResult } from '../../../shared/channels/vantage';
import { AppError } from '../../../shared/errors';
import { hostPort } from './addresses';
import { decodeFriendCode, type FriendCode } from './friend-code';
import { isAckFor, reachDatagram } from './reach-wire';
import { ackOf, secretPath } from './secret';

/** A TCP handshake across the internet takes well under a second; 5 s covers a slow mobile link. */
export const REACH_CONNECT_TIMEOUT_MS = 5_000;
/** After connecting, the host's test page answers at once; a game holding the port never will. */
export const REACH_RESPONSE_TIMEOUT_MS = 3_000;
/** UDP: send at 0, 500 and 1000 ms (home Wi-Fi loses datagrams), then wait up to 3 s in all. */
export const REACH_UDP_SENDS_MS = [0, 500, 1_000] as const;
export const REACH_UDP_TIMEOUT_MS = 3_000;
/** Response headers the TCP reach reads before deciding (the test page's are ~400 bytes). */
const MAX_RESPONSE_BYTES = 8 * 1024;

export interface ReachSeams {
  signal?: AbortSignal;
}

/** Decodes first: a bad code is the caller's mistake (TypeError → INVALID_INPUT upstream). */
export async function reachCode(code: string, seams: ReachSeams = {}): Promise<ReachResult> {
  const c = decodeFriendCode(code);
  return c.protocol === 'udp' ? reachUdp(c, seams.signal) : reachTcp(c, seams.signal);
}

function result(c: FriendCode, outcome: ReachOutcome, rttMs: number | null): ReachResult {
  return { target: hostPort(c.address, c.port), protocol: c.protocol, outcome, rttMs: rttMs === null ? null : Math.round(rttMs * 10) / 10 };
}

function reachUdp(c: FriendCode, signal?: AbortSignal): Promise<ReachResult> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket(net.isIPv6(c.address) ? 'udp6' : 'udp4');
    const started = performance.now();
    const timers: NodeJS.Timeout[] = [];
    let other = false;
    const done = (r: ReachResult | AppError) => {
      timers.forEach(clearTimeout);
      signal?.removeEventListener('abort', onAbort);
      socket.close();
      if (r instanceof AppError) reject(r);
      else resolve(r);
    };
    const onAbort = () => done(new AppError('CANCELLED'));
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.on('message', (msg) => {
      if (isAckFor(new Uint8Array(msg), c.secret)) done(result(c, 'acknowledged', performance.now() - started));
      else other = true;
    });
    // A connected UDP socket hears ICMP port unreachable as ECONNREFUSED.
    socket.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ECONNREFUSED') done(result(c, 'refused', performance.now() - started));
    });
    socket.connect(c.port, c.address, () => {
      const datagram = reachDatagram(c.secret);
      for (const at of REACH_UDP_SENDS_MS) timers.push(setTimeout(() => socket.send(datagram), at));
      timers.push(setTimeout(() => done(result(c, other ? 'answered-wrong' : 'no-answer', null)), REACH_UDP_TIMEOUT_MS));
    });
  });
}

function reachTcp(c: FriendCode, signal?: AbortSignal): Promise<ReachResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let connectedAt: number | null = null;
    let received = Buffer.alloc(0);
    const socket = net.connect({ host: c.address, port: c.port });
    const wantAck = Buffer.from(ackOf(c.secret)).toString('hex');
    let timer = setTimeout(() => decide(), REACH_CONNECT_TIMEOUT_MS);
    const finish = (r: ReachResult | AppError) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      if (r instanceof AppError) reject(r);
      else resolve(r);
    };
    const onAbort = () => finish(new AppError('CANCELLED'));
    signal?.addEventListener('abort', onAbort, { once: true });
    function decide(): void {
      if (connectedAt === null) return finish(result(c, 'no-answer', null));
      const head = received.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      const headers = (end < 0 ? head : head.slice(0, end)).split('\r\n');
      const ack = headers.find((h) => /^x-port-doctor-ack:/i.test(h))?.split(':')[1]?.trim();
      if (/^HTTP\/1\.[01] 200 /.test(headers[0] ?? '') && ack === wantAck) return finish(result(c, 'acknowledged', performance.now() - started));
      finish(result(c, received.length > 0 ? 'answered-wrong' : 'connected', connectedAt - started));
    }
    socket.on('connect', () => {
      connectedAt = performance.now();
      clearTimeout(timer);
      timer = setTimeout(decide, REACH_RESPONSE_TIMEOUT_MS);
      socket.write(`GET ${secretPath(c.secret)} HTTP/1.1\r\nHost: ${hostPort(c.address, c.port)}\r\nUser-Agent: port-doctor-reach\r\nAccept: text/html\r\nConnection: close\r\n\r\n`);
    });
    socket.on('data', (d: Buffer) => {
      received = Buffer.concat([received, d]).subarray(0, MAX_RESPONSE_BYTES);
      if (received.includes('\r\n\r\n') || received.length >= MAX_RESPONSE_BYTES) decide();
    });
    socket.on('end', decide);
    socket.on('error', (e: NodeJS.ErrnoException) => {
      if (connectedAt !== null) return decide();
      finish(result(c, e.code === 'ECONNREFUSED' ? 'refused' : 'no-answer', e.code === 'ECONNREFUSED' ? performance.now() - started : null));
    });
  });
}
