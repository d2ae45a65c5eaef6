// This computer's public address for the public link and the friend code, from STUN.
import dgram from 'node:dgram';
import { stunBinding, type StunServer } from '../companion-client/stun-client';

export interface PublicAddress {
  address: string | null;
  /** Why it is unknown (null when known). */
  error: string | null;
}

export type LookupPublicAddress = (servers: readonly StunServer[], signal: AbortSignal) => Promise<PublicAddress>;

/** Asks every server at once from one IPv4 socket; the first answer wins. */
export const stunPublicAddress: LookupPublicAddress = async (servers, signal) => {
  if (servers.length === 0) throw new RangeError('at least one STUN server is needed');
  const socket = dgram.createSocket('udp4');
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    socket.on('error', () => undefined);
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const tries = servers.map((s) =>
        stunBinding(socket, s, { signal: stop.signal }).then(
          (r) => (r.mapped ? r.mapped.address : Promise.reject(new Error(`${r.server}: no answer`))),
          (e: unknown) => Promise.reject(e instanceof Error ? e : new Error(String(e))),
        ),
      );
      const address = await Promise.any(tries);
      return { address, error: null };
    } catch (e) {
      const names = servers.map((s) => `${s.host}:${s.port}`).join(', ');
      if (signal.aborted) return { address: null, error: 'cancelled' };
      return { address: null, error: `no STUN server answered (${names})${e instanceof AggregateError ? '' : `: ${String(e)}`}` };
    } finally {
      stop.abort();
      signal.removeEventListener('abort', onAbort);
    }
  } finally {
    socket.close();
  }
};
