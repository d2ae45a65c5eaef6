// The WebSocket transport's admission: calls in flight per page and over all pages are bounded,
// the overflow answered TOO_BUSY at once (never queued). Real ws sockets on loopback; the
// dispatcher is a seam that holds each call until the test lets it go.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import type { Dispatch } from '../bridge/dispatch';
import { attachWsTransport, newCallBudget } from './ws-transport';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function server(perConnection: number, overall: number) {
  const held: Array<() => void> = [];
  const dispatch: Dispatch = () => new Promise((resolve) => held.push(() => resolve({ ok: true, value: {} })));
  const budget = newCallBudget(perConnection, overall);
  const http1 = http.createServer();
  const wss = new WebSocketServer({ server: http1 });
  wss.on('connection', (ws) => attachWsTransport(ws, dispatch, budget));
  await new Promise<void>((r) => http1.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => {
    for (const c of wss.clients) c.terminate();
    wss.close();
    http1.close(() => r());
  }));
  return { port: (http1.address() as AddressInfo).port, held, budget };
}

async function client(port: number) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}`);
  const results: Array<{ id: number; result: { ok: boolean; error?: { code: string } } }> = [];
  ws.on('message', (d) => results.push(JSON.parse(String(d))));
  await new Promise((r) => ws.once('open', r));
  cleanups.push(() => ws.terminate());
  const call = (id: number) => ws.send(JSON.stringify({ t: 'call', id, channel: 'app:info', input: {} }));
  return { ws, results, call };
}

describe('ws transport admission', () => {
  it('per page: the call past the bound is TOO_BUSY at once; a finished call frees its place', async () => {
    const s = await server(3, 100);
    const c = await client(s.port);
    for (let id = 1; id <= 5; id++) c.call(id);
    await expect.poll(() => c.results.length).toBe(2);
    expect(c.results.map((r) => [r.id, r.result.error?.code])).toEqual([[4, 'TOO_BUSY'], [5, 'TOO_BUSY']]);
    expect(s.held).toHaveLength(3);
    s.held.shift()!();
    await expect.poll(() => c.results.length).toBe(3);
    c.call(6);
    await expect.poll(() => s.held.length).toBe(3);
  });

  it('over all pages: two pages share one bound', async () => {
    const s = await server(10, 4);
    const a = await client(s.port);
    const b = await client(s.port);
    for (let id = 1; id <= 3; id++) a.call(id);
    await expect.poll(() => s.held.length).toBe(3);
    for (let id = 1; id <= 3; id++) b.call(id);
    await expect.poll(() => b.results.length).toBe(2);
    expect(b.results.every((r) => r.result.error?.code === 'TOO_BUSY')).toBe(true);
    expect(s.budget.inFlight).toBe(4);
    for (const release of s.held.splice(0)) release();
    await expect.poll(() => s.budget.inFlight).toBe(0);
  });
});

describe('ws transport error frames', () => {
  it('a message that is not a call is answered with an error frame, naming the call when it had a readable id', async () => {
    const s = await server(10, 10);
    const c = await client(s.port);
    c.ws.send(JSON.stringify({ t: 'call', id: 7, channel: 42 }));
    c.ws.send('not json');
    c.ws.send(JSON.stringify({ t: 'call', id: -1 }));
    await expect.poll(() => c.results.length).toBe(3);
    expect(c.results).toEqual([
      { t: 'error', id: 7, code: 'INVALID_INPUT', message: 'The message was not a call.' },
      { t: 'error', code: 'INVALID_INPUT', message: 'The message was not valid JSON.' },
      { t: 'error', code: 'INVALID_INPUT', message: 'The message was not a call.' },
    ]);
    expect(s.held).toHaveLength(0);
  });
});
