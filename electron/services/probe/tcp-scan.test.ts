import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessLane } from './lanes';
import type { ShardConnect } from './shard';
import { scanTcp, type PortVerdict } from './tcp-scan';

/** A connector that answers each port as scripted, after `delayMs`, and counts sockets held. */
function scripted(answers: Record<number, string | null>, delayMs = 1) {
  const state = { live: 0, peak: 0, calls: new Map<number, number>() };
  const connect: ShardConnect = (port, events) => {
    state.calls.set(port, (state.calls.get(port) ?? 0) + 1);
    state.live++;
    state.peak = Math.max(state.peak, state.live);
    const answer = answers[port];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const release = (): void => {
      if (timer) clearTimeout(timer);
      timer = null;
      state.live--;
    };
    if (answer === null) return { cancel: release }; // silence: only the deadline ends it
    timer = setTimeout(() => {
      release();
      if (answer === 'ok') events.done(port, null, false);
      else if (answer === 'self') events.done(port, null, true);
      else events.done(port, answer ?? 'ECONNREFUSED', false);
    }, delayMs);
    return { cancel: release };
  };
  return { connect, state };
}

describe('scanTcp verdicts (injected connector)', () => {
  it('gives every state and reason from what the socket saw', async () => {
    const { connect, state } = scripted({
      1: 'ok', 2: 'ECONNREFUSED', 3: 'EHOSTUNREACH', 4: 'ENETUNREACH', 5: 'EACCES', 6: 'EPERM', 7: 'self', 8: null, 9: 'ETIMEDOUT', 10: 'ECONNRESET',
    });
    const streamed: PortVerdict[] = [];
    const out = await scanTcp({
      address: '10.0.0.1', family: 4, ports: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], timeoutMs: 150, lane: inProcessLane(connect),
      onResult: (r) => streamed.push(r),
    });
    // Streamed verdicts are not also kept: a full-range scan would hold 65,535 twice.
    expect(out.results).toEqual([]);
    const results = streamed.sort((a, b) => a.port - b.port);
    const byPort = Object.fromEntries(results.map((r) => [r.port, `${r.state}/${r.reason}`]));
    expect(byPort).toEqual({
      1: 'open/syn-ack', 2: 'closed/conn-refused', 3: 'filtered/host-unreach', 4: 'filtered/net-unreach', 5: 'filtered/admin-prohibited',
      6: 'filtered/admin-prohibited', 7: 'closed/conn-refused', 8: 'filtered/no-response', 9: 'filtered/no-response', 10: 'closed/conn-refused',
    });
    expect(results.find((r) => r.port === 8)?.rttMs).toBeNull();
    expect(results.find((r) => r.port === 1)?.rttMs).toBeGreaterThan(0);
    // The silent port was tried twice (one retry); the answered ones once.
    expect(state.calls.get(8)).toBe(2);
    expect(state.calls.get(1)).toBe(1);
    expect(results.map((r) => r.port)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(state.live).toBe(0);
  });

  it('tightens the deadline from measured round trips', async () => {
    const answers: Record<number, string | null> = {};
    for (let p = 1; p <= 50; p++) answers[p] = 'ECONNREFUSED';
    for (let p = 51; p <= 60; p++) answers[p] = null;
    const { connect } = scripted(answers, 1);
    const started = performance.now();
    const out = await scanTcp({ address: '10.0.0.1', family: 4, ports: Object.keys(answers).map(Number), timeoutMs: 5000, concurrency: 10, lane: inProcessLane(connect) });
    // Silent ports would take 2 × 5 s at the ceiling; fast answers pull the deadline to the floor.
    expect(out.stats.finalTimeoutMs).toBe(100);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(out.results.filter((r) => r.state === 'filtered')).toHaveLength(10);
  });

  it('times the round trip from the moment the SYN leaves, not from the launch', async () => {
    // A socket that takes 60 ms to set up (a cold process) and is answered 2 ms after it sends.
    const connect: ShardConnect = (port, events) => {
      const setUp = setTimeout(() => {
        events.sent(port);
        setTimeout(() => events.done(port, null, false), 2);
      }, 60);
      return { cancel: () => clearTimeout(setUp) };
    };
    const out = await scanTcp({ address: '10.0.0.1', family: 4, ports: [1], lane: inProcessLane(connect) });
    expect(out.results[0]?.state).toBe('open');
    expect(out.results[0]?.rttMs).toBeGreaterThanOrEqual(1.5);
    expect(out.results[0]?.rttMs).toBeLessThan(40);
  });

  it('backs off on EMFILE without losing or misjudging the port', async () => {
    let failures = 3;
    const inner = scripted({ 1: 'ok', 2: 'ok', 3: 'ECONNREFUSED' });
    const connect: ShardConnect = (port, events) => {
      if (port === 2 && failures > 0) {
        failures--;
        events.done(port, 'EMFILE', false);
        return { cancel: () => undefined };
      }
      return inner.connect(port, events);
    };
    const out = await scanTcp({ address: '10.0.0.1', family: 4, ports: [1, 2, 3], lane: inProcessLane(connect) });
    expect(out.results.map((r) => `${r.port}:${r.state}`)).toEqual(['1:open', '2:open', '3:closed']);
    expect(out.stats.backoffs).toBe(3);
  });

  it('never holds more sockets than the concurrency bound over 10,000 ports', async () => {
    const answers: Record<number, string | null> = {};
    for (let p = 1; p <= 10_000; p++) answers[p] = p % 97 === 0 ? 'ok' : p % 501 === 0 ? null : 'ECONNREFUSED';
    const { connect, state } = scripted(answers, 0);
    const out = await scanTcp({ address: '10.0.0.1', family: 4, ports: Object.keys(answers).map(Number), concurrency: 64, timeoutMs: 120, lane: inProcessLane(connect) });
    expect(out.results).toHaveLength(10_000);
    expect(state.peak).toBeLessThanOrEqual(64);
    expect(state.peak).toBeGreaterThan(32);
    expect(state.live).toBe(0);
  });

  it('stops on abort and reports what was decided', async () => {
    const answers: Record<number, string | null> = {};
    for (let p = 1; p <= 100; p++) answers[p] = null;
    const { connect, state } = scripted(answers);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const out = await scanTcp({ address: '10.0.0.1', family: 4, ports: Object.keys(answers).map(Number), timeoutMs: 10_000, lane: inProcessLane(connect), signal: ac.signal });
    expect(out.cancelled).toBe(true);
    expect(out.results).toHaveLength(0);
    expect(state.live).toBe(0);
  });
});

describe('scanTcp on loopback (real sockets, ports this test opened)', () => {
  const servers: net.Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  });
  const listen = async (): Promise<number> => {
    const s = net.createServer((c) => c.destroy());
    servers.push(s);
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    return (s.address() as net.AddressInfo).port;
  };
  /** A port that was free a moment ago: bound, then released. */
  const freePort = async (): Promise<number> => {
    const s = net.createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const port = (s.address() as net.AddressInfo).port;
    await new Promise((r) => s.close(r));
    return port;
  };

  it.each([
    ['this thread (net.Socket)', 0],
    ['a worker thread (shard.worker.ts, its own module)', 1],
  ])('finds the open and the closed port from %s', async (_name, workers) => {
    const open = await listen();
    const closed = await freePort();
    const out = await scanTcp({ address: '127.0.0.1', family: 4, ports: [open, closed], workers });
    expect(out.results.map((r) => [r.port, r.state, r.reason])).toEqual(
      [[open, 'open', 'syn-ack'], [closed, 'closed', 'conn-refused']].sort((a, b) => (a[0] as number) - (b[0] as number)),
    );
    expect(out.stats.lanes).toBe(1);
    expect(out.stats.connector).toBe('net.Socket');
  });

  it('keeps verdicts exact with few sockets for many ports (worker)', async () => {
    const open = [await listen(), await listen(), await listen()];
    const closed: number[] = [];
    for (let i = 0; i < 40; i++) closed.push(await freePort());
    const ports = [...new Set([...open, ...closed])].sort((a, b) => a - b);
    // Four sockets for 43 ports: each slot is refused and relaunched many times.
    const out = await scanTcp({ address: '127.0.0.1', family: 4, ports, workers: 1, concurrency: 4 });
    expect(out.results.filter((r) => r.state === 'open').map((r) => r.port)).toEqual([...open].sort((a, b) => a - b));
    expect(out.results.filter((r) => r.state === 'closed')).toHaveLength(ports.length - open.length);
    expect(out.results.every((r) => r.state === 'open' || r.reason === 'conn-refused')).toBe(true);
  });

  it('works over IPv6 loopback', async () => {
    const s = net.createServer((c) => c.destroy());
    servers.push(s);
    await new Promise<void>((r) => s.listen(0, '::1', r));
    const port = (s.address() as net.AddressInfo).port;
    for (const workers of [0, 1]) {
      const out = await scanTcp({ address: '::1', family: 6, ports: [port], workers });
      expect(out.results[0]).toMatchObject({ port, state: 'open', reason: 'syn-ack' });
    }
  });
});
