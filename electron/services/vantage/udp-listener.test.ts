// The UDP test listener: only the test's own datagram gets an answer, never larger than it, rate-limited.
import { afterEach, describe, expect, it } from 'vitest';
import { ACK_RATE } from './udp-listener';
import { openUdpTestListener } from './udp-listener';
import type { OpenListener } from './http-listener';
import { ACK_DATAGRAM_BYTES, REACH_DATAGRAM_BYTES, isAckFor, reachDatagram } from './reach-wire';
import { newSecret } from './secret';
import { freePort, udpExchange } from './test-helpers';

const open: OpenListener[] = [];
afterEach(async () => {
  for (const l of open.splice(0)) await l.close();
});

async function start() {
  const port = await freePort();
  const secret = newSecret();
  const reaches: string[] = [];
  const l = await openUdpTestListener({ port, secret, onReach: (p) => reaches.push(p.address) });
  if (typeof l === 'string') throw new Error(l);
  open.push(l);
  return { port, secret, reaches };
}

describe('test listener (UDP)', () => {
  it('answers the test\'s datagram with the acknowledgement, no larger than the request', async () => {
    const { port, secret, reaches } = await start();
    const got = await udpExchange(port, reachDatagram(secret));
    expect(got).toHaveLength(1);
    expect(isAckFor(new Uint8Array(got[0]!), secret)).toBe(true);
    expect(ACK_DATAGRAM_BYTES).toBeLessThanOrEqual(REACH_DATAGRAM_BYTES);
    expect(reaches).toEqual(['127.0.0.1']);
  });

  it('stays silent for anything else: another test\'s secret, a cut or padded datagram, junk, STUN', async () => {
    const { port, secret, reaches } = await start();
    const good = reachDatagram(secret);
    const others = [
      reachDatagram(newSecret()),
      good.subarray(0, good.length - 1),
      new Uint8Array([...good, 0]),
      new Uint8Array(1200).fill(0x41),
      new Uint8Array(0),
      new Uint8Array([0, 1, 0, 0, 0x21, 0x12, 0xa4, 0x42, ...new Array(12).fill(7)]),
    ];
    for (const d of others) expect(await udpExchange(port, d, 150)).toEqual([]);
    expect(reaches).toEqual([]);
  });

  it('answers one address at most the burst, however many datagrams it sends', async () => {
    const { port, secret } = await start();
    const replies = await udpExchange(port, reachDatagram(secret), 10);
    const all = [replies];
    for (let i = 0; i < 20; i++) all.push(await udpExchange(port, reachDatagram(secret), 10));
    await new Promise((r) => setTimeout(r, 150));
    const total = all.reduce((n, r) => n + r.length, 0);
    expect(total).toBeLessThanOrEqual(ACK_RATE.burst + 1);
    expect(total).toBeGreaterThanOrEqual(1);
  });

  it('reports a held port', async () => {
    const { port } = await start();
    expect(await openUdpTestListener({ port, secret: newSecret(), onReach: () => undefined })).toBe('in-use');
  });
});
