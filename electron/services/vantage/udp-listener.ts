// The UDP test listener: answers only datagrams carrying the test's secret, with a fixed
// acknowledgement no larger than the request; everything else gets silence.
import dgram from 'node:dgram';
import { plainAddress } from './addresses';
import { fallsBackToV4, openFailureOf, type OpenFailure } from './listen-errors';
import { createRateLimiter, type RateLimit } from './rate-limit';
import { ackDatagram, isReachFor } from './reach-wire';
import type { OpenListener } from './http-listener';

/** Per address: `reach` retransmits 3 times; a few tries more are fine, a flood is ignored. */
export const ACK_RATE: RateLimit = { burst: 6, perSecond: 0.5 };
/** All acknowledgements together, whatever the sources claim to be (spoofed floods). */
export const ACK_RATE_GLOBAL: RateLimit = { burst: 50, perSecond: 20 };

export interface UdpListenerOptions {
  port: number;
  secret: Uint8Array;
  /** Called for each valid reach datagram (before rate limits, so a retransmit still counts once upstream). */
  onReach(peer: { address: string; port: number }): void;
}

export function openUdpTestListener(o: UdpListenerOptions): Promise<OpenListener | OpenFailure> {
  const perSource = createRateLimiter(ACK_RATE);
  const global = createRateLimiter(ACK_RATE_GLOBAL);
  const ack = ackDatagram(o.secret);
  const attempt = (type: 'udp4' | 'udp6', host: string) =>
    new Promise<dgram.Socket>((resolve, reject) => {
      const s = dgram.createSocket({ type, ipv6Only: false });
      s.once('error', (e) => {
        s.close();
        reject(e);
      });
      s.bind({ port: o.port, address: host, exclusive: true }, () => {
        s.removeAllListeners('error');
        // ICMP errors for earlier replies surface here; they end nothing.
        s.on('error', () => undefined);
        resolve(s);
      });
    });
  return attempt('udp6', '::')
    .catch((e: unknown) => (fallsBackToV4(e) ? attempt('udp4', '0.0.0.0') : Promise.reject(e)))
    .then(
      (socket): OpenListener => {
        socket.on('message', (msg, rinfo) => {
          if (!isReachFor(new Uint8Array(msg), o.secret)) return;
          const address = plainAddress(rinfo.address);
          o.onReach({ address, port: rinfo.port });
          if (!perSource.take(address) || !global.take('*')) return;
          socket.send(ack, rinfo.port, rinfo.address);
        });
        return { close: () => new Promise<void>((resolve) => socket.close(() => resolve())) };
      },
      (e: unknown) => {
        const f = openFailureOf(e);
        if (f) return f;
        throw e;
      },
    );
}
