// The system connector: one TCP connect per port through node:net, saying when the SYN leaves.
import net from 'node:net';
import type { ShardAttempt, ShardConnect, ShardEvents } from './shard';

export interface SystemConnector {
  connect: ShardConnect;
  /** What the scan stats report as the connector. */
  name: string;
}

/**
 * net.Socket is the public API: the libuv handle underneath is private to Node (and Electron's
 * Node may change it), so per-connect cost is kept down around it instead. A scan makes tens of
 * thousands of connects, so a socket object is reused once it has closed (net.Socket supports
 * connect() on a closed socket: it takes a fresh handle), its handlers are shared methods reading
 * its own fields rather than closures made per connect, and the worker turns off stack traces (a
 * refused connect builds an Error).
 */
class ProbeSocket extends net.Socket implements ShardAttempt {
  port = 0;
  /** Between connect() and the attempt's report or cancel: events outside it are the old attempt's teardown. */
  live = false;
  private events: ShardEvents | null = null;

  constructor(
    private readonly target: { port: number; host: string; family: 4 | 6 },
    private readonly pool: ProbeSocket[],
  ) {
    super();
    // Emitted just before the connect system call: the handshake is timed from there.
    this.on('connectionAttempt', this.sent);
    this.on('connect', this.connected);
    this.on('error', this.failed);
    // Only a closed socket goes back: its last attempt's events have all been emitted.
    this.on('close', this.recycle);
  }

  start(port: number, events: ShardEvents): void {
    this.port = port;
    this.events = events;
    this.live = true;
    // connect() reads the options before it returns (the address is an IP: no lookup), so one
    // options object per socket serves every attempt.
    this.target.port = port;
    this.connect(this.target);
  }

  private sent(): void {
    if (this.live) this.events?.sent(this.port);
  }

  private connected(): void {
    if (!this.live) return;
    this.live = false;
    // The round trip ends here: destroy() below does a stream's worth of work before the report.
    const seenAt = performance.now();
    const self = this.localPort === this.port && this.localAddress === this.remoteAddress;
    this.destroy();
    this.events?.done(this.port, null, self, seenAt);
  }

  private failed(e: NodeJS.ErrnoException): void {
    // The stream has destroyed itself on its way to this event.
    if (!this.live) return;
    this.live = false;
    this.events?.done(this.port, e.code ?? 'EIO', false);
  }

  private recycle(): void {
    this.events = null;
    this.pool.push(this);
  }

  cancel(): void {
    this.live = false;
    this.destroy();
  }
}

export function makeSystemConnector(address: string, family: 4 | 6): SystemConnector {
  const pool: ProbeSocket[] = [];
  return {
    name: 'net.Socket',
    connect(port, events) {
      const s = pool.pop() ?? new ProbeSocket({ port: 0, host: address, family }, pool);
      s.start(port, events);
      return s;
    },
  };
}
