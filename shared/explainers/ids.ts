// The stable list of explainer ids: findings, verdicts, table headers and pages link to an explainer
// by one of these ids (the renderer opens `#/explain/<id>`). Ids never change once shipped; the
// words behind them live in ./content.ts.

export const EXPLAINER_IDS = [
  /** What a port is; the address:port pair; one socket per (address, port, protocol). */
  'port',
  /** TCP vs UDP: separate port spaces, handshake vs datagrams, why UDP silence proves nothing. */
  'tcp-udp',
  /** IANA's three ranges (RFC 6335), admin rights to bind, ephemeral ports. */
  'port-ranges',
  /** open / closed / filtered (and open|filtered); connection refused vs timed out. */
  'port-states',
  /** The bind address: 127.0.0.1 vs one address vs 0.0.0.0/:: — who can connect. */
  'bind-address',
  /** NAT at home and why unsolicited inbound traffic needs a forward. */
  'nat',
  /** Port forwarding (DNAT) and DHCP address reservations. */
  'port-forwarding',
  /** Host firewalls; Windows Public/Private network profiles. */
  'host-firewall',
  /** Carrier-grade NAT (100.64.0.0/10): forwarding at home cannot work. */
  'cgnat',
  /** Two routers both doing NAT (router WAN address is private). */
  'double-nat',
  /** Hairpin NAT: testing your own public address from inside misleads. */
  'hairpin-nat',
  /** "Address already in use" (EADDRINUSE) and how to find the program holding the port. */
  'address-in-use',
  /** Port knocking and non-default ports: obscurity is not security on its own. */
  'port-knocking',
  /** What the exposure audit groups mean and how to close an exposed service. */
  'exposure',
] as const;

export type ExplainerId = (typeof EXPLAINER_IDS)[number];

export function isExplainerId(value: unknown): value is ExplainerId {
  return typeof value === 'string' && (EXPLAINER_IDS as readonly string[]).includes(value);
}

/** The renderer route for an explainer; findings and pages build links with this, never by hand. */
export function explainerHref(id: ExplainerId): string {
  return `#/explain/${id}`;
}
