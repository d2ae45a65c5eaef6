// Lab abuse suite: nobody can make the companion touch anyone but the caller; limits hold; no amplification.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeLab, type NsProcess } from '../e2e/lab/netns';
import { DC } from '../e2e/lab/scenario';
import { buildTopology, type Lab } from '../e2e/lab/topology';
import { SLOW_LORIS, STUN_FLOOD, buildBundles, counterRuleset, httpBatch, readCounters, startCompanionIn, type BatchResult } from './lab/lab-helpers';

const VICTIM = DC.friendDirect;
/** A private range that exists only between the friend and the companion, for the "private caller" case. */
const PRIV = { prefix: 24, friend: '10.99.0.5', companion: '10.99.0.10' } as const;
const LAB_RANGES = ['198.51.100.0/24', '203.0.113.0/24'];
/** Callers on the DC segment for the cap and slow-loris cases (the per-source limits are per address). */
const extra = (i: number) => `203.0.113.${100 + i}`;
const PORTS = { relaxed: 8080, strict: 8081, capped: 8082 } as const;
const codeOf = (r: BatchResult) => (r.body as { error?: { code?: string } } | null)?.error?.code;
const checkBody = (port: number, protocol: 'tcp' | 'udp' = 'tcp') => ({ probes: [{ protocol, port }] });

describeLab('companion abuse suite', () => {
  let lab: Lab;
  const procs: NsProcess[] = [];
  beforeAll(async () => {
    buildBundles();
    lab = await buildTopology(
      { routerInbound: 'reject', friendBehindNat: false, servers: { friend: [{ proto: 'tcp', bind: '0.0.0.0', port: 25565 }, { proto: 'udp', bind: '0.0.0.0', port: 25565 }] } },
      { tag: 'abuse' },
    );
    const comp = lab.host('companion').ns;
    const friend = lab.host('friend').ns;
    await comp.ip(['addr', 'add', `${PRIV.companion}/${PRIV.prefix}`, 'dev', 'eth0']);
    await friend.ip(['addr', 'add', `${PRIV.friend}/${PRIV.prefix}`, 'dev', 'eth0']);
    for (let i = 0; i < 30; i++) await friend.ip(['addr', 'add', `${extra(i)}/24`, 'dev', 'eth0']);
    // Everything the companion sends the victim, except answers to the victim's own HTTP requests.
    await friend.nft(
      counterRuleset({
        victim_tcp: { hook: 'input', match: `ip saddr { ${DC.companion}, ${PRIV.companion} } tcp sport != 8080-8090` },
        victim_udp: { hook: 'input', match: `ip saddr { ${DC.companion}, ${PRIV.companion} } udp sport != 3478-3499` },
        silent_udp: { hook: 'input', match: 'udp dport 40002' },
      }),
    );
    await friend.nft(['table inet pd_drop {', '  chain input {', '    type filter hook input priority 0;', '    policy accept;', '    udp dport 40002 drop', '  }', '}'].join('\n'));
    await comp.nft(counterRuleset({ stun_in: { hook: 'input', match: 'udp dport 3478' }, stun_out: { hook: 'output', match: 'udp sport 3478' } }));
    procs.push(
      await startCompanionIn(comp, ['--http-port', String(PORTS.relaxed), '--udp-port', '3478', '--allow-targets', ...LAB_RANGES, '--checks-per-minute', '500', '--checks-per-hour', '5000']),
      await startCompanionIn(comp, ['--http-port', String(PORTS.strict), '--udp-port', '3480', '--stun-alt-port', '0', '--allow-targets', ...LAB_RANGES]),
      await startCompanionIn(comp, ['--http-port', String(PORTS.capped), '--udp-port', '3482', '--stun-alt-port', '0', '--allow-targets', ...LAB_RANGES, '--checks-per-minute', '500', '--max-concurrent-probes', '8', '--max-queued-probes', '0']),
    );
  });
  afterAll(async () => {
    for (const p of procs) await p.stop();
    await lab?.destroy();
  });

  it('no request shape makes the companion send one packet to a victim', async () => {
    const pc = lab.host('pc').ns;
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) => ({ method: 'POST', path, body, headers });
    const attempts = [
      post('/v1/check', { ...checkBody(25565), target: VICTIM }),
      post('/v1/check', { probes: [{ protocol: 'tcp', port: 25565, host: VICTIM }] }),
      post('/v1/check', { probes: [{ protocol: 'udp', port: 25565, address: VICTIM }] }),
      post('/v1/check', JSON.stringify(checkBody(25565)).replace(/}$/, `,"__proto__":{"target":"${VICTIM}"}}`)),
      post(`/v1/check?ip=${VICTIM}`, checkBody(25565)),
      post(`/v1/check?target=${VICTIM}&port=25565`, checkBody(25565)),
      { method: 'GET', path: `/v1/whoami?ip=${VICTIM}` },
    ];
    const refused = await httpBatch(pc, DC.companion, PORTS.relaxed, attempts);
    expect(refused.map((r) => r.status)).toEqual([400, 400, 400, 400, 400, 400, 400]);
    // Spoofed proxy headers: accepted, but the probe goes to the caller's own public address.
    const spoofed = await httpBatch(pc, DC.companion, PORTS.relaxed, [
      post('/v1/check', checkBody(25565), { 'x-forwarded-for': VICTIM }),
      post('/v1/check', checkBody(25565, 'udp'), { 'x-forwarded-for': `${VICTIM}, ${VICTIM}`, 'x-real-ip': VICTIM, forwarded: `for=${VICTIM}` }),
    ]);
    for (const r of spoofed) expect(r.body).toMatchObject({ target: lab.addr.publicIp });
    // A caller with a private address, not allow-listed: refused before any probe (the victim is the caller).
    const priv = await httpBatch(lab.host('friend').ns, PRIV.companion, PORTS.relaxed, [{ ...post('/v1/check', checkBody(25565)), localAddress: PRIV.friend }]);
    expect(priv[0]).toMatchObject({ status: 403 });
    expect(codeOf(priv[0]!)).toBe('target-refused');
    const c = await readCounters(lab.host('friend').ns);
    expect(c.victim_tcp!.packets).toBe(0);
    expect(c.victim_udp!.packets).toBe(0);
    // Control: when the victim asks for itself, the same counters do see the probes.
    const own = await httpBatch(lab.host('friend').ns, DC.companion, PORTS.relaxed, [post('/v1/check', { probes: [{ protocol: 'tcp', port: 25565 }, { protocol: 'udp', port: 25565 }] })]);
    expect(own[0]!.body).toMatchObject({ target: VICTIM });
    const seen = await readCounters(lab.host('friend').ns);
    expect(seen.victim_tcp!.packets).toBeGreaterThan(0);
    expect(seen.victim_udp!.packets).toBeGreaterThan(0);
  });

  it('holds 10 checks per minute per address at the boundary (defaults)', async () => {
    const rs = await httpBatch(lab.host('pc').ns, DC.companion, PORTS.strict, Array.from({ length: 11 }, () => ({ method: 'POST', path: '/v1/check', body: checkBody(25599) })));
    expect(rs.slice(0, 10).map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(rs[10]!.status).toBe(429);
    expect(codeOf(rs[10]!)).toBe('rate-limited');
    // Another address is not affected by the first one's budget.
    const other = await httpBatch(lab.host('friend').ns, DC.companion, PORTS.strict, [{ method: 'POST', path: '/v1/check', body: checkBody(25565), localAddress: extra(29) }]);
    expect(other[0]!.status).toBe(200);
  });

  it('one check in flight per destination; the global probe cap refuses the overflow', async () => {
    const friend = lab.host('friend').ns;
    const same = await httpBatch(friend, DC.companion, PORTS.relaxed, [0, 1].map(() => ({ method: 'POST', path: '/v1/check', body: checkBody(40002, 'udp'), localAddress: extra(0) })), true);
    expect(same.map((r) => r.status).sort()).toEqual([200, 429]);
    expect(same.map(codeOf)).toContain('destination-busy');
    const before = (await readCounters(friend)).silent_udp!;
    const many = await httpBatch(friend, DC.companion, PORTS.capped, Array.from({ length: 12 }, (_, i) => ({ method: 'POST', path: '/v1/check', body: checkBody(40002, 'udp'), localAddress: extra(i) })), true);
    const statuses = many.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(8);
    expect(statuses.filter((s) => s === 503)).toHaveLength(4);
    // UDP probe budget: ≤ 3 datagrams of ≤ 64 payload bytes per probe (IP + UDP headers are 28 bytes).
    const after = (await readCounters(friend)).silent_udp!;
    expect(after.packets - before.packets).toBe(8 * 3);
    expect((after.bytes - before.bytes) / (after.packets - before.packets)).toBeLessThanOrEqual(64 + 28);
  });

  it('STUN amplification stays ≤ 1.0 (measured with nftables byte counters)', async () => {
    const comp = lab.host('companion').ns;
    const before = await readCounters(comp);
    const r = await lab.host('friend').ns.exec([process.execPath, STUN_FLOOD, JSON.stringify({ host: DC.companion, port: 3478, sizes: [20, 24, 28, 32, 44, 48, 64, 100, 7, 300], repeat: 10, gapMs: 120 })]);
    const flood = JSON.parse(r.stdout) as { sent: number; replies: number; largestRatio: number };
    const after = await readCounters(comp);
    const inBytes = after.stun_in!.bytes - before.stun_in!.bytes;
    const outBytes = after.stun_out!.bytes - before.stun_out!.bytes;
    expect(flood.replies).toBeGreaterThan(0);
    expect(flood.largestRatio).toBeLessThanOrEqual(1);
    expect(outBytes / inBytes).toBeLessThanOrEqual(1);
    console.log(`[abuse] STUN: ${flood.sent} requests (${inBytes} B in), ${flood.replies} answers (${outBytes} B out): amplification ${(outBytes / inBytes).toFixed(3)}, worst single ${flood.largestRatio.toFixed(3)}`);
  });

  it('a 1 MB body is refused with 413 before it is read', async () => {
    const [r] = await httpBatch(lab.host('pc').ns, DC.companion, PORTS.relaxed, [{ method: 'POST', path: '/v1/check', bodyBytes: 1024 * 1024 }]);
    expect(r!.status).toBe(413);
    expect(r!.ms).toBeLessThan(1000);
  });

  it('500 slow-loris sockets do not stop service, and are cut after the headers timeout', async () => {
    const loris = lab.host('friend').ns.spawn([process.execPath, SLOW_LORIS, JSON.stringify({ host: DC.companion, port: PORTS.relaxed, sources: Array.from({ length: 25 }, (_, i) => extra(i + 3)), perSource: 20 })]);
    procs.push(loris);
    await loris.waitForLine(/^ready 500$/, 20_000);
    const started = performance.now();
    const rs = await httpBatch(lab.host('pc').ns, DC.companion, PORTS.relaxed, [{ path: '/v1/whoami' }, { method: 'POST', path: '/v1/check', body: checkBody(25599) }]);
    expect(rs.map((r) => r.status)).toEqual([200, 200]);
    expect(performance.now() - started).toBeLessThan(5_000);
    // headersTimeout 5 s, checked every second: every loris socket is closed by the server by ~7 s.
    await loris.waitForLine(/^status 0 500$/, 12_000);
    await loris.stop();
  });
});
