// nftables rulesets for lab boxes (NAT routers, the ISP core, the pc's host firewall), as text for `nft -f -`.
// nftables 1.0.6: one statement per line inside chain blocks, `type …;` and `policy …;` on lines of their own.
import { type HostFirewallRule, type NatMode, nftPorts, type PortSpec, type Proto } from './scenario.js';

export interface ResolvedForward {
  proto: Proto;
  port: PortSpec;
  toIp: string;
  toPort?: number;
}

export interface NatBoxOptions {
  /** The box's WAN address (what hairpin DNAT matches on). */
  wanIp: string;
  forwards: readonly ResolvedForward[];
  inbound: 'drop' | 'reject';
  nat: NatMode;
  hairpin: boolean;
  /** IPv6 through this box: forwarded freely, or stateful-filtered with pinholes. Omitted: no IPv6 rules needed. */
  ipv6?: { mode: 'forward' | 'filter'; allow: readonly { proto: Proto; port: PortSpec }[] };
}

const LAN_IF = 'lan';
const WAN_IF = 'wan';

function refuse(match: string, inbound: 'drop' | 'reject'): string[] {
  if (inbound === 'drop') return [`${match} drop`];
  // What a router that "rejects" sends: RST for TCP, ICMP port unreachable for the rest.
  return [`${match} meta l4proto tcp reject with tcp reset`, `${match} reject with icmpx port-unreachable`];
}

function dnatRule(f: ResolvedForward, match: string): string {
  const ports = nftPorts(f.port);
  if (typeof f.port !== 'number' && f.toPort !== undefined) {
    throw new RangeError(`a port-range forward maps 1:1; toPort is only for single ports (${ports})`);
  }
  const target = f.toPort === undefined ? f.toIp : `${f.toIp}:${nftPorts(f.toPort)}`;
  return `${match} ${f.proto} dport ${ports} dnat to ${target}`;
}

/** A home (or upstream, or friend's) NAT router: masquerade out of `wan`, forwards in, inbound policy, optional hairpin. */
export function natBoxRuleset(o: NatBoxOptions): string {
  // Hairpin: match the public address from either side, and masquerade LAN→LAN replies back through the box.
  const dnatMatch = o.hairpin ? `ip daddr ${o.wanIp}` : `iifname "${WAN_IF}"`;
  const masq = o.nat === 'hard' ? 'masquerade random,fully-random' : 'masquerade';
  const v6 = o.ipv6;
  const v6Forward =
    v6 === undefined
      ? []
      : v6.mode === 'forward'
        ? [`meta nfproto ipv6 iifname "${WAN_IF}" accept`]
        : [
            ...v6.allow.map((a) => `meta nfproto ipv6 iifname "${WAN_IF}" ${a.proto} dport ${nftPorts(a.port)} accept`),
            ...refuse(`meta nfproto ipv6 iifname "${WAN_IF}"`, o.inbound),
          ];
  return [
    'table ip pd_nat {',
    '  chain prerouting {',
    '    type nat hook prerouting priority dstnat;',
    '    policy accept;',
    ...o.forwards.map((f) => `    ${dnatRule(f, dnatMatch)}`),
    '  }',
    '  chain postrouting {',
    '    type nat hook postrouting priority srcnat;',
    '    policy accept;',
    `    oifname "${WAN_IF}" ${masq}`,
    ...(o.hairpin ? [`    iifname "${LAN_IF}" oifname "${LAN_IF}" ct status dnat masquerade`] : []),
    '  }',
    '}',
    'table inet pd_filter {',
    '  chain input {',
    '    type filter hook input priority filter;',
    '    policy accept;',
    '    ct state established,related accept',
    '    iifname "lo" accept',
    `    iifname "${LAN_IF}" accept`,
    // Neighbour discovery on the WAN link is how IPv6 works at all; dropping it is no firewall policy.
    `    iifname "${WAN_IF}" meta l4proto ipv6-icmp accept`,
    ...refuse(`    iifname "${WAN_IF}"`, o.inbound),
    '  }',
    '  chain forward {',
    '    type filter hook forward priority filter;',
    '    policy accept;',
    '    ct state established,related accept',
    `    iifname "${LAN_IF}" accept`,
    '    ct status dnat accept',
    ...v6Forward.map((l) => `    ${l}`),
    ...refuse(`    iifname "${WAN_IF}"`, o.inbound),
    '  }',
    '}',
    '',
  ].join('\n');
}

/** The ISP core: silently drops the listed ports towards the customer's public address. */
export function ispRuleset(publicIp: string, drops: readonly { proto: Proto; port: PortSpec }[]): string {
  return [
    'table inet pd_isp {',
    '  chain forward {',
    '    type filter hook forward priority filter;',
    '    policy accept;',
    ...drops.map((d) => `    ip daddr ${publicIp} ${d.proto} dport ${nftPorts(d.port)} drop`),
    '  }',
    '}',
    '',
  ].join('\n');
}

function hostAction(r: HostFirewallRule): string {
  switch (r.action) {
    case 'drop':
      return 'drop';
    case 'reject-rst':
      if (r.proto !== 'tcp') throw new RangeError('reject-rst is a TCP answer; use reject-icmp for UDP');
      return 'reject with tcp reset';
    case 'reject-icmp':
      return 'reject with icmpx admin-prohibited';
    default:
      return missing(r.action);
  }
}

function missing(x: never): never {
  throw new Error(`unhandled case ${String(x)}`);
}

/** The pc's own firewall (what Windows Defender Firewall or ufw would do), loopback always allowed. */
export function hostFirewallRuleset(rules: readonly HostFirewallRule[]): string {
  return [
    'table inet pd_host {',
    '  chain input {',
    '    type filter hook input priority filter;',
    '    policy accept;',
    '    iifname "lo" accept',
    '    ct state established,related accept',
    ...rules.map((r) => {
      const iface = r.iface ? `iifname "${r.iface}" ` : '';
      const port = r.port === undefined ? `meta l4proto ${r.proto}` : `${r.proto} dport ${nftPorts(r.port)}`;
      return `    ${iface}${port} ${hostAction(r)}`;
    }),
    '  }',
    '}',
    '',
  ].join('\n');
}
