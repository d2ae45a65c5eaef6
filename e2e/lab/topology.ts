// Builds a home-network topology (pc, LAN, router, optional CGNAT / upstream NAT, internet, companion, friend) from a Scenario.
//
//   const lab = await buildTopology({ forwards: [{ proto: 'tcp', port: 25565 }], servers: { pc: [...] } });
//   lab.hosts.pc.ns.exec([...])          every host is a Netns (see ./netns.ts)
//   lab.addr.pcLan / routerWan / publicIp / companion / friend …
//   await lab.probe('friend', [{ proto: 'tcp', host: lab.addr.publicIp, port: 25565 }])
//   await lab.observedSource('pc')       what the companion sees as the pc's address
//   await lab.destroy()
//
//  [pc]──┐                          ┌─[upstream: cgnat | private]─┐
//  [lan2]┴─ bridge lan ─[router] wan┤                             ├─ bridge isp ─[internet]─ bridge dc ─┬─[companion]
//                                   └─────────────────────────────┘                                     └─[friendRouter]─[friend]
// Nothing is bridged to, or routed through, the root namespace: every veth end is born inside a lab namespace.
import { linksReady, Netns, type NsProcess, veth } from './ns-core.js';
import { hostFirewallRuleset, ispRuleset, natBoxRuleset, type ResolvedForward } from './rulesets.js';
import { probe, type ProbeResult, type ProbeTarget, startServer } from './stand-ins.js';
import { CGNAT, COMPANION_PORT, DC, FRIEND_LAN, ISP, LAN, type Listener, type PortForward, type Proto, type Scenario, UPSTREAM_PRIVATE, V6 } from './scenario.js';

/** See LINKS_READY_TIMEOUT_MS in ns-core.ts: the end-to-end check gets the same allowance. */
const LINKS_READY_TIMEOUT_MS = 30_000;
/** A readiness probe inside the lab is answered in milliseconds; short tries keep the wait tight. */
const PATH_PROBE_TIMEOUT_MS = 300;

export { PROBER, STAND_IN_SERVER, type ProbeResult, type ProbeTarget } from './stand-ins.js';

export type HostName = 'pc' | 'lan2' | 'router' | 'upstream' | 'internet' | 'companion' | 'friend' | 'friendRouter';

export interface LabHost {
  name: HostName;
  ns: Netns;
}

export interface LabAddresses {
  pcLan: string;
  lan2: string;
  routerLan: string;
  lanUnused: string;
  /** The home router's WAN address: public, or 100.64/10 behind CGNAT, or RFC 1918 behind an upstream NAT. */
  routerWan: string;
  /** The address the internet sees for the home (router WAN, or the upstream NAT's outside). */
  publicIp: string;
  upstreamWan?: string;
  companion: string;
  /** The friend's own address (LAN address when behind its NAT). */
  friend: string;
  /** The address the internet sees for the friend. */
  friendPublic: string;
  pcV6?: string;
  lan2V6?: string;
  companionV6?: string;
  friendV6?: string;
}

export interface Lab {
  tag: string;
  scenario: Scenario;
  hosts: Partial<Record<HostName, LabHost>>;
  addr: LabAddresses;
  host(name: HostName): LabHost;
  startServer(on: HostName, listeners: readonly Listener[]): Promise<NsProcess>;
  probe(from: HostName, targets: readonly ProbeTarget[]): Promise<ProbeResult[]>;
  /** The `address:port` the companion sees when `from` talks to it. */
  observedSource(from: HostName, proto?: Proto, localPort?: number, companionPort?: number): Promise<string>;
  destroy(): Promise<void>;
}

let counter = 0;

async function addr(ns: Netns, cidr: string, dev: string): Promise<void> {
  await ns.ip([...(cidr.includes(':') ? ['-6'] : []), 'addr', 'add', cidr, 'dev', dev, ...(cidr.includes(':') ? ['nodad'] : [])]);
}

async function route(ns: Netns, dest: string, via: string): Promise<void> {
  await ns.ip([...(via.includes(':') ? ['-6'] : []), 'route', 'add', dest, 'via', via]);
}

async function bridge(ns: Netns, name: string, ports: readonly string[]): Promise<void> {
  await ns.ip(['link', 'add', name, 'type', 'bridge']);
  await Promise.all(ports.map((p) => ns.ip(['link', 'set', p, 'master', name])));
  await ns.ip(['link', 'set', name, 'up']);
}

/** One exec for several per-namespace sysctls (each `ip netns exec` costs a remount of /sys). */
async function sysctls(ns: Netns, values: Record<string, string | number>): Promise<void> {
  if (Object.keys(values).length === 0) return;
  const script = Object.entries(values)
    .map(([k, v]) => `[ -e /proc/sys/${k.replaceAll('.', '/')} ] && printf %s ${v} > /proc/sys/${k.replaceAll('.', '/')}`)
    .join('; ');
  await ns.exec(['sh', '-c', `${script}; true`]);
}

const ROUTER_SYSCTLS = (v6: boolean): Record<string, number> => ({
  'net.ipv4.ip_forward': 1,
  ...(v6 ? { 'net.ipv6.conf.all.forwarding': 1 } : {}),
  // br_netfilter is loaded on these machines; bridged frames must not go through the IP hooks.
  'net.bridge.bridge-nf-call-iptables': 0,
  'net.bridge.bridge-nf-call-ip6tables': 0,
});
const HOST_SYSCTLS = (v6: boolean): Record<string, number> =>
  v6 ? { 'net.ipv6.conf.all.accept_dad': 0, 'net.ipv6.conf.default.accept_dad': 0 } : {};

function resolveForwards(forwards: readonly PortForward[] | undefined, hosts: Record<string, string>): ResolvedForward[] {
  return (forwards ?? []).map((f) => {
    const to = f.to ?? 'pc';
    const toIp = hosts[to] ?? to;
    if (!/^\d+\.\d+\.\d+\.\d+$/.test(toIp)) throw new RangeError(`forward target is neither a lab host nor an IPv4: ${to}`);
    return { proto: f.proto, port: f.port, toIp, ...(f.toPort !== undefined ? { toPort: f.toPort } : {}) };
  });
}

/** Render every ruleset once with the real address plan, so a bad knob throws before any namespace exists. */
function validate(s: Scenario): void {
  const lanHosts = { pc: LAN.pc, lan2: LAN.lan2 };
  natBoxRuleset({ wanIp: ISP.routerWan, forwards: resolveForwards(s.forwards, lanHosts), inbound: s.routerInbound ?? 'drop', nat: s.nat ?? 'easy', hairpin: s.hairpin ?? false, ...(s.ipv6 ? { ipv6: { mode: s.ipv6.router, allow: s.ipv6.allow ?? [] } } : {}) });
  natBoxRuleset({ wanIp: ISP.upstreamWan, forwards: resolveForwards(s.upstreamForwards, { router: CGNAT.routerWan }), inbound: 'drop', nat: s.upstreamNat ?? 'easy', hairpin: false });
  if (s.ispDrop) ispRuleset(ISP.routerWan, s.ispDrop);
  if (s.pcFirewall) hostFirewallRuleset(s.pcFirewall);
  for (const [on, ls] of Object.entries(s.servers ?? {})) {
    for (const l of ls ?? []) if (!Number.isInteger(l.port) || l.port < 1 || l.port > 65535) throw new RangeError(`${on}: server port out of range: ${l.port}`);
  }
}

export async function buildTopology(scenario: Scenario, opts: { tag?: string } = {}): Promise<Lab> {
  validate(scenario);
  const tag = opts.tag ?? `s${++counter}`;
  const v6 = scenario.ipv6 !== undefined;
  const upstream = scenario.upstream ?? 'none';
  const friendNat = scenario.friendBehindNat ?? true;
  const hosts: Partial<Record<HostName, LabHost>> = {};
  const make = async (name: HostName): Promise<Netns> => {
    const ns = await Netns.create(`${tag}-${name}`);
    hosts[name] = { name, ns };
    return ns;
  };
  const lab: Lab = {
    tag,
    scenario,
    hosts,
    addr: undefined as unknown as LabAddresses,
    host(name) {
      const h = hosts[name];
      if (!h) throw new Error(`this topology has no ${name}`);
      return h;
    },
    startServer: (on, listeners) => startServer(lab.host(on).ns, on, listeners),
    probe: (from, targets) => probe(lab.host(from).ns, targets),
    async observedSource(from, proto = 'tcp', localPort, companionPort = COMPANION_PORT) {
      const [r] = await probe(lab.host(from).ns, [{ proto, host: lab.addr.companion, port: companionPort, ...(localPort ? { localPort } : {}) }]);
      if (!r || typeof r.reply !== 'object') throw new Error(`the companion did not answer ${from}: ${JSON.stringify(r)}`);
      return r.reply.peer;
    },
    async destroy() {
      await Promise.all(Object.values(hosts).map((h) => h.ns.delete()));
    },
  };
  try {
    await build(lab, make, { v6, upstream, friendNat });
  } catch (err) {
    await lab.destroy();
    throw err;
  }
  return lab;
}

async function build(lab: Lab, make: (n: HostName) => Promise<Netns>, o: { v6: boolean; upstream: 'none' | 'cgnat' | 'private'; friendNat: boolean }): Promise<void> {
  const s = lab.scenario;
  const names: HostName[] = ['pc', 'lan2', 'router', 'internet', 'companion', 'friend'];
  if (o.upstream !== 'none') names.push('upstream');
  if (o.friendNat) names.push('friendRouter');
  const ns = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await make(n)] as const))) as Record<HostName, Netns>;
  const up = o.upstream === 'cgnat' ? CGNAT : UPSTREAM_PRIVATE;
  const routerWan = o.upstream === 'none' ? ISP.routerWan : up.routerWan;
  const publicIp = o.upstream === 'none' ? ISP.routerWan : ISP.upstreamWan;
  const friend = o.friendNat ? FRIEND_LAN.friend : DC.friendDirect;
  lab.addr = {
    pcLan: LAN.pc,
    lan2: LAN.lan2,
    routerLan: LAN.router,
    lanUnused: LAN.unused,
    routerWan,
    publicIp,
    ...(o.upstream !== 'none' ? { upstreamWan: ISP.upstreamWan } : {}),
    companion: DC.companion,
    friend,
    friendPublic: o.friendNat ? DC.friendRouterWan : DC.friendDirect,
    ...(o.v6 ? { pcV6: V6.pc, lan2V6: V6.lan2, companionV6: V6.companion, friendV6: o.friendNat ? V6.friend : V6.friendDirect } : {}),
  };

  const routers: HostName[] = ['router', 'internet', ...(o.upstream !== 'none' ? ['upstream' as const] : []), ...(o.friendNat ? ['friendRouter' as const] : [])];
  await Promise.all(names.map((n) => sysctls(ns[n], { ...HOST_SYSCTLS(o.v6), ...(routers.includes(n) ? ROUTER_SYSCTLS(o.v6) : {}) })));

  // Links. Home LAN: a bridge inside the router.
  await Promise.all([
    veth(ns.pc, 'eth0', ns.router, 'p-pc'),
    veth(ns.lan2, 'eth0', ns.router, 'p-lan2'),
    veth(ns.companion, 'eth0', ns.internet, 'p-comp'),
    o.upstream !== 'none'
      ? veth(ns.router, 'wan', ns.upstream, 'lan').then(() => veth(ns.upstream, 'wan', ns.internet, 'p-home'))
      : veth(ns.router, 'wan', ns.internet, 'p-home'),
    o.friendNat
      ? veth(ns.friendRouter, 'wan', ns.internet, 'p-friend').then(() => veth(ns.friend, 'eth0', ns.friendRouter, 'lan'))
      : veth(ns.friend, 'eth0', ns.internet, 'p-friend'),
  ]);
  await Promise.all([bridge(ns.router, 'lan', ['p-pc', 'p-lan2']), bridge(ns.internet, 'isp', ['p-home']), bridge(ns.internet, 'dc', ['p-comp', 'p-friend'])]);

  // Addresses and routes, IPv4.
  const v4: Promise<void>[] = [
    addr(ns.pc, `${LAN.pc}/24`, 'eth0').then(() => route(ns.pc, 'default', LAN.router)),
    addr(ns.lan2, `${LAN.lan2}/24`, 'eth0').then(() => route(ns.lan2, 'default', LAN.router)),
    addr(ns.router, `${LAN.router}/24`, 'lan'),
    addr(ns.internet, `${ISP.gateway}/24`, 'isp'),
    addr(ns.internet, `${DC.gateway}/24`, 'dc'),
    addr(ns.companion, `${DC.companion}/24`, 'eth0').then(() => route(ns.companion, 'default', DC.gateway)),
  ];
  if (o.upstream === 'none') {
    v4.push(addr(ns.router, `${ISP.routerWan}/24`, 'wan').then(() => route(ns.router, 'default', ISP.gateway)));
  } else {
    v4.push(addr(ns.router, `${up.routerWan}/${up.len}`, 'wan').then(() => route(ns.router, 'default', up.gateway)));
    v4.push(addr(ns.upstream, `${up.gateway}/${up.len}`, 'lan'));
    v4.push(addr(ns.upstream, `${ISP.upstreamWan}/24`, 'wan').then(() => route(ns.upstream, 'default', ISP.gateway)));
  }
  if (o.friendNat) {
    v4.push(addr(ns.friendRouter, `${DC.friendRouterWan}/24`, 'wan').then(() => route(ns.friendRouter, 'default', DC.gateway)));
    v4.push(addr(ns.friendRouter, `${FRIEND_LAN.router}/24`, 'lan'));
    v4.push(addr(ns.friend, `${FRIEND_LAN.friend}/24`, 'eth0').then(() => route(ns.friend, 'default', FRIEND_LAN.router)));
  } else {
    v4.push(addr(ns.friend, `${DC.friendDirect}/24`, 'eth0').then(() => route(ns.friend, 'default', DC.gateway)));
  }
  await Promise.all(v4);
  if (o.v6) await addressV6(ns, o);

  // Firewalls and NAT.
  const lanHosts = { pc: LAN.pc, lan2: LAN.lan2 };
  const ipv6 = s.ipv6 ? { mode: s.ipv6.router, allow: s.ipv6.allow ?? [] } : undefined;
  const rules: Promise<unknown>[] = [
    ns.router.nft(natBoxRuleset({ wanIp: routerWan, forwards: resolveForwards(s.forwards, lanHosts), inbound: s.routerInbound ?? 'drop', nat: s.nat ?? 'easy', hairpin: s.hairpin ?? false, ...(ipv6 ? { ipv6 } : {}) })),
  ];
  if (o.upstream !== 'none') {
    const upForwards = resolveForwards(s.upstreamForwards, { router: up.routerWan });
    rules.push(ns.upstream.nft(natBoxRuleset({ wanIp: ISP.upstreamWan, forwards: upForwards, inbound: 'drop', nat: s.upstreamNat ?? 'easy', hairpin: false, ...(o.v6 ? { ipv6: { mode: 'forward', allow: [] } } : {}) })));
  }
  if (o.friendNat) {
    rules.push(ns.friendRouter.nft(natBoxRuleset({ wanIp: DC.friendRouterWan, forwards: [], inbound: 'drop', nat: s.friendNat ?? 'easy', hairpin: false, ...(o.v6 ? { ipv6: { mode: 'forward', allow: [] } } : {}) })));
  }
  if (s.ispDrop?.length) rules.push(ns.internet.nft(ispRuleset(publicIp, s.ispDrop)));
  if (s.pcFirewall?.length) rules.push(ns.pc.nft(hostFirewallRuleset(s.pcFirewall)));
  await Promise.all(rules);

  await Promise.all(names.map((n) => linksReady(ns[n])));

  // The companion's echo and the scenario's stand-in servers.
  const companionListeners: Listener[] = [
    { proto: 'tcp', bind: '0.0.0.0', port: COMPANION_PORT },
    { proto: 'udp', bind: '0.0.0.0', port: COMPANION_PORT },
    ...(o.v6 ? (['tcp', 'udp'] as const).map((proto) => ({ proto, bind: '::', port: COMPANION_PORT })) : []),
  ];
  await Promise.all([
    startServer(ns.companion, 'companion', companionListeners),
    ...Object.entries(s.servers ?? {}).map(([on, ls]) => startServer(ns[on as HostName], on, ls ?? [])),
  ]);
  await pathsReady(lab, o.v6);
}

/** Every edge host reaches the companion (this crosses every link of the lab), over IPv6 too when present. */
async function pathsReady(lab: Lab, v6: boolean): Promise<void> {
  const deadline = Date.now() + LINKS_READY_TIMEOUT_MS;
  const targets: ProbeTarget[] = [{ proto: 'udp', host: lab.addr.companion, port: COMPANION_PORT, timeoutMs: PATH_PROBE_TIMEOUT_MS }];
  if (v6) targets.push({ proto: 'udp', host: V6.companion, port: COMPANION_PORT, timeoutMs: PATH_PROBE_TIMEOUT_MS });
  let pending: HostName[] = ['pc', 'lan2', 'friend'];
  while (pending.length > 0) {
    const results = await Promise.all(pending.map(async (h) => [h, await lab.probe(h, targets)] as const));
    pending = results.filter(([, r]) => r.some((x) => x.state !== 'open')).map(([h]) => h);
    if (pending.length > 0 && Date.now() > deadline) {
      throw new Error(`lab not ready: ${pending.join(', ')} cannot reach the companion after ${LINKS_READY_TIMEOUT_MS} ms`);
    }
  }
}

async function addressV6(ns: Record<HostName, Netns>, o: { upstream: 'none' | 'cgnat' | 'private'; friendNat: boolean }): Promise<void> {
  const homeEdge = o.upstream === 'none' ? V6.routerWan : V6.upstreamWan;
  const jobs: Promise<void>[] = [
    addr(ns.pc, `${V6.pc}/64`, 'eth0').then(() => route(ns.pc, 'default', V6.routerLan)),
    addr(ns.lan2, `${V6.lan2}/64`, 'eth0').then(() => route(ns.lan2, 'default', V6.routerLan)),
    addr(ns.router, `${V6.routerLan}/64`, 'lan'),
    addr(ns.internet, `${V6.ispGateway}/64`, 'isp').then(() => route(ns.internet, V6.lan, homeEdge)),
    addr(ns.internet, `${V6.dcGateway}/64`, 'dc'),
    addr(ns.companion, `${V6.companion}/64`, 'eth0').then(() => route(ns.companion, 'default', V6.dcGateway)),
  ];
  if (o.upstream === 'none') {
    jobs.push(addr(ns.router, `${V6.routerWan}/64`, 'wan').then(() => route(ns.router, 'default', V6.ispGateway)));
  } else {
    jobs.push(addr(ns.router, `${V6.routerUp}/64`, 'wan').then(() => route(ns.router, 'default', V6.upstreamLan)));
    jobs.push(addr(ns.upstream, `${V6.upstreamLan}/64`, 'lan').then(() => route(ns.upstream, V6.lan, V6.routerUp)));
    jobs.push(addr(ns.upstream, `${V6.upstreamWan}/64`, 'wan').then(() => route(ns.upstream, 'default', V6.ispGateway)));
  }
  if (o.friendNat) {
    jobs.push(addr(ns.friendRouter, `${V6.friendRouterWan}/64`, 'wan').then(() => route(ns.friendRouter, 'default', V6.dcGateway)));
    jobs.push(addr(ns.friendRouter, `${V6.friendRouterLan}/64`, 'lan'));
    jobs.push(addr(ns.friend, `${V6.friend}/64`, 'eth0').then(() => route(ns.friend, 'default', V6.friendRouterLan)));
    jobs.push(route(ns.internet, V6.friendLan, V6.friendRouterWan));
  } else {
    jobs.push(addr(ns.friend, `${V6.friendDirect}/64`, 'eth0').then(() => route(ns.friend, 'default', V6.dcGateway)));
  }
  await Promise.all(jobs);
}
