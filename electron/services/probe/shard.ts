// The connect engine one thread runs: a queue of ports, a bounded number of sockets in flight,
// deadlines that follow the scanner's current timeout, results batched back to the scheduler.
//
// Both functions below run inside worker threads from their source text (Function#toString),
// so they must not reference anything outside their own body: no imports, no module constants.
import type * as NetModule from 'node:net';
import type * as UtilModule from 'node:util';

/** Starts one connect to `port`; calls `done` once (errno name or null, self-connect flag) unless cancelled. */
export type ShardConnect = (port: number, done: (code: string | null, selfConnect: boolean) => void) => () => void;

export type ShardIn =
  /** `retry`: these go ahead of the untried ports, so a port's verdict is not held back to the end. */
  | { type: 'ports'; ports: number[]; retry?: boolean }
  | { type: 'timeout'; ms: number }
  | { type: 'stop' };

/**
 * Decided attempts, as parallel arrays (a 65k-port scan clones numbers, not 65k objects):
 * port, index into `codes` ('ok', 'self', 'timeout' or an errno name), round trip in microseconds.
 */
export interface ShardResults {
  ports: number[];
  codeIds: number[];
  rttUs: number[];
  codes: string[];
}

export type ShardOut =
  | { type: 'results'; batch: ShardResults; peak: number }
  | { type: 'idle' }
  | { type: 'backoff'; code: string; limit: number }
  | { type: 'info'; connector: string };

export interface Shard {
  handle(msg: ShardIn): void;
}

export function createShard(
  connect: ShardConnect,
  send: (msg: ShardOut) => void,
  initialLimit: number,
  initialTimeoutMs: number,
): Shard {
  // Why each number: results go back in batches so a 65k-port scan is ~200 messages, not 65k;
  // the sweep runs often enough that a deadline is overshot by at most a few ms.
  const FLUSH_EVERY = 512;
  const FLUSH_MS = 20;
  const SWEEP_MS = 5;
  // After EMFILE/ENOBUFS: wait for sockets to drain before launching again.
  const BACKOFF_MS = 50;
  const RESOURCE = ['EMFILE', 'ENFILE', 'ENOBUFS', 'EAGAIN', 'EADDRNOTAVAIL', 'ENOMEM'];

  const limitCap = Math.max(1, initialLimit);
  let limit = limitCap;
  let timeoutMs = initialTimeoutMs;
  let queue: number[] = [];
  let qi = 0;
  // Insertion order is start order, so the sweep can stop at the first probe still in time.
  const inflight = new Map<number, { start: number; cancel: () => void }>();
  let out: ShardResults = { ports: [], codeIds: [], rttUs: [], codes: [] };
  let codeIndex = new Map<string, number>();
  let peak = 0;
  let stopped = false;
  let pausedUntil = 0;
  let pumping = false;
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  let sweepTimer: ReturnType<typeof setTimeout> | null = null;
  let resumeTimer: ReturnType<typeof setTimeout> | null = null;

  function flush(): void {
    if (flushTimer) {
      clearTimeout(flushTimer);
      flushTimer = null;
    }
    if (out.ports.length === 0) return;
    const batch = out;
    out = { ports: [], codeIds: [], rttUs: [], codes: [] };
    codeIndex = new Map();
    send({ type: 'results', batch, peak });
  }

  function record(p: number, c: string, start: number): void {
    let id = codeIndex.get(c);
    if (id === undefined) {
      id = out.codes.push(c) - 1;
      codeIndex.set(c, id);
    }
    out.ports.push(p);
    out.codeIds.push(id);
    out.rttUs.push(Math.round((performance.now() - start) * 1000));
    if (out.ports.length >= FLUSH_EVERY) flush();
    else if (!flushTimer) flushTimer = setTimeout(flush, FLUSH_MS);
  }

  function finishIfIdle(): void {
    if (qi >= queue.length && inflight.size === 0 && !stopped) {
      flush();
      if (sweepTimer) {
        clearTimeout(sweepTimer);
        sweepTimer = null;
      }
      send({ type: 'idle' });
    }
  }

  function launchOne(port: number): boolean {
    const start = performance.now();
    let syncCode: string | null | undefined;
    let settled = false;
    const cancel = connect(port, (code, selfConnect) => {
      if (settled) return;
      settled = true;
      if (!inflight.has(port)) {
        syncCode = code;
        return;
      }
      inflight.delete(port);
      if (code !== null && RESOURCE.includes(code)) {
        backoff(port, code);
        return;
      }
      record(port, code === null ? (selfConnect ? 'self' : 'ok') : code, start);
      pump();
    });
    if (settled) {
      // Failed inside connect() itself (socket() or connect() returned an error at once).
      if (syncCode !== null && syncCode !== undefined && RESOURCE.includes(syncCode)) {
        backoff(port, syncCode);
        return false;
      }
      record(port, syncCode ?? 'ok', start);
      return true;
    }
    inflight.set(port, { start, cancel });
    if (inflight.size > peak) peak = inflight.size;
    return true;
  }

  function backoff(port: number, code: string): void {
    queue.splice(qi, 0, port);
    limit = Math.max(1, Math.floor(Math.max(inflight.size, 2) / 2));
    pausedUntil = performance.now() + BACKOFF_MS;
    send({ type: 'backoff', code, limit });
    scheduleResume();
  }

  // A timer may fire a little before performance.now() says the pause is over (the loop's clock
  // is coarser), so a pump that finds itself paused always leaves a timer behind.
  function scheduleResume(): void {
    if (resumeTimer) return;
    resumeTimer = setTimeout(() => {
      resumeTimer = null;
      pump();
    }, Math.max(1, Math.ceil(pausedUntil - performance.now()) + 1));
  }

  function pump(): void {
    if (pumping || stopped) return;
    pumping = true;
    try {
      if (performance.now() < pausedUntil) scheduleResume();
      else {
        // Grow back toward the cap after a backoff, one socket per completion.
        if (limit < limitCap && inflight.size < limit) limit++;
        while (inflight.size < limit && qi < queue.length) {
          const port = queue[qi++] as number;
          if (!launchOne(port)) break;
        }
      }
      if (inflight.size > 0 && !sweepTimer) sweepTimer = setTimeout(sweepSoon, SWEEP_MS);
    } finally {
      pumping = false;
    }
    finishIfIdle();
  }

  // Deadlines are judged in the check phase, right after the poll phase: an answer the kernel
  // already holds is always read before its probe can be declared silent.
  function sweepSoon(): void {
    sweepTimer = null;
    setImmediate(sweep);
  }

  function sweep(): void {
    if (stopped) return;
    const now = performance.now();
    for (const [port, f] of inflight) {
      if (now - f.start < timeoutMs) break;
      inflight.delete(port);
      f.cancel();
      record(port, 'timeout', f.start);
    }
    pump();
  }

  return {
    handle(msg: ShardIn): void {
      switch (msg.type) {
        case 'ports':
          queue = msg.retry ? msg.ports.concat(queue.slice(qi)) : queue.slice(qi).concat(msg.ports);
          qi = 0;
          pump();
          break;
        case 'timeout':
          timeoutMs = msg.ms;
          break;
        case 'stop':
          stopped = true;
          for (const f of inflight.values()) f.cancel();
          inflight.clear();
          for (const t of [flushTimer, sweepTimer, resumeTimer]) if (t) clearTimeout(t);
          break;
      }
    },
  };
}

/**
 * The system connector. Prefers libuv's TCP handle (what net.Socket itself wraps): a full-range
 * scan is bound by per-connect cost, and net.Socket spends ~25 µs of JS per connect on stream
 * state and an Error object per refusal; the bare handle costs a tenth of that. Falls back to
 * net.Socket where the handle is unavailable (the result is the same, only slower).
 */
export function makeSystemConnector(
  mods: { net: typeof NetModule; util: typeof UtilModule },
  address: string,
  family: 4 | 6,
  preferHandle: boolean,
): { connect: ShardConnect; name: string; dispose?: () => void } {
  interface Handle {
    connect(req: object, address: string, port: number): number;
    connect6(req: object, address: string, port: number): number;
    getsockname(out: { address?: string; port?: number }): number;
    close(): void;
  }
  type Binding = {
    TCP: new (type: number) => Handle;
    TCPConnectWrap: new () => { oncomplete?: (status: number) => void };
    constants: { SOCKET: number };
  };
  let binding: Binding | null = null;
  let why = 'net.Socket (preferred)';
  if (preferHandle) {
    try {
      const b = (process as unknown as { binding(name: string): Binding }).binding('tcp_wrap');
      if (typeof b.TCP === 'function' && typeof b.TCPConnectWrap === 'function' && typeof b.constants?.SOCKET === 'number') binding = b;
      else why = 'net.Socket (tcp_wrap has an unexpected shape)';
    } catch (e) {
      why = `net.Socket (tcp_wrap unavailable: ${e instanceof Error ? e.message : String(e)})`;
    }
  }
  if (binding) {
    const { TCP, TCPConnectWrap, constants } = binding;
    const nameOf = (status: number): string => mods.util.getSystemErrorName(status);
    // On Linux a TCP socket whose connect was refused is back in CLOSE and can connect again,
    // which saves socket(), close() and two epoll updates per port — a third of a full scan's
    // kernel time. Its first connect() then fails at once with ECONNABORTED (the kernel resetting
    // the socket's state, see __inet_stream_connect) and the second goes out. Spares are sockets
    // that never connected; at most MAX_SPARE wait between probes.
    const reuse = process.platform === 'linux';
    const MAX_SPARE = 16;
    const spare: Handle[] = [];
    const start = (h: Handle, req: object, port: number): number =>
      family === 6 ? h.connect6(req, address, port) : h.connect(req, address, port);
    return {
      name: reuse ? 'tcp_wrap (reusing refused sockets)' : 'tcp_wrap',
      connect(port, done) {
        const reused = spare.pop();
        const h = reused ?? new TCP(constants.SOCKET);
        const req = new TCPConnectWrap();
        let live = true;
        req.oncomplete = (status) => {
          if (!live) return;
          live = false;
          let self = false;
          if (status === 0) {
            const local: { address?: string; port?: number } = {};
            h.getsockname(local);
            self = local.port === port && local.address === address;
          }
          const code = status === 0 ? null : nameOf(status);
          if (reuse && code === 'ECONNREFUSED' && spare.length < MAX_SPARE) spare.push(h);
          else h.close();
          done(code, self);
        };
        let rc = start(h, req, port);
        if (rc !== 0 && reused && nameOf(rc) === 'ECONNABORTED') rc = start(h, req, port);
        if (rc !== 0) {
          live = false;
          h.close();
          done(nameOf(rc), false);
        }
        return () => {
          if (!live) return;
          live = false;
          h.close();
        };
      },
      dispose() {
        for (const h of spare.splice(0)) h.close();
      },
    };
  }
  return {
    name: why,
    connect(port, done) {
      const s = new mods.net.Socket();
      let live = true;
      s.once('connect', () => {
        if (!live) return;
        live = false;
        const self = s.localPort === port && s.localAddress === s.remoteAddress;
        s.destroy();
        done(null, self);
      });
      s.once('error', (e: NodeJS.ErrnoException) => {
        s.destroy();
        if (!live) return;
        live = false;
        done(e.code ?? 'EIO', false);
      });
      s.connect({ port, host: address, family });
      return () => {
        live = false;
        s.destroy();
      };
    },
  };
}
