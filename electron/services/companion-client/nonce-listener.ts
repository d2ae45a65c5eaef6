// Temporary listeners that answer the companion with a fresh nonce, proving the probe landed on this machine.
import dgram from 'node:dgram';
import net from 'node:net';
import { parseUdpProbeDatagram, tcpGreeting, udpReplyDatagram } from '../../../shared/companion-protocol';

export interface NonceListener {
  /** Remote addresses that reached the listener (the companion, seen through any NAT). */
  readonly peers: string[];
  close(): Promise<void>;
}

/** Why the temporary listener could not open: the port is held, or binding it needs more rights. */
export type OpenFailure = 'in-use' | 'denied';

function failureOf(e: NodeJS.ErrnoException): OpenFailure | null {
  if (e.code === 'EADDRINUSE') return 'in-use';
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'denied';
  return null;
}

/** Accepts on every address (dual-stack where possible), writes the greeting, closes. */
export function openTcpNonceListener(port: number, nonce: string): Promise<NonceListener | OpenFailure> {
  const peers: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
    s.setTimeout(2_000, () => s.destroy());
    peers.push((s.remoteAddress ?? '').replace(/^::ffff:/i, ''));
    s.end(tcpGreeting(nonce));
  });
  server.maxConnections = 16;
  const listen = (host: string) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port, host, ipv6Only: false, exclusive: true }, () => {
        server.off('error', reject);
        resolve();
      });
    });
  return listen('::')
    .catch((e: NodeJS.ErrnoException) => (e.code === 'EAFNOSUPPORT' || e.code === 'EADDRNOTAVAIL' ? listen('0.0.0.0') : Promise.reject(e)))
    .then(
      () => ({
        peers,
        close: () =>
          new Promise<void>((resolve) => {
            for (const s of sockets) s.destroy();
            server.close(() => resolve());
          }),
      }),
      (e: NodeJS.ErrnoException) => {
        const f = failureOf(e);
        if (f) return f;
        throw e;
      },
    );
}

/** Replies to the companion's probe datagram with its server nonce and our nonce; ignores anything else. */
export function openUdpNonceListener(port: number, nonce: string): Promise<NonceListener | OpenFailure> {
  const peers: string[] = [];
  const attempt = (type: 'udp4' | 'udp6', host: string) =>
    new Promise<dgram.Socket>((resolve, reject) => {
      const s = dgram.createSocket({ type, ipv6Only: false });
      s.once('error', (e) => {
        s.close();
        reject(e);
      });
      s.bind({ port, address: host, exclusive: true }, () => {
        s.removeAllListeners('error');
        s.on('error', () => undefined);
        resolve(s);
      });
    });
  return attempt('udp6', '::')
    .catch((e: NodeJS.ErrnoException) => (e.code === 'EAFNOSUPPORT' || e.code === 'EADDRNOTAVAIL' ? attempt('udp4', '0.0.0.0') : Promise.reject(e)))
    .then(
      (socket) => {
        let replies = 0;
        socket.on('message', (msg, rinfo) => {
          const serverNonce = parseUdpProbeDatagram(new Uint8Array(msg));
          // At most 3 replies (the companion sends at most 3 probes): this listener must not reflect floods.
          if (!serverNonce || replies >= 3) return;
          replies++;
          peers.push(rinfo.address.replace(/^::ffff:/i, ''));
          socket.send(udpReplyDatagram(serverNonce, nonce), rinfo.port, rinfo.address);
        });
        return { peers, close: () => new Promise<void>((resolve) => socket.close(() => resolve())) };
      },
      (e: NodeJS.ErrnoException) => {
        const f = failureOf(e);
        if (f) return f;
        throw e;
      },
    );
}
