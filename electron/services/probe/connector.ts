// The system connector: one TCP connect per port through node:net, saying when the SYN leaves.
import net from 'node:net';
import type { ShardConnect } from './shard';

export interface SystemConnector {
  connect: ShardConnect;
  /** What the scan stats report as the connector. */
  name: string;
}

/**
 * net.Socket is the public API: the libuv handle underneath is private to Node (and Electron's
 * Node may change it), so per-connect cost is kept down instead by the worker turning off stack
 * traces (a refused connect builds an Error) and by spreading connects over threads.
 */
/**
 * One connect's socket. A scan makes tens of thousands: the handlers are shared methods reading
 * the socket's own fields, not closures made per connect (less garbage, fewer listener wrappers).
 */
class ProbeSocket extends net.Socket {
  live = true;

  constructor(
    readonly port: number,
    readonly done: (code: string | null, selfConnect: boolean, seenAt?: number) => void,
    readonly sent: () => void,
  ) {
    super();
    // Emitted just before the connect system call: the handshake is timed from there.
    this.on('connectionAttempt', this.sent);
    this.on('connect', this.connected);
    this.on('error', this.failed);
  }

  private connected(): void {
    if (!this.live) return;
    this.live = false;
    // The round trip ends here: destroy() below does a stream's worth of work before the report.
    const seenAt = performance.now();
    const self = this.localPort === this.port && this.localAddress === this.remoteAddress;
    this.destroy();
    this.done(null, self, seenAt);
  }

  private failed(e: NodeJS.ErrnoException): void {
    // The stream has destroyed itself on its way to this event.
    if (!this.live) return;
    this.live = false;
    this.done(e.code ?? 'EIO', false);
  }

  cancel(): void {
    this.live = false;
    this.destroy();
  }
}

export function makeSystemConnector(address: string, family: 4 | 6): SystemConnector {
  return {
    name: 'net.Socket',
    connect(port, done, sent) {
      const s = new ProbeSocket(port, done, sent);
      s.connect({ port, host: address, family });
      return () => s.cancel();
    },
  };
}
