// Each topology knob the catalog does not already pin down does what scenario.ts says, in real namespaces.
import { afterEach, expect, it } from 'vitest';
import { GAME, GAME2 } from './catalog.js';
import { hostOf } from './matrix.js';
import { describeLab, keepLab, runNamespaces } from './netns.js';
import { COMPANION_PORT, type Listener, type Scenario } from './scenario.js';
import { buildTopology, type Lab, type ProbeTarget } from './topology.js';

const ALL = (port: number): Listener[] => [
  { proto: 'tcp', bind: '0.0.0.0', port },
  { proto: 'udp', bind: '0.0.0.0', port },
];

describeLab('topology knobs', () => {
  let lab: Lab | undefined;
  const up = async (s: Scenario, tag: string): Promise<Lab> => (lab = await buildTopology(s, { tag }));
  afterEach(async () => {
    if (lab && !keepLab()) await lab.destroy();
    lab = undefined;
  });
  const states = async (from: Parameters<Lab['probe']>[0], targets: ProbeTarget[]): Promise<string[]> =>
    (await lab!.probe(from, targets)).map((r) => `${r.state}/${r.reason}`);

  /** The external ports the companion sees for two flows from one local UDP port to two companion ports. */
  async function mappedPorts(l: Lab, from: 'pc' | 'friend'): Promise<[string, string]> {
    await l.startServer('companion', [{ proto: 'udp', bind: '0.0.0.0', port: COMPANION_PORT + 1 }]);
    const a = await l.observedSource(from, 'udp', 40_000, COMPANION_PORT);
    const b = await l.observedSource(from, 'udp', 40_000, COMPANION_PORT + 1);
    return [a, b];
  }

  it('easy NAT keeps one external port per local port (endpoint-independent mapping)', async () => {
    const l = await up({ nat: 'easy' }, 'nat-easy');
    const [a, b] = await mappedPorts(l, 'pc');
    expect(a).toBe(`${l.addr.routerWan}:40000`);
    expect(b).toBe(a);
  });

  it('hard NAT (random,fully-random) picks a new external port per destination', async () => {
    const l = await up({ nat: 'hard' }, 'nat-hard');
    const [a, b] = await mappedPorts(l, 'pc');
    expect(hostOf(a)).toBe(l.addr.routerWan);
    expect(hostOf(b)).toBe(l.addr.routerWan);
    // 1 in ~64k that two random picks collide; a mapping that kept the port would fail every time.
    expect(a).not.toBe(b);
  });

  it("the friend's own NAT can be hard, or the friend can have a public address", async () => {
    const hard = await up({ friendNat: 'hard' }, 'friend-hard');
    const [a, b] = await mappedPorts(hard, 'friend');
    expect(hostOf(a)).toBe(hard.addr.friendPublic);
    expect(a).not.toBe(b);
    await hard.destroy();
    const direct = await up({ friendBehindNat: false }, 'friend-direct');
    expect(direct.hosts.friendRouter).toBeUndefined();
    expect(direct.addr.friendPublic).toBe(direct.addr.friend);
    expect(hostOf(await direct.observedSource('friend'))).toBe(direct.addr.friend);
  });

  it('CGNAT can use hard mapping too; the companion sees the CGNAT outside address', async () => {
    const l = await up({ upstream: 'cgnat', upstreamNat: 'hard' }, 'cgnat-hard');
    expect(l.addr.routerWan).toMatch(/^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./);
    const [a, b] = await mappedPorts(l, 'pc');
    expect(hostOf(a)).toBe(l.addr.upstreamWan);
    expect(a).not.toBe(b);
  });

  it('forwards a port range 1:1 and nothing outside it', async () => {
    const l = await up({ forwards: [{ proto: 'udp', port: [GAME2, GAME2 + 2] }], servers: { pc: [GAME2, GAME2 + 1, GAME2 + 2, GAME2 + 3].map((port) => ({ proto: 'udp', bind: '0.0.0.0', port })) } }, 'range');
    const r = await l.probe('friend', [GAME2, GAME2 + 2, GAME2 + 3].map((port) => ({ proto: 'udp', host: l.addr.publicIp, port })));
    expect(r.map((x) => x.state)).toEqual(['open', 'open', 'filtered']);
    expect(r.map((x) => (typeof x.reply === 'object' ? x.reply.local : ''))).toEqual(['0.0.0.0:27015', '0.0.0.0:27017', '']);
  });

  it('applies pc firewall rules per interface, per port range and per protocol', async () => {
    const l = await up(
      {
        servers: { pc: [...ALL(GAME), ...ALL(GAME2)] },
        pcFirewall: [
          { action: 'drop', proto: 'tcp', port: GAME, iface: 'eth0' },
          { action: 'drop', proto: 'udp', port: GAME, iface: 'wlan9' }, // another interface: no effect on eth0
          { action: 'reject-icmp', proto: 'udp', port: [GAME2 - 5, GAME2 + 5] },
        ],
      },
      'hostfw',
    );
    const pc = l.addr.pcLan;
    expect(await states('lan2', [
      { proto: 'tcp', host: pc, port: GAME },
      { proto: 'udp', host: pc, port: GAME },
      { proto: 'tcp', host: pc, port: GAME2 },
      { proto: 'udp', host: pc, port: GAME2 },
    ])).toEqual(['filtered/timeout', 'open/reply', 'open/connected', 'closed/icmp-unreachable']);
    // The pc talking to itself goes over loopback, which a host firewall always lets through.
    expect(await states('pc', [{ proto: 'tcp', host: pc, port: GAME }])).toEqual(['open/connected']);
  });

  it('a server bound to one address answers there and nowhere else', async () => {
    const l = await up({ forwards: [{ proto: 'tcp', port: GAME }], servers: { pc: [{ proto: 'tcp', bind: '192.168.50.10', port: GAME }] } }, 'bind-one');
    expect(await states('friend', [{ proto: 'tcp', host: l.addr.publicIp, port: GAME }])).toEqual(['open/connected']);
    expect(await states('pc', [{ proto: 'tcp', host: '127.0.0.1', port: GAME }])).toEqual(['closed/refused']);
  });

  it('over IPv6 the companion sees the pc\'s own address (no NAT); over IPv4 the router\'s', async () => {
    const l = await up({ ipv6: { router: 'forward' } }, 'v6-source');
    const [v6] = await l.probe('pc', [{ proto: 'tcp', host: l.addr.companionV6!, port: COMPANION_PORT }]);
    expect(typeof v6?.reply === 'object' && hostOf(v6.reply.peer)).toBe(l.addr.pcV6);
    expect(hostOf(await l.observedSource('pc'))).toBe(l.addr.routerWan);
  });

  it('refuses impossible knobs before creating anything', async () => {
    const before = runNamespaces();
    await expect(buildTopology({ pcFirewall: [{ action: 'reject-rst', proto: 'udp', port: GAME }] })).rejects.toThrow(RangeError);
    await expect(buildTopology({ forwards: [{ proto: 'tcp', port: [GAME, GAME + 1], toPort: 80 }] })).rejects.toThrow(RangeError);
    await expect(buildTopology({ forwards: [{ proto: 'tcp', port: GAME, to: 'nas' }] })).rejects.toThrow(RangeError);
    await expect(buildTopology({ forwards: [{ proto: 'tcp', port: 70_000 }] })).rejects.toThrow(RangeError);
    expect(runNamespaces()).toEqual(before);
  });
});
