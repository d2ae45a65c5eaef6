// Lab abuse suite, part two: the rate limiter cannot be filled to lock everyone out, and one IPv6
// allocation rotating through /64s cannot take the companion's capacity (checks or connections).
// Scaled down to CI time: a table of 40 sources instead of 200,000, caps of 4 instead of 32.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeLab, type NsProcess } from '../e2e/lab/netns';
import { DC } from '../e2e/lab/scenario';
import { buildTopology, type Lab } from '../e2e/lab/topology';
import { SLOW_LORIS, buildBundles, httpBatch, startCompanionIn, type BatchResult } from './lab/lab-helpers';

const LAB_RANGES = ['198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32'];
/** The companion's IPv6 address on the DC segment; callers below are on-link in the same /32. */
const COMPANION_V6 = '2001:db8:f00::10';
const PORTS = { fill: 8090, rotation: 8091 } as const;
/** A caller in its own /48 (so no aggregate is shared between callers). */
const ownNetwork = (i: number) => `2001:db8:${(0x1000 + i).toString(16)}::5`;
/** /64s of one /48 (2001:db8:aa::/48), each in its own /56. */
const sameNetwork = (i: number) => `2001:db8:aa:${(i << 8).toString(16)}::5`;
const codeOf = (r: BatchResult) => (r.body as { error?: { code?: string } } | null)?.error?.code;
const check = (localAddress?: string) => ({ method: 'POST', path: '/v1/check', body: { probes: [{ protocol: 'tcp', port: 25565 }] }, ...(localAddress ? { localAddress } : {}) });

describeLab('companion abuse suite: limiter fill and address rotation', () => {
  let lab: Lab;
  const procs: NsProcess[] = [];
  beforeAll(async () => {
    buildBundles();
    lab = await buildTopology(
      { routerInbound: 'reject', friendBehindNat: false, servers: { friend: [{ proto: 'tcp', bind: '0.0.0.0', port: 25565 }] } },
      { tag: 'abuselim' },
    );
    const comp = lab.host('companion').ns;
    const friend = lab.host('friend').ns;
    await comp.ip(['-6', 'addr', 'add', `${COMPANION_V6}/32`, 'dev', 'eth0', 'nodad']);
    const addrs = [...Array.from({ length: 61 }, (_, i) => ownNetwork(i)), ...Array.from({ length: 31 }, (_, i) => sameNetwork(i)), '2001:db8:bb::5'];
    for (const a of addrs) await friend.ip(['-6', 'addr', 'add', `${a}/32`, 'dev', 'eth0', 'nodad']);
    procs.push(
      await startCompanionIn(comp, ['--http-port', String(PORTS.fill), '--udp-port', '3490', '--stun-alt-port', '0', '--allow-targets', ...LAB_RANGES,
        '--max-tracked-sources', '40', '--checks-per-minute', '1', '--checks-per-hour', '1']),
      await startCompanionIn(comp, ['--http-port', String(PORTS.rotation), '--udp-port', '3492', '--stun-alt-port', '0', '--allow-targets', ...LAB_RANGES,
        '--checks-per-minute', '2', '--checks-per-hour', '100', '--max-connections', '64', '--max-connections-per-source', '4']),
    );
  });
  afterAll(async () => {
    for (const p of procs) await p.stop();
    await lab?.destroy();
  });

  it('limiter fill: 60 distinct networks fill a 40-source table; new IPv4 and IPv6 callers are still served', async () => {
    const friend = lab.host('friend').ns;
    const fill = await httpBatch(friend, COMPANION_V6, PORTS.fill, Array.from({ length: 60 }, (_, i) => check(ownNetwork(i))));
    expect(fill.map((r) => r.status)).toEqual(Array(60).fill(200));
    const [v4] = await httpBatch(lab.host('pc').ns, DC.companion, PORTS.fill, [check()]);
    expect(v4!.status).toBe(200);
    const [v6] = await httpBatch(friend, COMPANION_V6, PORTS.fill, [check(ownNetwork(60))]);
    expect(v6!.status).toBe(200);
    // The limit itself still holds for a caller it remembers (1 per minute).
    const [again] = await httpBatch(friend, COMPANION_V6, PORTS.fill, [check(ownNetwork(60))]);
    expect(again!.status).toBe(429);
  });

  it('rotation: 30 /64s of one /48 get the /48 budget (4× one /64), not 30 budgets; another /48 is unaffected', async () => {
    const friend = lab.host('friend').ns;
    const rotating = await httpBatch(friend, COMPANION_V6, PORTS.rotation, Array.from({ length: 30 }, (_, i) => check(sameNetwork(i))));
    const statuses = rotating.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(8);
    expect(statuses.slice(8)).toEqual(Array(22).fill(429));
    expect(rotating.slice(8).every((r) => codeOf(r) === 'rate-limited')).toBe(true);
    const [other] = await httpBatch(friend, COMPANION_V6, PORTS.rotation, [check('2001:db8:bb::5')]);
    expect(other!.status).toBe(200);
  });

  it('rotation: 16 /64s × 4 slow connections from one /48 hold at most 16 of 64 connections; others still get in', async () => {
    const friend = lab.host('friend').ns;
    const loris = friend.spawn([process.execPath, SLOW_LORIS, JSON.stringify({ host: COMPANION_V6, port: PORTS.rotation, sources: Array.from({ length: 16 }, (_, i) => sameNetwork(i + 8)), perSource: 4 })]);
    procs.push(loris);
    await loris.waitForLine(/^ready 64$/, 20_000);
    // The per-/48 cap is 4 × 4 = 16 connections (each /64 alone could have held 4, i.e. all 64): 48 are cut.
    await loris.waitForLine(/^status 16 48$/, 5_000);
    const rs = await httpBatch(lab.host('pc').ns, DC.companion, PORTS.rotation, [{ path: '/v1/whoami' }, check()]);
    expect(rs.map((r) => r.status)).toEqual([200, 200]);
    const [v6] = await httpBatch(friend, COMPANION_V6, PORTS.rotation, [{ path: '/v1/whoami', localAddress: '2001:db8:bb::5' }]);
    expect(v6!.status).toBe(200);
    await loris.stop();
  });
});
