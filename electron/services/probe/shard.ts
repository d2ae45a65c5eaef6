// The connect engine one thread runs: a queue of ports, a bounded number of sockets in flight,
// deadlines that follow the scanner's current timeout, results batched back to the scheduler.
// Runs in this thread (inProcessLane) or in a worker (shard.worker.ts), the same module in both.
import { isResourceError } from '../../../shared/protocol/classify';

/** Results go back in batches so a 65k-port scan is ~200 messages, not 65k. */
const FLUSH_EVERY = 512;
const FLUSH_MS = 20;
/** The deadline sweep runs often enough that a deadline is overshot by at most a few ms. */
const SWEEP_MS = 5;
/**
 * Most connects launched in one turn of the event loop. A whole window at once (hundreds) is
 * hundreds of milliseconds of socket set-up on a busy machine, all of it before the first answer
 * can be read; launched in small bursts, answers are read between them. Answers do not launch
 * anything themselves: they free their slots, and the next check phase refills a burst of them.
 * On a full-range scan of a lab host (bench:probe (a), same run) this took the median from 1.92 s
 * to 1.56 s: connects go out together after a poll instead of one per answer inside it.
 */
const LAUNCH_BURST = 32;
/** After EMFILE/ENOBUFS: wait for sockets to drain before launching again. */
const BACKOFF_MS = 50;

/**
 * Where a connect reports, one object for the whole shard (a scan makes tens of thousands of
 * connects: no closures per port). `sent` says the SYN leaves now (the connect system call). The
 * round trip and the deadline both run from `sent`: the socket's own set-up (the first one in a
 * process pays for Node's lazy start-up), and the launches queued ahead of it in the same burst,
 * are not the network's time. A connector that never calls `sent` is timed from the call. `done`
 * comes once per attempt unless it was cancelled: an errno name or null (connected), the
 * self-connect flag, and optionally the moment the answer was seen (`performance.now()`) when the
 * connector has work to do before it can report; otherwise the report's own moment ends the round
 * trip. `done` may come from inside `connect` itself (socket() or connect() failed at once).
 */
export interface ShardEvents {
  sent(port: number): void;
  done(port: number, code: string | null, selfConnect: boolean, seenAt?: number): void;
}

/** One attempt in flight: cancelling it means no `done` will follow. */
export interface ShardAttempt {
  cancel(): void;
}

/** Starts one connect to `port`. */
export type ShardConnect = (port: number, events: ShardEvents) => ShardAttempt;

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

/** What a worker shard is started with (shard.worker.ts). */
export interface ShardWorkerData {
  address: string;
  family: 4 | 6;
  limit: number;
  timeoutMs: number;
}

export interface Shard {
  handle(msg: ShardIn): void;
}

export function createShard(
  connect: ShardConnect,
  send: (msg: ShardOut) => void,
  initialLimit: number,
  initialTimeoutMs: number,
): Shard {
  const limitCap = Math.max(1, initialLimit);
  let limit = limitCap;
  let timeoutMs = initialTimeoutMs;
  let queue: number[] = [];
  let qi = 0;
  // Insertion order is start order (connects go out in launch order), so the sweep can stop at
  // the first probe still in time.
  const inflight = new Map<number, ShardAttempt>();
  /** When each port's attempt in flight sent its SYN (or, until the connector says so, was launched). */
  const started = new Float64Array(65536);
  /** The port whose connect() is running: a report for it before it is in flight came from inside that call. */
  let launching = -1;
  let syncCode: string | null | undefined;
  let out: ShardResults = { ports: [], codeIds: [], rttUs: [], codes: [] };
  let codeIndex = new Map<string, number>();
  let peak = 0;
  let stopped = false;
  let pausedUntil = 0;
  let pumping = false;
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  let sweepTimer: ReturnType<typeof setTimeout> | null = null;
  let resumeTimer: ReturnType<typeof setTimeout> | null = null;
  let launchTimer: ReturnType<typeof setImmediate> | null = null;

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

  function record(p: number, c: string, start: number, seenAt: number = performance.now()): void {
    let id = codeIndex.get(c);
    if (id === undefined) {
      id = out.codes.push(c) - 1;
      codeIndex.set(c, id);
    }
    out.ports.push(p);
    out.codeIds.push(id);
    out.rttUs.push(Math.round((seenAt - start) * 1000));
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

  const events: ShardEvents = {
    sent(port) {
      started[port] = performance.now();
    },
    done(port, code, selfConnect, seenAt) {
      if (!inflight.has(port)) {
        if (port === launching && syncCode === undefined) syncCode = code;
        return;
      }
      inflight.delete(port);
      if (code !== null && isResourceError(code)) {
        backoff(port, code);
        return;
      }
      record(port, code === null ? (selfConnect ? 'self' : 'ok') : code, started[port] as number, seenAt);
      launchSoon();
    },
  };

  function launchOne(port: number): boolean {
    started[port] = performance.now();
    launching = port;
    syncCode = undefined;
    const attempt = connect(port, events);
    launching = -1;
    if (syncCode !== undefined) {
      // Failed inside connect() itself (socket() or connect() returned an error at once).
      if (syncCode !== null && isResourceError(syncCode)) {
        backoff(port, syncCode);
        return false;
      }
      record(port, syncCode ?? 'ok', started[port] as number);
      return true;
    }
    inflight.set(port, attempt);
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
        let burst = 0;
        while (inflight.size < limit && qi < queue.length) {
          if (burst++ === LAUNCH_BURST) {
            launchSoon();
            break;
          }
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

  // Launches wait for the check phase: after an answer (every answer of a poll frees its slot
  // first), and for the rest of a burst (answers to its first part are read before more sockets
  // pile up behind them).
  function launchSoon(): void {
    if (launchTimer) return;
    launchTimer = setImmediate(() => {
      launchTimer = null;
      pump();
    });
  }

  // Deadlines are judged in the check phase, against the clock as it read just before the poll
  // phase: everything the kernel held by then has been read. A probe sent later (launched while
  // that poll's answers were handled, which on a busy machine can take hundreds of milliseconds)
  // has not been polled yet, so its silence proves nothing.
  function sweepSoon(): void {
    sweepTimer = null;
    const polledAt = performance.now();
    setImmediate(() => sweep(polledAt));
  }

  function sweep(polledAt: number): void {
    if (stopped) return;
    for (const [port, attempt] of inflight) {
      const start = started[port] as number;
      if (polledAt - start < timeoutMs) break;
      inflight.delete(port);
      attempt.cancel();
      record(port, 'timeout', start);
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
          for (const attempt of inflight.values()) attempt.cancel();
          inflight.clear();
          for (const t of [flushTimer, sweepTimer, resumeTimer]) if (t) clearTimeout(t);
          if (launchTimer) clearImmediate(launchTimer);
          break;
      }
    },
  };
}
