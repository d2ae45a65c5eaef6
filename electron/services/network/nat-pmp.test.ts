// NAT-PMP client against a loopback responder the test opens (never a real gateway): answer, refusal,
// silence, closed port; and the codec on hostile bytes.
import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeExternalAddressAnswer, externalAddressRequest } from '../../../shared/protocol/nat-pmp';
import { NAT_PMP_BUDGET_MS, readRouterWan } from './nat-pmp';

const sockets: dgram.Socket[] = [];
afterEach(() => sockets.splice(0).forEach((s) => s.close()));

async function responder(answer: (req: Buffer) => Buffer | null): Promise<{ port: number; requests: Buffer[] }> {
  const s = dgram.createSocket('udp4');
  sockets.push(s);
  const requests: Buffer[] = [];
  s.on('message', (m, peer) => {
    requests.push(m);
    const out = answer(m);
    if (out) s.send(out, peer.port, peer.address);
  });
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  return { port: s.address().port, requests };
}

const reply = (result: number, wan: number[]) => Buffer.from([0, 128, 0, result, 0, 0, 14, 16, ...wan]);

describe('readRouterWan', () => {
  it('reads the WAN address with one opcode-0 request', async () => {
    const r = await responder(() => reply(0, [100, 64, 7, 77]));
    const wan = await readRouterWan('127.0.0.1', { port: r.port });
    expect(wan).toEqual({ address: '100.64.7.77', kind: 'cgnat', source: 'nat-pmp', natPmp: 'answered', detail: 'router up for 3600 s' });
    expect(r.requests.map((b) => [...b])).toEqual([[0, 0]]);
  });

  it('reports a refusal with the RFC result in words', async () => {
    const r = await responder(() => reply(2, [0, 0, 0, 0]).subarray(0, 8));
    expect(await readRouterWan('127.0.0.1', { port: r.port })).toMatchObject({ address: null, natPmp: 'refused', detail: expect.stringContaining('result 2: not authorized') });
  });

  it('retries a silent router at 0, 200 and 400 ms and gives up within its budget (600 ms)', async () => {
    const r = await responder(() => null);
    const t0 = performance.now();
    const wan = await readRouterWan('127.0.0.1', { port: r.port });
    const took = performance.now() - t0;
    expect(wan.natPmp).toBe('no-answer');
    expect(r.requests).toHaveLength(3);
    expect(took).toBeGreaterThanOrEqual(NAT_PMP_BUDGET_MS - 20);
    expect(took).toBeLessThan(NAT_PMP_BUDGET_MS + 500);
  });

  it('an answer that came in time counts even when a busy event loop reaches it after the deadline', async () => {
    const r = await responder(() => reply(0, [100, 64, 7, 77]));
    const reading = readRouterWan('127.0.0.1', { port: r.port });
    while (r.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
    // The answer arrives while this thread is busy past the deadline: timers then run before I/O.
    const until = performance.now() + NAT_PMP_BUDGET_MS + 100;
    while (performance.now() < until);
    expect(await reading).toMatchObject({ address: '100.64.7.77', natPmp: 'answered' });
  });

  it('the budget counts from the first request: a loop busy before it can send still hears the answer', async () => {
    const r = await responder(() => reply(0, [100, 64, 7, 77]));
    const reading = readRouterWan('127.0.0.1', { port: r.port });
    // Busy past the whole budget before the socket has even connected.
    const until = performance.now() + NAT_PMP_BUDGET_MS + 100;
    while (performance.now() < until);
    expect(await reading).toMatchObject({ address: '100.64.7.77', natPmp: 'answered' });
  });

  it('ignores answers that are not NAT-PMP and hears a closed port at once', async () => {
    const junk = await responder(() => Buffer.from('hello, not nat-pmp'));
    expect((await readRouterWan('127.0.0.1', { port: junk.port })).natPmp).toBe('no-answer');
    const closed = await responder(() => null);
    const port = closed.port;
    sockets.splice(0).forEach((s) => s.close());
    const t0 = performance.now();
    const wan = await readRouterWan('127.0.0.1', { port });
    expect(wan.detail).toMatch(/closed/);
    expect(performance.now() - t0).toBeLessThan(NAT_PMP_BUDGET_MS);
  });

  it('does not ask without an IPv4 gateway', async () => {
    expect((await readRouterWan(null)).natPmp).toBe('not-checked');
    expect((await readRouterWan('fe80::1')).natPmp).toBe('not-checked');
  });
});

describe('NAT-PMP codec', () => {
  it('builds only the 2-byte external-address request', () => {
    expect([...externalAddressRequest()]).toEqual([0, 0]);
  });
  it('rejects wrong versions, opcodes and short answers', () => {
    expect(decodeExternalAddressAnswer(Uint8Array.of(0, 128, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4))).toEqual({ resultCode: 0, epochSeconds: 1, address: '1.2.3.4' });
    expect(decodeExternalAddressAnswer(Uint8Array.of(1, 128, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4))).toBeNull();
    expect(decodeExternalAddressAnswer(Uint8Array.of(0, 129, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4))).toBeNull();
    expect(decodeExternalAddressAnswer(Uint8Array.of(0, 128, 0, 0, 0, 0, 0, 1))).toBeNull();
    expect(decodeExternalAddressAnswer(new Uint8Array(0))).toBeNull();
  });
});
