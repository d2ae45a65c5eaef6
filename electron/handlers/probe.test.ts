// probe:run / probe:cancel handlers: progress events to the caller, cancel by runId, input errors.
import dgram from 'node:dgram';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeProgress } from '../../shared/channels/probe';
import { AppError } from '../../shared/errors';
import type { HandlerContext } from '../bridge/handler';
import { MAX_RUNS_AT_ONCE, MAX_RUN_CONCURRENCY, boundedConcurrency, probeCancel, probeRun } from './probe';

function context(signal = new AbortController().signal) {
  const events: ProbeProgress[] = [];
  const ctx: HandlerContext = {
    signal,
    transport: 'websocket',
    emit: (event, payload) => {
      if (event === 'probe:progress') events.push(payload as ProbeProgress);
    },
  };
  return { ctx, events };
}

describe('probe handlers (loopback sockets this test opens)', () => {
  const server = net.createServer((c) => c.destroy());
  const mute: dgram.Socket[] = [];
  let open = 0;
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    open = (server.address() as net.AddressInfo).port;
    for (let i = 0; i < 3; i++) {
      const s = dgram.createSocket('udp4');
      await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
      mute.push(s);
    }
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    for (const s of mute) s.close();
  });

  it('streams progress from 0 to done, and the streamed results are the answer', async () => {
    const { ctx, events } = context();
    const out = await probeRun({ runId: 'r1', host: '127.0.0.1', ports: String(open), protocol: 'tcp', confirm: true }, ctx);
    expect(out.results).toEqual([expect.objectContaining({ port: open, state: 'open', reason: 'syn-ack' })]);
    expect(events[0]).toMatchObject({ runId: 'r1', done: 0, total: 1, results: [] });
    expect(events.at(-1)).toMatchObject({ done: 1, total: 1, etaMs: 0 });
    expect(events.flatMap((e) => e.results)).toEqual(out.results);
  });

  it('probe:cancel stops a run by its id; the run answers with cancelled', async () => {
    const { ctx } = context();
    const ports = mute.map((s) => s.address().port).join(',');
    const started = performance.now();
    const run = probeRun({ runId: 'r2', host: '127.0.0.1', ports, protocol: 'udp', timeoutMs: 5000, confirm: true }, ctx);
    await new Promise((r) => setTimeout(r, 100));
    expect(await probeCancel({ runId: 'r2' }, ctx)).toEqual({ cancelled: true });
    const out = await run;
    expect(out.cancelled).toBe(true);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await probeCancel({ runId: 'r2' }, ctx)).toEqual({ cancelled: false });
  });

  it('a caller that goes away (window closed) stops its run', async () => {
    const ac = new AbortController();
    const { ctx } = context(ac.signal);
    const run = probeRun({ runId: 'r3', host: '127.0.0.1', ports: String(mute[0]?.address().port), protocol: 'udp', timeoutMs: 5000, confirm: true }, ctx);
    setTimeout(() => ac.abort(), 50);
    expect((await run).cancelled).toBe(true);
  });

  it('a bad port spec is INVALID_INPUT with the reason', async () => {
    const { ctx } = context();
    const e = await probeRun({ runId: 'r4', host: '127.0.0.1', ports: '70-60', protocol: 'tcp', confirm: true }, ctx).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('INVALID_INPUT');
    expect((e as AppError).detail).toMatch(/backwards/);
  });

  it(`at most ${MAX_RUNS_AT_ONCE} runs at once: the next is TOO_BUSY, and a slot frees when one ends`, async () => {
    const silent = (i: number) => String(mute[i]?.address().port);
    const controllers = [new AbortController(), new AbortController()];
    const runs = controllers.map((c, i) =>
      probeRun({ runId: `busy-${i}`, host: '127.0.0.1', ports: silent(i), protocol: 'udp', timeoutMs: 5000, confirm: false }, context(c.signal).ctx),
    );
    const third = await probeRun({ runId: 'busy-2', host: '127.0.0.1', ports: silent(2), protocol: 'udp', timeoutMs: 100, confirm: false }, context().ctx).then(
      () => null,
      (e: unknown) => e,
    );
    expect(third).toBeInstanceOf(AppError);
    expect((third as AppError).code).toBe('TOO_BUSY');
    controllers[0]!.abort();
    await runs[0];
    const after = await probeRun({ runId: 'busy-3', host: '127.0.0.1', ports: silent(2), protocol: 'udp', timeoutMs: 100, confirm: false }, context().ctx);
    expect(after.results).toHaveLength(1);
    controllers[1]!.abort();
    await runs[1];
  });

  it('a page cannot ask for more than MAX_RUN_CONCURRENCY sockets per run', () => {
    expect(boundedConcurrency(4096)).toBe(MAX_RUN_CONCURRENCY);
    expect(boundedConcurrency(8)).toBe(8);
    expect(boundedConcurrency(undefined)).toBeUndefined();
    expect(MAX_RUNS_AT_ONCE * MAX_RUN_CONCURRENCY).toBeLessThanOrEqual(1024);
  });
});
