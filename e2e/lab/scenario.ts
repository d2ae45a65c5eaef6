// The declarative scenario a lab topology is built from, and the fixed address plan (see ../../../shared/LAB.md).
//
// Addresses: RFC 1918 inside homes, 100.64.0.0/10 for CGNAT, 198.51.100.0/24 (ISP access segment) and
// 203.0.113.0/24 (server segment) for the "internet", 2001:db8::/32 for IPv6. Never 192.0.2.0/24.

export type Proto = 'tcp' | 'udp';
/** One port or an inclusive range. */
export type PortSpec = number | readonly [number, number];
/** Easy NAT keeps the source port when it can (endpoint-independent); hard NAT picks a random one per flow. */
export type NatMode = 'easy' | 'hard';

export interface PortForward {
  proto: Proto;
  /** External port (or range) on the router's WAN address. */
  port: PortSpec;
  /** LAN target: a host name of this lab, or a raw LAN IPv4 (e.g. LAN.unused for "forward to the wrong IP"). */
  to?: 'pc' | 'lan2' | string;
  /** Internal port for a single-port forward (default: the same as `port`); ranges always map 1:1. */
  toPort?: number;
}

export interface HostFirewallRule {
  /** drop = silence; reject-rst = TCP RST (tcp only); reject-icmp = ICMP admin-prohibited (firewalld style). */
  action: 'drop' | 'reject-rst' | 'reject-icmp';
  proto: Proto;
  /** All ports when omitted. */
  port?: PortSpec;
  /** Only packets arriving on this interface of the pc (e.g. 'eth0'); loopback is always allowed. */
  iface?: string;
}

export interface Listener {
  proto: Proto;
  /** 0.0.0.0, 127.0.0.1, one address, or '::' (IPv6 only). */
  bind: string;
  port: number;
}

export interface Scenario {
  /** How the home router answers unsolicited inbound traffic on its WAN: drop (silence) or reject (RST / ICMP). */
  routerInbound?: 'drop' | 'reject';
  forwards?: readonly PortForward[];
  nat?: NatMode;
  /** NAT loopback: the pc reaching its own forward through the public address. */
  hairpin?: boolean;
  /** A NAT between the home router and the internet: ISP CGNAT (WAN in 100.64/10) or a private one (double NAT). */
  upstream?: 'none' | 'cgnat' | 'private';
  upstreamNat?: NatMode;
  /** Forwards on the upstream NAT towards the home router's WAN (only a double-NAT user can set these). */
  upstreamForwards?: readonly PortForward[];
  /** Ports the ISP drops towards the user's public address. */
  ispDrop?: readonly { proto: Proto; port: PortSpec }[];
  pcFirewall?: readonly HostFirewallRule[];
  /** The friend sits behind its own home NAT (default) or has a public address. */
  friendBehindNat?: boolean;
  friendNat?: NatMode;
  /** An IPv6 segment without NAT; the home router either forwards inbound IPv6 or filters it (stateful). */
  ipv6?: { router: 'forward' | 'filter'; allow?: readonly { proto: Proto; port: PortSpec }[] };
  /** Stand-in servers started on hosts before the scenario is handed out. */
  servers?: Partial<Record<'pc' | 'lan2' | 'friend', readonly Listener[]>>;
}

export const LAN = {
  prefix: '192.168.50.0/24',
  router: '192.168.50.1',
  pc: '192.168.50.10',
  lan2: '192.168.50.20',
  /** Nobody lives here: a forward to it is "the pc's address changed". */
  unused: '192.168.50.30',
} as const;

export const CGNAT = { prefix: '100.64.0.0/10', len: 10, gateway: '100.64.0.1', routerWan: '100.64.0.10' } as const;
export const UPSTREAM_PRIVATE = { prefix: '10.0.0.0/24', len: 24, gateway: '10.0.0.1', routerWan: '10.0.0.10' } as const;

/** ISP access segment: home routers' (or the upstream NAT's) public WAN addresses. */
export const ISP = { prefix: '198.51.100.0/24', gateway: '198.51.100.1', routerWan: '198.51.100.10', upstreamWan: '198.51.100.20' } as const;
/** Server segment: the companion, the friend (or the friend's router). */
export const DC = { prefix: '203.0.113.0/24', gateway: '203.0.113.1', companion: '203.0.113.10', friendRouterWan: '203.0.113.20', friendDirect: '203.0.113.30' } as const;
export const FRIEND_LAN = { prefix: '172.16.5.0/24', router: '172.16.5.1', friend: '172.16.5.10' } as const;

export const V6 = {
  lan: '2001:db8:50::/64',
  routerLan: '2001:db8:50::1',
  pc: '2001:db8:50::10',
  lan2: '2001:db8:50::20',
  upLink: '2001:db8:64::/64',
  upstreamLan: '2001:db8:64::1',
  routerUp: '2001:db8:64::10',
  isp: '2001:db8:5100::/64',
  ispGateway: '2001:db8:5100::1',
  routerWan: '2001:db8:5100::10',
  upstreamWan: '2001:db8:5100::20',
  dc: '2001:db8:113::/64',
  dcGateway: '2001:db8:113::1',
  companion: '2001:db8:113::10',
  friendRouterWan: '2001:db8:113::20',
  friendDirect: '2001:db8:113::30',
  friendLan: '2001:db8:172::/64',
  friendRouterLan: '2001:db8:172::1',
  friend: '2001:db8:172::10',
} as const;

/** The companion's stand-in echo: answers with the source address it sees. */
export const COMPANION_PORT = 7000;

export const portRange = (p: PortSpec): [number, number] => (typeof p === 'number' ? [p, p] : [p[0], p[1]]);
export const nftPorts = (p: PortSpec): string => {
  const [a, b] = portRange(p);
  for (const n of [a, b]) if (!Number.isInteger(n) || n < 1 || n > 65535) throw new RangeError(`port out of range: ${n}`);
  if (b < a) throw new RangeError(`port range reversed: ${a}-${b}`);
  return a === b ? String(a) : `${a}-${b}`;
};
