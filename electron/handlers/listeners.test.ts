// listeners:list through the real dispatcher: input parsed by the channel schema, the answer
// matches the response schema exactly (strict), and a socket this test opens is in it.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenersListResponseSchema } from '../../shared/channels/listeners';
import { createDispatcher } from '../bridge/dispatch';
import type { HandlerContext } from '../bridge/handler';
import { createHandlerTable } from './index';

const ctx: HandlerContext = { signal: new AbortController().signal, emit: () => undefined, transport: 'websocket' };
const dispatch = createDispatcher(createHandlerTable(), { error: () => undefined });

describe.runIf(process.platform === 'linux')('listeners:list', () => {
  const server = net.createServer();
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('answers with rows that satisfy the strict response schema', async () => {
    const r = await dispatch('listeners:list', { protocol: 'tcp', port }, ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const parsed = listenersListResponseSchema.parse(r.value);
    expect(parsed.source).toBe('procfs');
    expect(parsed.listeners).toEqual([
      expect.objectContaining({ protocol: 'tcp', address: '127.0.0.1', port, pid: process.pid, exposure: 'loopback', ownerUnknownReason: null }),
    ]);
  });

  it('lists everything without filters', async () => {
    const r = await dispatch('listeners:list', {}, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(listenersListResponseSchema.parse(r.value).listeners.some((l) => l.port === port)).toBe(true);
  });

  it.each([{ port: 70000 }, { protocol: 'sctp' }, { port: 80, extra: 1 }, { port: '80' }])('refuses %j as INVALID_INPUT', async (input) => {
    const r = await dispatch('listeners:list', input, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
