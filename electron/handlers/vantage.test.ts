// vantage:* handlers: ready and arrival events to the caller, cancel by testId, caller mistakes as INVALID_INPUT.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InviteReady } from '../../shared/channels/vantage';
import { inviteRequestSchema } from '../../shared/channels/vantage';
import { AppError } from '../../shared/errors';
import type { HandlerContext } from '../bridge/handler';
import { freePort, loopbackStun } from '../services/vantage/test-helpers';
import { inviteStunServers, vantageCancel, vantageInvite, vantageReach } from './vantage';

let stun: Awaited<ReturnType<typeof loopbackStun>>;
beforeAll(async () => {
  stun = await loopbackStun();
  // The engine's configured STUN server: loopback, never a public one.
  process.env.PD_STUN_SERVERS = stun.server;
});
afterAll(() => stun.close());

function context() {
  const events: Array<{ event: string; payload: unknown }> = [];
  let readyNow: (r: InviteReady) => void = () => undefined;
  const ready = new Promise<InviteReady>((r) => (readyNow = r));
  const ctx: HandlerContext = {
    signal: new AbortController().signal,
    transport: 'websocket',
    emit: (event, payload) => {
      events.push({ event, payload });
      if (event === 'vantage:ready') readyNow(payload as InviteReady);
    },
  };
  return { ctx, events, ready };
}

describe('vantage handlers (loopback only)', () => {
  it('streams ready then the arrival, answers on the count; reach acknowledges', async () => {
    const port = await freePort();
    const { ctx, events, ready } = context();
    const input = inviteRequestSchema.parse({ testId: 'h1', port, count: 1, stunServers: [stun.server] });
    const running = vantageInvite(input, ctx);
    const r = await ready;
    const reached = await vantageReach({ code: r.code! }, context().ctx);
    expect(reached.outcome).toBe('acknowledged');
    const out = await running;
    expect(out.endedBy).toBe('count');
    expect(events.map((e) => e.event)).toEqual(['vantage:ready', 'vantage:arrival']);
    expect(events[1]!.payload).toMatchObject({ testId: 'h1', arrival: { via: 'link' } });
  });

  it('cancel by testId; a second test with the same id is refused while the first runs', async () => {
    const port = await freePort();
    const { ctx, ready } = context();
    const running = vantageInvite(inviteRequestSchema.parse({ testId: 'h2', port, protocol: 'udp', stunServers: [stun.server] }), ctx);
    await ready;
    await expect(vantageInvite(inviteRequestSchema.parse({ testId: 'h2', port: port + 1, stunServers: [stun.server] }), context().ctx)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await vantageCancel({ testId: 'h2' }, ctx)).toEqual({ cancelled: true });
    expect((await running).endedBy).toBe('cancelled');
    expect(await vantageCancel({ testId: 'h2' }, ctx)).toEqual({ cancelled: false });
  });

  it('a mistyped code or a bad STUN server is INVALID_INPUT with the reason, before any packet', async () => {
    const err = await vantageReach({ code: 'PD-ABCDEF' }, context().ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'INVALID_INPUT', detail: expect.stringContaining('too short') });
    const bad = await vantageInvite(inviteRequestSchema.parse({ testId: 'h3', port: 1, stunServers: ['a:b:c:99999'] }), context().ctx).catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: 'INVALID_INPUT' });
    const stranger = await vantageInvite(inviteRequestSchema.parse({ testId: 'h4', port: 1, stunServers: ['198.51.100.1:3478'] }), context().ctx).catch((e: unknown) => e);
    expect(stranger).toMatchObject({ code: 'INVALID_INPUT', detail: expect.stringContaining('not configured') });
    expect(bad).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('STUN servers: named ones only when configured, else the configured companion\'s ports, else the configured servers', () => {
    const env = { PD_STUN_SERVERS: '127.0.0.1:9', PD_COMPANION_URL: 'http://203.0.113.10:8080' };
    expect(inviteStunServers({ stunServers: ['127.0.0.1:9'] }, env)).toEqual([{ host: '127.0.0.1', port: 9 }]);
    expect(() => inviteStunServers({ stunServers: ['127.0.0.1:10'] }, env)).toThrow(/not configured/);
    expect(inviteStunServers({ companionUrl: 'http://203.0.113.10:8080' }, env)).toEqual([{ host: '203.0.113.10', port: 3478 }, { host: '203.0.113.10', port: 3479 }]);
    expect(() => inviteStunServers({ companionUrl: 'http://203.0.113.99:8080' }, env)).toThrow(/only the configured companion/);
    expect(inviteStunServers({}, env)).toEqual([{ host: '127.0.0.1', port: 9 }]);
  });

  it('the request schema keeps the test short by default and bounded', () => {
    expect(inviteRequestSchema.parse({ testId: 'x', port: 80 })).toMatchObject({ protocol: 'tcp', timeoutSeconds: 180 });
    expect(inviteRequestSchema.safeParse({ testId: 'x', port: 80, timeoutSeconds: 99999 }).success).toBe(false);
    expect(inviteRequestSchema.safeParse({ testId: 'x', port: 0 }).success).toBe(false);
  });
});
