// @vitest-environment happy-dom
// The web UI's bridge against real WebSocket servers (the ws package on loopback): one that never
// answers, one whose stream goes quiet, ones that send error frames. Short deadlines come in
// through the seam; the channel table itself is checked below.
import { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { INVOKE_NAMES } from '../../../shared/contract-names';
import type { AppErrorData } from '../../../shared/result';
import { CALL_DEADLINES, deadlineFor } from './call-deadlines';
import { createWsBridge, type WsBridgeOptions } from './ws-bridge';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

interface Call {
  id: number;
  channel: string;
}

/** A loopback WebSocket server whose behaviour per call the test decides. */
async function engine(onCall: (ws: ServerSocket, call: Call) => void) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const sockets: ServerSocket[] = [];
  wss.on('connection', (ws) => {
    sockets.push(ws);
    ws.on('message', (data) => onCall(ws, JSON.parse(String(data)) as Call));
  });
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => r());
      }),
  );
  const address = wss.address();
  if (address === null || typeof address === 'string') throw new Error(`expected a TCP address, got ${String(address)}`);
  return { url: `ws://127.0.0.1:${address.port}/ws`, sockets };
}

function bridge(url: string, options: WsBridgeOptions) {
  const b = createWsBridge(url, { kind: 'session', secret: 'test-session' }, { storage: null, ...options });
  const engineErrors: AppErrorData[] = [];
  cleanups.push(b.engineErrors.subscribe((e) => engineErrors.push(e)));
  return { ...b, engineErrors };
}

describe('ws bridge deadlines', () => {
  it('a call the engine never answers fails with NO_ANSWER naming the channel and the wait', async () => {
    const e = await engine(() => undefined);
    const b = bridge(e.url, { deadlineFor: () => ({ ms: 300 }) });
    const started = Date.now();
    const r = await b.api.appInfo({});
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(r).toEqual({ ok: false, error: { code: 'NO_ANSWER', message: expect.stringMatching(/did not answer in time/), detail: 'no answer to app:info within 300 ms' } });
  });

  it('a stream that keeps speaking is not cut off; once it goes quiet the call fails', async () => {
    const e = await engine((ws) => {
      // Progress every 150 ms for 1.5 s (five times the idle deadline), then silence.
      let sent = 0;
      const timer = setInterval(() => {
        ws.send(JSON.stringify({ t: 'event', event: 'probe:progress', payload: { runId: 'r', done: sent, total: 100, etaMs: null, results: [] } }));
        if (++sent === 10) clearInterval(timer);
      }, 150);
      cleanups.push(() => clearInterval(timer));
    });
    const b = bridge(e.url, { deadlineFor: (channel) => (channel === 'probe:run' ? { ms: 600, idleOn: ['probe:progress'] } : { ms: 600 }) });
    const events: unknown[] = [];
    cleanups.push(b.api.onProbeProgress((p) => events.push(p)));
    const r = await b.api.probeRun({ runId: 'r', host: '127.0.0.1', ports: '1' });
    expect(events).toHaveLength(10);
    expect(r).toMatchObject({ ok: false, error: { code: 'NO_ANSWER', detail: 'probe:run went quiet: no answer and no progress for 600 ms' } });
  });

  it('an answer in time settles the call once; the deadline does not fire afterwards', async () => {
    const e = await engine((ws, call) => ws.send(JSON.stringify({ t: 'result', id: call.id, result: { ok: true, value: { answered: call.channel } } })));
    const b = bridge(e.url, { deadlineFor: () => ({ ms: 200 }) });
    expect(await b.api.appInfo({})).toEqual({ ok: true, value: { answered: 'app:info' } });
    await new Promise((r) => setTimeout(r, 300));
    expect(b.engineErrors).toEqual([]);
  });

  it('every channel has a deadline, streams an idle one, and a test from outside waits its own length', () => {
    for (const channel of INVOKE_NAMES) expect(CALL_DEADLINES[channel], channel).toBeDefined();
    expect(deadlineFor('probe:run', { runId: 'r', host: 'h', ports: '1' })).toMatchObject({ idleOn: ['probe:progress'] });
    expect(CALL_DEADLINES['diagnose:run']).toMatchObject({ idleOn: ['diagnose:progress'] });
    expect(deadlineFor('vantage:invite', { testId: 't', port: 1, timeoutSeconds: 3600 }).ms).toBeGreaterThan(3600 * 1000);
  });
});

describe('ws bridge error frames', () => {
  it('an error frame naming a call fails that call with the engine\'s code and reason', async () => {
    const e = await engine((ws, call) => ws.send(JSON.stringify({ t: 'error', id: call.id, code: 'INVALID_INPUT', message: 'The message was not a call.' })));
    const b = bridge(e.url, { deadlineFor: () => ({ ms: 5_000 }) });
    const r = await b.api.appInfo({});
    expect(r).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: expect.any(String), detail: 'The message was not a call.' } });
    expect(b.engineErrors).toEqual([]);
  });

  it('an error frame naming no call reaches the page; the call it belonged to still ends at its deadline', async () => {
    const e = await engine((ws) => ws.send(JSON.stringify({ t: 'error', code: 'INVALID_INPUT', message: 'The message was not valid JSON.' })));
    const b = bridge(e.url, { deadlineFor: () => ({ ms: 400 }) });
    const r = await b.api.appInfo({});
    expect(b.engineErrors).toEqual([
      { code: 'INVALID_INPUT', message: expect.any(String), detail: 'Port Doctor\'s engine could not read a message from this page (“The message was not valid JSON.”). Reload the page if something stops working' },
    ]);
    expect(r).toMatchObject({ ok: false, error: { code: 'NO_ANSWER' } });
  });

  it('a code outside the closed set is not passed on as if it were one', async () => {
    const e = await engine((ws, call) => ws.send(JSON.stringify({ t: 'error', id: call.id, code: 'EBADTHING', message: 'odd' })));
    const b = bridge(e.url, { deadlineFor: () => ({ ms: 5_000 }) });
    expect(await b.api.appInfo({})).toMatchObject({ ok: false, error: { code: 'INTERNAL', detail: 'the engine answered EBADTHING: odd' } });
  });

  it('calls waiting when the engine goes away fail DISCONNECTED at once, not at their deadline', async () => {
    const e = await engine((ws) => ws.terminate());
    const b = bridge(e.url, { deadlineFor: () => ({ ms: 30_000 }) });
    const started = Date.now();
    expect(await b.api.appInfo({})).toMatchObject({ ok: false, error: { code: 'DISCONNECTED' } });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
