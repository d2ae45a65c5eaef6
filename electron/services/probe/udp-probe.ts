// One UDP port: a connected datagram socket, a payload (a protocol ping where the port is known),
// a bounded number of resends; an answer is open, ICMP port-unreachable closed, silence unknown.
import dgram from 'node:dgram';
import { classifyUdp, isResourceError, type UdpOutcome, type Verdict } from '../../../shared/protocol/classify';

/** Sends per port: one more than nmap's minimum, so one lost datagram is not "open|filtered". */
export const DEFAULT_UDP_ATTEMPTS = 2;
/** Follow-up requests one exchange may make (A2S answers a challenge, then the info). */
const MAX_FOLLOW_UPS = 2;

export type UdpSocketFactory = (family: 4 | 6) => dgram.Socket;

export const systemUdpSocket: UdpSocketFactory = (family) => dgram.createSocket(family === 6 ? 'udp6' : 'udp4');

/** What to send, and (for protocols with a handshake) what to send after a reply. */
export interface UdpExchange {
  first(): Uint8Array;
  /** Bytes to send after this reply, or null when the exchange is complete. */
  next?(reply: Uint8Array): Uint8Array | null;
}

export const EMPTY_EXCHANGE: UdpExchange = { first: () => new Uint8Array(0) };

export interface UdpProbeOptions {
  address: string;
  family: 4 | 6;
  port: number;
  exchange?: UdpExchange;
  attempts?: number;
  /** Deadline per attempt, asked again before each send so a batch can tighten it as it learns. */
  timeoutMs: number | (() => number);
  signal?: AbortSignal;
  createSocket?: UdpSocketFactory;
}

export interface UdpProbeOutcome {
  /** null: the machine ran out of sockets (EMFILE/ENOBUFS); the caller should retry later. */
  verdict: Verdict | null;
  code: string | null;
  rttMs: number | null;
  /** The last datagram the service sent, for protocol decoding. */
  reply: Uint8Array | null;
}

export function probeUdp(opts: UdpProbeOptions): Promise<UdpProbeOutcome> {
  const { address, family, port, signal } = opts;
  const exchange = opts.exchange ?? EMPTY_EXCHANGE;
  const attempts = opts.attempts ?? DEFAULT_UDP_ATTEMPTS;
  const deadline = typeof opts.timeoutMs === 'function' ? opts.timeoutMs : () => opts.timeoutMs as number;

  return new Promise((resolve) => {
    let socket: dgram.Socket;
    try {
      socket = (opts.createSocket ?? systemUdpSocket)(family);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
      resolve({ verdict: classifyUdp({ kind: 'error', code }), code, rttMs: null, reply: null });
      return;
    }
    let timer: ReturnType<typeof setTimeout> | null = null;
    let sent = 0;
    let followUps = 0;
    let sentAt = 0;
    let done = false;
    let reply: Uint8Array | null = null;
    let firstRttMs: number | null = null;

    const finish = (outcome: UdpOutcome, rttMs: number | null, code: string | null = null): void => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.removeAllListeners('message');
      // A late ICMP error after close must not surface as an unhandled 'error'.
      socket.on('error', () => undefined);
      try {
        socket.close();
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ERR_SOCKET_DGRAM_NOT_RUNNING') throw e;
      }
      resolve({ verdict: classifyUdp(outcome), code, rttMs, reply });
    };
    const onAbort = (): void => finish({ kind: 'silence' }, null);
    signal?.addEventListener('abort', onAbort, { once: true });

    const send = (bytes: Uint8Array): void => {
      sentAt = performance.now();
      socket.send(bytes, (e) => {
        if (e) onError(e);
      });
      timer = setTimeout(onSilence, deadline());
    };
    const onSilence = (): void => {
      timer = null;
      if (reply) {
        // A reply came but a follow-up went unanswered: the port still answered.
        finish({ kind: 'response' }, firstRttMs);
      } else if (sent < attempts) {
        sent++;
        send(exchange.first());
      } else finish({ kind: 'silence' }, null);
    };
    const onError = (e: Error): void => {
      const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
      const rtt = performance.now() - sentAt;
      if (isResourceError(code)) finish({ kind: 'error', code }, null, code);
      else finish({ kind: 'error', code }, sent > 0 ? rtt : null, code);
    };

    socket.on('error', onError);
    socket.on('message', (msg: Buffer) => {
      const rtt = performance.now() - sentAt;
      reply = new Uint8Array(msg);
      firstRttMs ??= rtt;
      const more = followUps < MAX_FOLLOW_UPS && exchange.next ? exchange.next(reply) : null;
      if (more) {
        followUps++;
        if (timer) clearTimeout(timer);
        send(more);
        return;
      }
      finish({ kind: 'response' }, rtt);
    });
    socket.connect(port, address, () => {
      if (done) return;
      sent = 1;
      send(exchange.first());
    });
  });
}
