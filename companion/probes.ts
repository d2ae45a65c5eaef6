// Connect-back probes to the caller: one TCP connect reading a short greeting, or ≤ 3 nonce datagrams.
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import net from 'node:net';
import {
  MAX_TCP_GREETING_BYTES,
  MAX_UDP_PROBE_BYTES,
  MAX_UDP_PROBE_DATAGRAMS,
  MAX_UDP_REPLY_BYTES,
  bannerText,
  parseTcpGreeting,
  parseUdpReplyDatagram,
  udpProbeDatagram,
  type ProbeProtocol,
  type ProbeReason,
  type CompanionProbeResult,
  type UdpQuery,
} from '../shared/companion-protocol';
// The probe service's pure codecs, bundled in: the companion sends the very bytes the app's prober does.
import { encodeInfoRequest } from '../shared/protocol/codecs/a2s';
import { encodeUnconnectedPing } from '../shared/protocol/codecs/raknet';
import { classifyTcp, classifyUdp } from '../shared/protocol/classify';

/** DOMAIN.md: one connect with a 2 s deadline — long enough for a far-away home, short enough to cap held sockets. */
export const TCP_PROBE_DEADLINE_MS = 2_000;
/**
 * After the handshake, how long to wait for a greeting. A nonce listener answers at once; a game
 * server usually says nothing, and holding the connection this long lets the app see it in its
 * socket table.
 */
export const TCP_GREETING_WAIT_MS = 1_000;
/**
 * After an open probe the companion waits this long for the caller to close first, then cuts the
 * connection: closing first (or resetting) would make the caller's socket vanish within one round
 * trip, before the app can see it in its socket table; the caller closing first leaves TIME_WAIT.
 */
export const TCP_CLOSE_LINGER_MS = 200;
/** UDP has no handshake: 2 s for the reply, the same budget as TCP. */
export const UDP_PROBE_DEADLINE_MS = 2_000;

export interface ProbeTarget {
  protocol: ProbeProtocol;
  address: string;
  family: 'ipv4' | 'ipv6';
  port: number;
  nonce?: string | undefined;
  query?: UdpQuery | undefined;
}

export interface ProbeOptions {
  signal: AbortSignal;
  tcpDeadlineMs?: number;
  greetingWaitMs?: number;
  udpDeadlineMs?: number;
  now?: () => number;
}

export function runProbe(target: ProbeTarget, options: ProbeOptions): Promise<CompanionProbeResult> {
  return target.protocol === 'tcp' ? tcpProbe(target, options) : udpProbe(target, options);
}

type Failure = { state: CompanionProbeResult['state']; reason: ProbeReason };

/**
 * A socket error → nmap's state and reason, with the app's own prober's table (one errno table for
 * both ends). No code, or one that says nothing about the port (resource exhaustion), counts as
 * silence: the companion does not retry.
 */
export function failureOf(code: string | undefined, protocol: ProbeProtocol): Failure {
  const silence = protocol === 'tcp' ? classifyTcp({ kind: 'timeout' }) : classifyUdp({ kind: 'silence' });
  if (code === undefined) return silence!;
  return (protocol === 'tcp' ? classifyTcp({ kind: 'error', code }) : classifyUdp({ kind: 'error', code })) ?? silence!;
}

function tcpProbe(t: ProbeTarget, o: ProbeOptions): Promise<CompanionProbeResult> {
  const now = o.now ?? (() => performance.now());
  const deadline = o.tcpDeadlineMs ?? TCP_PROBE_DEADLINE_MS;
  const greetingWait = o.greetingWaitMs ?? TCP_GREETING_WAIT_MS;
  const base = { protocol: 'tcp' as const, port: t.port };
  return new Promise((resolve) => {
    const started = now();
    let rtt: number | null = null;
    let from: CompanionProbeResult['from'] = null;
    const chunks: Buffer[] = [];
    let received = 0;
    let done = false;
    // No payload is ever written: the companion only listens after the handshake.
    const socket = net.connect({ host: t.address, port: t.port, family: t.family === 'ipv4' ? 4 : 6 });
    const finish = (result: Omit<CompanionProbeResult, 'protocol' | 'port'>, graceful = false) => {
      if (done) return;
      done = true;
      clearTimeout(deadlineTimer);
      clearTimeout(greetingTimer);
      o.signal.removeEventListener('abort', onAbort);
      // Resolve once the descriptor is really closed, so a freed probe slot never overlaps a live socket.
      if (socket.closed) return resolve({ ...base, ...result });
      const gentle = graceful && !o.signal.aborted;
      const linger = gentle ? setTimeout(cut, TCP_CLOSE_LINGER_MS) : undefined;
      socket.once('close', () => {
        clearTimeout(linger);
        o.signal.removeEventListener('abort', cut);
        resolve({ ...base, ...result });
      });
      if (!gentle) return socket.destroy();
      o.signal.addEventListener('abort', cut, { once: true });
      // Let the caller close first when it is about to (a greeting is usually followed by FIN): its
      // socket then sits in TIME_WAIT, visible to the app. Node ends our side on the peer's FIN.
      if (socket.readableEnded) socket.end();
    };
    const cut = () => socket.destroy();
    const opened = () => {
      const bytes = new Uint8Array(Buffer.concat(chunks)).subarray(0, MAX_TCP_GREETING_BYTES);
      const nonce = parseTcpGreeting(bytes.subarray(0, bytes.indexOf(0x0a) + 1 || bytes.length));
      finish({
        state: 'open',
        reason: 'syn-ack',
        rttMs: rtt,
        nonceMatched: t.nonce !== undefined && nonce === t.nonce,
        banner: received > 0 ? bannerText(bytes) : null,
        from,
        reply: null,
      }, true);
    };
    const onAbort = () => finish({ state: 'filtered', reason: 'aborted', rttMs: null, nonceMatched: false, banner: null, from: null, reply: null });
    let greetingTimer: NodeJS.Timeout | undefined;
    const deadlineTimer = setTimeout(() => {
      if (rtt !== null) opened();
      else finish({ state: 'filtered', reason: 'no-response', rttMs: null, nonceMatched: false, banner: null, from: null, reply: null });
    }, deadline);
    o.signal.addEventListener('abort', onAbort, { once: true });
    if (o.signal.aborted) return onAbort();
    socket.on('connect', () => {
      rtt = Math.round((now() - started) * 10) / 10;
      from = socket.localAddress && socket.localPort ? { address: socket.localAddress.replace(/^::ffff:/, ''), port: socket.localPort } : null;
      greetingTimer = setTimeout(opened, Math.max(0, Math.min(greetingWait, deadline - (now() - started))));
    });
    socket.on('data', (chunk: Buffer) => {
      if (done) return;
      chunks.push(chunk);
      received += chunk.length;
      if (received >= MAX_TCP_GREETING_BYTES || chunk.includes(0x0a)) opened();
    });
    socket.on('end', () => {
      if (rtt !== null) opened();
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      if (rtt !== null) return opened();
      finish({ ...failureOf(e.code, 'tcp'), rttMs: null, nonceMatched: false, banner: null, from: null, reply: null });
    });
  });
}

function udpProbe(t: ProbeTarget, o: ProbeOptions): Promise<CompanionProbeResult> {
  const now = o.now ?? (() => performance.now());
  const deadline = o.udpDeadlineMs ?? UDP_PROBE_DEADLINE_MS;
  const serverNonce = randomBytes(16).toString('hex');
  const datagram = udpPayload(t.query ?? 'nonce', serverNonce);
  const base = { protocol: 'udp' as const, port: t.port, banner: null };
  const gameQuery = t.query !== undefined && t.query !== 'nonce';
  return new Promise((resolve) => {
    const socket = dgram.createSocket({ type: t.family === 'ipv4' ? 'udp4' : 'udp6' });
    let sent = 0;
    let firstSent = 0;
    let done = false;
    let from: CompanionProbeResult['from'] = null;
    let resendTimer: NodeJS.Timeout | undefined;
    const finish = (result: Omit<CompanionProbeResult, 'protocol' | 'port' | 'banner' | 'reply'> & { reply?: string | null }) => {
      if (done) return;
      done = true;
      clearTimeout(deadlineTimer);
      clearInterval(resendTimer);
      o.signal.removeEventListener('abort', onAbort);
      socket.close(() => resolve({ ...base, reply: null, ...result }));
    };
    const onAbort = () => finish({ state: 'open|filtered', reason: 'aborted', rttMs: null, nonceMatched: false, from: null });
    const deadlineTimer = setTimeout(
      () => finish({ state: 'open|filtered', reason: 'no-response', rttMs: null, nonceMatched: false, from }),
      deadline,
    );
    o.signal.addEventListener('abort', onAbort, { once: true });
    if (o.signal.aborted) return onAbort();
    const send = () => {
      if (done || sent >= MAX_UDP_PROBE_DATAGRAMS) return clearInterval(resendTimer);
      sent++;
      socket.send(datagram, (e) => {
        if (e) finish({ ...failureOf((e as NodeJS.ErrnoException).code, 'udp'), rttMs: null, nonceMatched: false, from });
      });
    };
    socket.on('error', (e: NodeJS.ErrnoException) =>
      finish({ ...failureOf(e.code, 'udp'), rttMs: null, nonceMatched: false, from }),
    );
    // A connected socket only receives from the caller's address and port, and surfaces ICMP
    // port-unreachable as ECONNREFUSED, which is how `closed` is told apart from silence.
    socket.connect(t.port, t.address, () => {
      const local = socket.address();
      from = { address: local.address.replace(/^::ffff:/, ''), port: local.port };
      firstSent = now();
      send();
      // Spread over the deadline (0, ⅓, ⅔) so one lost packet does not decide the verdict.
      resendTimer = setInterval(send, Math.floor(deadline / MAX_UDP_PROBE_DATAGRAMS));
    });
    socket.on('message', (msg: Buffer) => {
      const reply = parseUdpReplyDatagram(new Uint8Array(msg));
      const ours = reply !== null && reply.serverNonce === serverNonce;
      finish({
        state: 'open',
        reason: 'udp-response',
        rttMs: Math.round((now() - firstSent) * 10) / 10,
        nonceMatched: !gameQuery && ours && t.nonce !== undefined && reply.appNonce === t.nonce,
        from,
        // The caller's own server's answer goes back to the caller only, for its comparison.
        reply: gameQuery ? msg.subarray(0, MAX_UDP_REPLY_BYTES).toString('base64') : null,
      });
    });
  });
}

/** The datagram for a UDP probe: only companion-generated bytes, never more than 64. */
export function udpPayload(query: UdpQuery, serverNonce: string): Buffer {
  const bytes =
    query === 'a2s-info'
      ? encodeInfoRequest()
      : query === 'raknet-ping'
        ? encodeUnconnectedPing(BigInt(Date.now()), randomBytes(8).readBigUInt64BE())
        : new TextEncoder().encode(udpProbeDatagram(serverNonce));
  if (bytes.length > MAX_UDP_PROBE_BYTES) throw new RangeError('UDP probe payload over 64 bytes');
  return Buffer.from(bytes);
}
