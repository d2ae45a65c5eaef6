// Network facts → sentences for the CLI, the Network page and the report (one place for these words).
import type { AddressKind, MacKind, NatKind, NatReason, NetworkFacts } from '../network/facts';

export const NAT_KIND_TITLES: Record<NatKind, string> = {
  none: 'No NAT: this computer has a public address',
  single: 'One NAT: your home router',
  double: 'Double NAT: two routers translate addresses',
  cgnat: 'Carrier-grade NAT: your provider shares one public address among customers',
  unknown: 'Not sure how many NATs there are',
};

/** What each NAT kind means for "can friends reach my server?". */
export const NAT_KIND_MEANING: Record<NatKind, string> = {
  none: 'Nothing translates addresses: only the firewalls decide whether friends get in.',
  single: 'A port forward on your router (and your firewall allowing it) is all friends need.',
  double: 'A port forward is needed on both routers, or put the first one in bridge mode.',
  cgnat: 'Port forwarding on your router cannot work: ask your provider for a public IPv4 address, use IPv6, or a relay/VPN service.',
  unknown: 'Port Doctor could not see enough of the path to tell.',
};

export const ADDRESS_KIND_WORDS: Record<AddressKind, string> = {
  loopback: 'this computer only',
  'link-local': 'link-local (no router gave an address)',
  private: 'private (home or office network)',
  cgnat: 'in the carrier-grade NAT range (100.64.0.0/10)',
  'unique-local': 'private IPv6 (unique local)',
  public: 'public (reachable on the internet)',
  other: 'special-purpose',
};

/**
 * Who made a network card, for a device or interface row: the registered maker, or why there is
 * none — a private (randomized) address is an answer, not a gap. null when no MAC is known.
 */
export function macMakerWords(x: { mac: string | null; macKind: MacKind | null; vendor: string | null }): string | null {
  if (x.vendor) return x.vendor;
  if (x.macKind === 'local') return 'private (randomized) address';
  if (x.macKind === 'group') return 'group (multicast) address';
  return x.mac ? 'maker unknown' : null;
}

/** The devices heading's note: how many, and why makers are missing when the lookup failed. */
export function devicesSummary(f: Pick<NetworkFacts, 'neighbours' | 'macVendors'>): string {
  const notes = [f.neighbours.reason, f.macVendors.state === 'failed' ? `makers not looked up: ${f.macVendors.reason ?? 'the registry failed'}` : null].filter(Boolean);
  return `${f.neighbours.devices.length}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`;
}

export function natReasonSentence(r: NatReason): string {
  switch (r.code) {
    case 'this-computer-public':
      return `This computer itself has the public address ${r.address}: no router translates its traffic.`;
    case 'router-wan-cgnat':
      return `Your router's internet-side address is ${r.address}, inside the range ISPs use for carrier-grade NAT (100.64.0.0/10).`;
    case 'router-wan-private':
      return `Your router's internet-side address is ${r.address}, a private address: another router in front of it translates again.`;
    case 'router-wan-is-public-address':
      return `Your router's internet-side address ${r.address} is the public address the internet sees.`;
    case 'router-wan-differs':
      return `Your router's internet-side address is ${r.address}, but the internet sees ${r.publicAddress}: something after your router translates again, most likely your provider's carrier-grade NAT.`;
    case 'hop-cgnat':
      return `Hop ${r.hop} on the way out is ${r.address}, inside the carrier-grade NAT range (100.64.0.0/10).`;
    case 'hop-private':
      return `Hop ${r.hop} on the way out, after your router, is ${r.address}, a private address: a second router translates there.`;
    case 'hop-public':
      return `Hop ${r.hop}, right after your router, is ${r.address}, already on the public internet.`;
    case 'behind-some-nat':
      return `This computer has the private address ${r.localAddress} and the internet sees ${r.publicAddress}: at least one NAT is in between, but the path did not show how many.`;
    case 'too-little-known':
      return 'Neither the router nor the path out gave away addresses, and the public address is unknown.';
  }
}

export function natEvidence(reasons: readonly NatReason[]): string[] {
  return reasons.map(natReasonSentence);
}

/** The text report of `port-doctor network`. */
export function networkReport(f: NetworkFacts): string {
  const lines: string[] = [];
  const def = f.interfaces.find((i) => i.isDefaultRoute);
  const v4 = def?.addresses.find((a) => a.family === 'ipv4');
  lines.push(`This computer: ${v4 ? `${v4.address} on ${def!.name}` : 'no IPv4 address on the default route'}`);
  lines.push(`Router (gateway): ${f.gateway.address ?? `unknown (${f.gateway.reason ?? 'no default route'})`}`);
  lines.push(`Router's internet side: ${f.routerWan.address ? `${f.routerWan.address} (told by the router over NAT-PMP)` : `unknown (${f.routerWan.detail ?? f.routerWan.natPmp})`}`);
  lines.push(`Public address: ${f.publicAddress ? `${f.publicAddress} (seen by ${f.public.source === 'companion' ? 'the companion' : 'STUN'})` : `unknown (${f.public.reason ?? 'not checked'})`}`);
  if (f.public.mapping !== 'not-checked') lines.push(`NAT mapping: ${f.public.mapping}`);
  lines.push('');
  lines.push(`Path out${f.pathTrace.tool ? ` (${f.pathTrace.tool} toward ${f.pathTrace.target})` : ''}:`);
  if (f.path.length === 0) lines.push(`  not traced (${f.pathTrace.reason ?? f.pathTrace.state})`);
  for (const h of f.path) lines.push(`  ${h.hop}. ${h.address ?? '* (no answer)'}${h.kind ? `  ${ADDRESS_KIND_WORDS[h.kind]}` : ''}${h.rttMs !== null ? `  ${h.rttMs} ms` : ''}`);
  lines.push('');
  lines.push(`${NAT_KIND_TITLES[f.nat.kind]}.`);
  for (const e of f.nat.evidence) lines.push(`  • ${e}`);
  lines.push(`  ${NAT_KIND_MEANING[f.nat.kind]}`);
  lines.push('');
  lines.push(`DNS servers: ${f.dns.servers.length > 0 ? f.dns.servers.join(', ') : `unknown (${f.dns.reason ?? 'none found'})`}`);
  lines.push('Interfaces:');
  for (const i of f.interfaces) {
    const maker = macMakerWords(i);
    lines.push(`  ${i.name}${i.isDefaultRoute ? ' (default route)' : ''}: ${i.addresses.map((a) => a.address).join(', ') || 'no address'}${i.mac ? `  ${i.mac}` : ''}${maker ? `  ${maker}` : ''}`);
  }
  lines.push(`Devices seen on this network: ${devicesSummary(f)}`);
  for (const d of f.neighbours.devices) {
    const maker = macMakerWords(d);
    lines.push(`  ${d.address}${d.mac ? `  ${d.mac}` : ''}${maker ? `  ${maker}` : ''}${d.interfaceName ? `  on ${d.interfaceName}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
