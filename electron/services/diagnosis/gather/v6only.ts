// An IPv6 `::` socket may or may not accept IPv4 (IPV6_V6ONLY), and socket tables do not say which:
// one local connect to this computer's own IPv4 LAN address tells (traffic stays on this computer).
import net from 'node:net';

/** A local connect completes in microseconds; 500 ms covers a loaded machine. */
const LOCAL_CONNECT_MS = 500;

export function acceptsIpv4(lanAddress: string, port: number): Promise<boolean | null> {
  return new Promise((resolve) => {
    const s = net.connect({ host: lanAddress, port });
    const done = (v: boolean | null) => {
      clearTimeout(timer);
      s.destroy();
      resolve(v);
    };
    const timer = setTimeout(() => done(null), LOCAL_CONNECT_MS);
    s.once('connect', () => done(true));
    s.once('error', (e: NodeJS.ErrnoException) => done(e.code === 'ECONNREFUSED' ? false : null));
  });
}
