// The ground-truth scenario catalog: each home-network situation with the reachability it was built to have.
// catalog.lab.test.ts proves every matrix in real namespaces; the product's probe engine is checked against it.
import { type PortForward, type Proto, type Scenario } from './scenario.js';
import { type LabAddresses } from './topology.js';

/** The "game" every scenario hosts on the pc: one TCP and one UDP port. */
export const GAME = 25565;
/** A second game port, used where one scenario needs two different answers. */
export const GAME2 = 27015;

/**
 * What a prober sees:
 *   open              TCP handshake completed / UDP answer came back
 *   refused           closed: TCP RST, or ICMP port unreachable (for UDP: ECONNREFUSED)
 *   icmp-unreachable  closed: ICMP host/admin-prohibited (a firewall's "reject with icmp")
 *   timeout           filtered: silence (a drop somewhere, or nobody at that LAN address)
 */
export type Verdict = 'open' | 'refused' | 'icmp-unreachable' | 'timeout';

export type From = 'friend' | 'companion' | 'lan2' | 'pc';
/** Where the probe is aimed: the home's public address, the pc's LAN address, loopback (from the pc only), the pc's IPv6. */
export type Target = 'public' | 'pcLan' | 'loopback' | 'pcV6';

export interface Expectation {
  from: From;
  to: Target;
  proto: Proto;
  port: number;
  verdict: Verdict;
  /** For open rows: the stand-in that answered. */
  answeredBy?: string;
  /** For open rows: the source address that stand-in saw (a LabAddresses key, or a literal). */
  peer?: keyof LabAddresses | '127.0.0.1';
}

export interface CatalogEntry {
  name: string;
  /** The situation, in the words a user would use. */
  story: string;
  scenario: Scenario;
  matrix: Expectation[];
  /** The address the companion sees for the pc: the router's WAN, or the upstream NAT's outside address. */
  companionSeesPc: 'routerWan' | 'upstreamWan';
  /** The ports the pc's game uses, the ones a diagnosis is asked about (default: GAME over TCP and UDP). */
  gamePorts?: readonly { proto: Proto; port: number }[];
}

export function stateOf(v: Verdict, proto: Proto): { state: 'open' | 'closed' | 'filtered'; reason: string } {
  switch (v) {
    case 'open':
      return { state: 'open', reason: proto === 'tcp' ? 'connected' : 'reply' };
    case 'refused':
      return { state: 'closed', reason: 'refused' };
    case 'icmp-unreachable':
      return { state: 'closed', reason: 'icmp-unreachable' };
    case 'timeout':
      return { state: 'filtered', reason: 'timeout' };
    default:
      return missing(v);
  }
}

function missing(x: never): never {
  throw new Error(`unhandled verdict ${String(x)}`);
}

const PEER_OF: Record<From, Expectation['peer']> = { friend: 'friendPublic', companion: 'companion', lan2: 'lan2', pc: 'pcLan' };
/** IPv6 has no NAT: the pc sees everyone's own address. */
const PEER_OF_V6: Record<From, Expectation['peer']> = { friend: 'friendV6', companion: 'companionV6', lan2: 'lan2V6', pc: 'pcV6' };

function naturalPeer(from: From, to: Target): Expectation['peer'] {
  if (to === 'loopback') return '127.0.0.1';
  return to === 'pcV6' ? PEER_OF_V6[from] : PEER_OF[from];
}

/** Both protocols of one port from one place; open rows name the pc as the answerer and the natural peer. */
function both(from: From, to: Target, tcp: Verdict, udp: Verdict, port = GAME, open: Partial<Expectation> = {}): Expectation[] {
  return (
    [
      ['tcp', tcp],
      ['udp', udp],
    ] as const
  ).map(([proto, verdict]) => ({
    from,
    to,
    proto,
    port,
    verdict,
    ...(verdict === 'open' ? { answeredBy: 'pc', peer: naturalPeer(from, to), ...open } : {}),
  }));
}

const SERVER_ALL = { pc: [{ proto: 'tcp', bind: '0.0.0.0', port: GAME }, { proto: 'udp', bind: '0.0.0.0', port: GAME }] } as const;
const SERVER_DUAL_STACK = { pc: [...SERVER_ALL.pc, { proto: 'tcp', bind: '::', port: GAME }, { proto: 'udp', bind: '::', port: GAME }] } as const;
const FORWARD_GAME: PortForward[] = [
  { proto: 'tcp', port: GAME },
  { proto: 'udp', port: GAME },
];

/** The pc's own view when its server is healthy: loopback and LAN address answer; public depends on hairpin. */
const PC_LOCAL_OPEN = [...both('pc', 'loopback', 'open', 'open'), ...both('pc', 'pcLan', 'open', 'open')];
/** Without hairpin the pc's packet to its public address ends at the router itself, where nothing listens. */
const PC_PUBLIC_NO_HAIRPIN = both('pc', 'public', 'refused', 'refused');

export const CATALOG: CatalogEntry[] = [
  {
    name: 'forward-ok',
    story: 'TCP and UDP 25565 forwarded to the pc; the server listens on all addresses. Friends can join.',
    scenario: { forwards: FORWARD_GAME, servers: SERVER_ALL },
    matrix: [...both('friend', 'public', 'open', 'open'), ...both('companion', 'public', 'open', 'open'), ...both('lan2', 'pcLan', 'open', 'open'), ...PC_LOCAL_OPEN, ...PC_PUBLIC_NO_HAIRPIN],
    companionSeesPc: 'routerWan',
  },
  {
    name: 'no-forward-router-drops',
    story: 'No port forward; the router silently drops unsolicited traffic (the usual default).',
    scenario: { routerInbound: 'drop', servers: SERVER_ALL },
    matrix: [...both('friend', 'public', 'timeout', 'timeout'), ...both('companion', 'public', 'timeout', 'timeout'), ...both('lan2', 'pcLan', 'open', 'open'), ...PC_LOCAL_OPEN, ...PC_PUBLIC_NO_HAIRPIN],
    companionSeesPc: 'routerWan',
  },
  {
    name: 'no-forward-router-rejects',
    story: 'No port forward; the router answers unsolicited traffic with RST / ICMP port unreachable.',
    scenario: { routerInbound: 'reject', servers: SERVER_ALL },
    matrix: [...both('friend', 'public', 'refused', 'refused'), ...both('companion', 'public', 'refused', 'refused'), ...both('lan2', 'pcLan', 'open', 'open'), ...PC_LOCAL_OPEN],
    companionSeesPc: 'routerWan',
  },
  {
    name: 'forward-to-wrong-lan-ip',
    story: "The forward points at 192.168.50.30 (the pc's old DHCP address); nobody lives there any more.",
    scenario: { forwards: FORWARD_GAME.map((f) => ({ ...f, to: '192.168.50.30' })), servers: SERVER_ALL },
    matrix: [...both('friend', 'public', 'timeout', 'timeout'), ...both('companion', 'public', 'timeout', 'timeout'), ...both('lan2', 'pcLan', 'open', 'open'), ...PC_LOCAL_OPEN],
    companionSeesPc: 'routerWan',
  },
  {
    name: 'forward-to-wrong-internal-port',
    story: 'The forward reaches the pc but on port 25566, where nothing listens.',
    scenario: { forwards: FORWARD_GAME.map((f) => ({ ...f, toPort: GAME + 1 })), servers: SERVER_ALL },
    matrix: [...both('friend', 'public', 'refused', 'refused'), ...both('companion', 'public', 'refused', 'refused'), ...both('lan2', 'pcLan', 'open', 'open'), ...PC_LOCAL_OPEN],
    companionSeesPc: 'routerWan',
  },
  {
    name: 'tcp-forwarded-game-needs-udp',
    story: 'Only TCP is forwarded; the game also needs UDP, which the router drops.',
    scenario: { forwards: [{ proto: 'tcp', port: GAME }], servers: SERVER_ALL },
    matrix: [...both('friend', 'public', 'open', 'timeout'), ...both('companion', 'public', 'open', 'timeout'), ...both('lan2', 'pcLan', 'open', 'open'), ...PC_LOCAL_OPEN],
    companionSeesPc: 'routerWan',
  },
  {
    name: 'host-firewall-drops',
    story: "The forward is right, but the pc's firewall silently drops the game ports on its network interface.",
    scenario: {
      forwards: FORWARD_GAME,
      servers: SERVER_ALL,
      pcFirewall: [
        { action: 'drop', proto: 'tcp', port: GAME, iface: 'eth0' },
        { action: 'drop', proto: 'udp', port: GAME, iface: 'eth0' },
      ],
    },
    matrix: [...both('friend', 'public', 'timeout', 'timeout'), ...both('companion', 'public', 'timeout', 'timeout'), ...both('lan2', 'pcLan', 'timeout', 'timeout'), ...PC_LOCAL_OPEN],
    companionSeesPc: 'routerWan',
  },
  {
    name: 'host-firewall-rejects',
    story: "The pc's firewall rejects: TCP 25565 with a reset, UDP 25565 and TCP 27015 with ICMP admin-prohibited.",
    scenario: {
      forwards: [...FORWARD_GAME, { proto: 'tcp', port: GAME2 }],
      servers: { pc: [...SERVER_ALL.pc, { proto: 'tcp', bind: '0.0.0.0', port: GAME2 }] },
      pcFirewall: [
        { action: 'reject-rst', proto: 'tcp', port: GAME },
        { action: 'reject-icmp', proto: 'udp', port: GAME },
        { action: 'reject-icmp', proto: 'tcp', port: GAME2 },
      ],
    },
    matrix: [
      ...both('friend', 'public', 'refused', 'icmp-unreachable'),
      { from: 'friend', to: 'public', proto: 'tcp', port: GAME2, verdict: 'icmp-unreachable' },
      ...both('companion', 'public', 'refused', 'icmp-unreachable'),
      ...both('lan2', 'pcLan', 'refused', 'icmp-unreachable'),
      { from: 'lan2', to: 'pcLan', proto: 'tcp', port: GAME2, verdict: 'icmp-unreachable' },
      ...PC_LOCAL_OPEN,
      { from: 'pc', to: 'pcLan', proto: 'tcp', port: GAME2, verdict: 'open', answeredBy: 'pc', peer: 'pcLan' },
    ],
    companionSeesPc: 'routerWan',
  },
  {
    name: 'server-bound-to-loopback',
    story: 'The forward is right, but the game server listens on 127.0.0.1 only.',
    scenario: { forwards: FORWARD_GAME, servers: { pc: [{ proto: 'tcp', bind: '127.0.0.1', port: GAME }, { proto: 'udp', bind: '127.0.0.1', port: GAME }] } },
    matrix: [
      ...both('friend', 'public', 'refused', 'refused'),
      ...both('companion', 'public', 'refused', 'refused'),
      ...both('lan2', 'pcLan', 'refused', 'refused'),
      ...both('pc', 'loopback', 'open', 'open'),
      ...both('pc', 'pcLan', 'refused', 'refused'),
    ],
    companionSeesPc: 'routerWan',
  },
  {
    name: 'cgnat',
    story: "The router's WAN is 100.64.0.10 (carrier-grade NAT); its port forward is right but useless: the ISP's NAT drops inbound.",
    scenario: { upstream: 'cgnat', forwards: FORWARD_GAME, servers: SERVER_ALL },
    matrix: [...both('friend', 'public', 'timeout', 'timeout'), ...both('companion', 'public', 'timeout', 'timeout'), ...both('lan2', 'pcLan', 'open', 'open'), ...PC_LOCAL_OPEN],
    companionSeesPc: 'upstreamWan',
  },
  {
    name: 'double-nat',
    story: "The router's WAN is 10.0.0.10 behind the ISP modem's own NAT; the router forwards, the modem does not.",
    scenario: { upstream: 'private', forwards: FORWARD_GAME, servers: SERVER_ALL },
    matrix: [...both('friend', 'public', 'timeout', 'timeout'), ...both('companion', 'public', 'timeout', 'timeout'), ...both('lan2', 'pcLan', 'open', 'open'), ...PC_LOCAL_OPEN],
    companionSeesPc: 'upstreamWan',
  },
  {
    name: 'double-nat-both-forwarded',
    story: 'Double NAT fixed: the modem forwards 25565 to the router, which forwards it to the pc.',
    scenario: { upstream: 'private', upstreamForwards: FORWARD_GAME.map((f) => ({ ...f, to: 'router' })), forwards: FORWARD_GAME, servers: SERVER_ALL },
    matrix: [...both('friend', 'public', 'open', 'open'), ...both('companion', 'public', 'open', 'open'), ...both('lan2', 'pcLan', 'open', 'open'), ...PC_LOCAL_OPEN],
    companionSeesPc: 'upstreamWan',
  },
  {
    name: 'hairpin-off',
    story: 'Forward is right; the router has no NAT loopback, so the pc cannot test itself via its public address.',
    scenario: { forwards: FORWARD_GAME, hairpin: false, servers: SERVER_ALL },
    matrix: [...both('friend', 'public', 'open', 'open'), ...both('pc', 'public', 'refused', 'refused')],
    companionSeesPc: 'routerWan',
  },
  {
    name: 'hairpin-on',
    story: 'Forward is right and the router loops LAN traffic to its public address back in (seen as coming from the router).',
    scenario: { forwards: FORWARD_GAME, hairpin: true, servers: SERVER_ALL },
    matrix: [...both('friend', 'public', 'open', 'open'), ...both('pc', 'public', 'open', 'open', GAME, { peer: 'routerLan' }), ...both('lan2', 'public', 'open', 'open', GAME, { peer: 'routerLan' })],
    companionSeesPc: 'routerWan',
  },
  {
    name: 'isp-blocks-port',
    story: 'Forward is right, but the ISP drops inbound TCP 25565 before it reaches the router; UDP still gets through.',
    scenario: { forwards: FORWARD_GAME, ispDrop: [{ proto: 'tcp', port: GAME }], servers: SERVER_ALL },
    matrix: [...both('friend', 'public', 'timeout', 'open'), ...both('companion', 'public', 'timeout', 'open'), ...both('lan2', 'pcLan', 'open', 'open')],
    companionSeesPc: 'routerWan',
  },
  {
    name: 'ipv6-router-forwards',
    story: 'IPv6 without NAT: the router forwards inbound IPv6, so the pc is reachable on its own IPv6 address.',
    scenario: { forwards: FORWARD_GAME, ipv6: { router: 'forward' }, servers: SERVER_DUAL_STACK },
    matrix: [...both('friend', 'pcV6', 'open', 'open'), ...both('companion', 'pcV6', 'open', 'open'), ...both('lan2', 'pcV6', 'open', 'open'), ...both('friend', 'public', 'open', 'open')],
    companionSeesPc: 'routerWan',
  },
  {
    name: 'ipv6-router-filters',
    story: "IPv6 without NAT, but the router's stateful firewall drops inbound IPv6 except a TCP 25565 pinhole.",
    scenario: { forwards: FORWARD_GAME, ipv6: { router: 'filter', allow: [{ proto: 'tcp', port: GAME }] }, servers: SERVER_DUAL_STACK },
    matrix: [...both('friend', 'pcV6', 'open', 'timeout'), ...both('companion', 'pcV6', 'open', 'timeout'), ...both('lan2', 'pcV6', 'open', 'open')],
    companionSeesPc: 'routerWan',
  },
  {
    name: 'server-ipv6-only',
    story: 'The game server listens on :: with IPv6 only; the IPv4 forward reaches a pc where nothing listens on IPv4.',
    scenario: { forwards: FORWARD_GAME, ipv6: { router: 'forward' }, servers: { pc: [{ proto: 'tcp', bind: '::', port: GAME }, { proto: 'udp', bind: '::', port: GAME }] } },
    matrix: [...both('friend', 'public', 'refused', 'refused'), ...both('friend', 'pcV6', 'open', 'open'), ...both('lan2', 'pcLan', 'refused', 'refused'), ...both('pc', 'loopback', 'refused', 'refused')],
    companionSeesPc: 'routerWan',
  },
  {
    name: 'forward-to-another-device-that-answers',
    story: "TCP 25565 is forwarded to 192.168.50.20, another device that runs a server on that port too: friends reach it, not the pc.",
    scenario: { forwards: [{ proto: 'tcp', port: GAME, to: 'lan2' }], servers: { pc: [{ proto: 'tcp', bind: '0.0.0.0', port: GAME }], lan2: [{ proto: 'tcp', bind: '0.0.0.0', port: GAME }] } },
    matrix: [
      { from: 'friend', to: 'public', proto: 'tcp', port: GAME, verdict: 'open', answeredBy: 'lan2', peer: 'friendPublic' },
      { from: 'companion', to: 'public', proto: 'tcp', port: GAME, verdict: 'open', answeredBy: 'lan2', peer: 'companion' },
      { from: 'lan2', to: 'pcLan', proto: 'tcp', port: GAME, verdict: 'open', answeredBy: 'pc', peer: 'lan2' },
      { from: 'pc', to: 'loopback', proto: 'tcp', port: GAME, verdict: 'open', answeredBy: 'pc', peer: '127.0.0.1' },
    ],
    companionSeesPc: 'routerWan',
    gamePorts: [{ proto: 'tcp', port: GAME }],
  },
  {
    name: 'not-running-but-path-ready',
    story: 'TCP 25565 is forwarded to the pc, but the game server is not started yet: the router side is ready.',
    scenario: { forwards: [{ proto: 'tcp', port: GAME }] },
    matrix: [
      { from: 'friend', to: 'public', proto: 'tcp', port: GAME, verdict: 'refused' },
      { from: 'companion', to: 'public', proto: 'tcp', port: GAME, verdict: 'refused' },
      { from: 'lan2', to: 'pcLan', proto: 'tcp', port: GAME, verdict: 'refused' },
      { from: 'pc', to: 'loopback', proto: 'tcp', port: GAME, verdict: 'refused' },
    ],
    companionSeesPc: 'routerWan',
    gamePorts: [{ proto: 'tcp', port: GAME }],
  },
  {
    name: 'isp-blocks-web-port',
    story: 'A web server on TCP 80 and a game on UDP 25565, both forwarded; the ISP drops inbound TCP 80, as many do for home lines.',
    scenario: { forwards: [{ proto: 'tcp', port: 80 }, { proto: 'udp', port: GAME }], ispDrop: [{ proto: 'tcp', port: 80 }], servers: { pc: [{ proto: 'tcp', bind: '0.0.0.0', port: 80 }, { proto: 'udp', bind: '0.0.0.0', port: GAME }] } },
    matrix: [
      { from: 'friend', to: 'public', proto: 'tcp', port: 80, verdict: 'timeout' },
      { from: 'friend', to: 'public', proto: 'udp', port: GAME, verdict: 'open', answeredBy: 'pc', peer: 'friendPublic' },
      { from: 'companion', to: 'public', proto: 'tcp', port: 80, verdict: 'timeout' },
      { from: 'companion', to: 'public', proto: 'udp', port: GAME, verdict: 'open', answeredBy: 'pc', peer: 'companion' },
      { from: 'lan2', to: 'pcLan', proto: 'tcp', port: 80, verdict: 'open', answeredBy: 'pc', peer: 'lan2' },
    ],
    companionSeesPc: 'routerWan',
    gamePorts: [{ proto: 'tcp', port: 80 }, { proto: 'udp', port: GAME }],
  },
];
