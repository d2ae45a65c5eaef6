// Network facts as the report's label/value rows, in the Network page's own words.
import type { NetworkFacts } from '../network/facts';
import { ADDRESS_KIND_WORDS, devicesSummary, macMakerWords, NAT_KIND_MEANING, NAT_KIND_TITLES } from '../render/network';
import type { ReportNetwork } from './model';

/** A paste-sized report: the neighbour table beyond this many devices is counted, not listed. */
const MAX_DEVICES = 40;

export function networkRows(f: NetworkFacts): ReportNetwork {
  const rows: { label: string; value: string }[] = [];
  const add = (label: string, value: string) => rows.push({ label, value: value.slice(0, 500) });
  const def = f.interfaces.find((i) => i.isDefaultRoute);
  const v4 = def?.addresses.find((a) => a.family === 'ipv4');
  add('This computer', v4 ? `${v4.address} on ${def!.name}` : 'no IPv4 address on the default route');
  add('Router (gateway)', f.gateway.address ?? `unknown (${f.gateway.reason ?? 'no default route'})`);
  add("Router's internet side", f.routerWan.address ? `${f.routerWan.address} (told by the router over NAT-PMP)` : `unknown (${f.routerWan.detail ?? f.routerWan.natPmp})`);
  add('Public address', f.publicAddress ? `${f.publicAddress} (seen by ${f.public.source === 'companion' ? 'the companion' : 'STUN'})` : `unknown (${f.public.reason ?? 'not checked'})`);
  if (f.public.mapping !== 'not-checked') add('NAT mapping', f.public.mapping);
  add('How many NATs', [`${NAT_KIND_TITLES[f.nat.kind]}.`, ...f.nat.evidence, NAT_KIND_MEANING[f.nat.kind]].join(' '));
  add(
    'Path out',
    f.path.length === 0
      ? `not traced (${f.pathTrace.reason ?? f.pathTrace.state})`
      : f.path.map((h) => `${h.hop}. ${h.address ?? '* (no answer)'}${h.kind ? ` (${ADDRESS_KIND_WORDS[h.kind]})` : ''}`).join('; '),
  );
  add('DNS servers', f.dns.servers.length > 0 ? f.dns.servers.join(', ') : `unknown (${f.dns.reason ?? 'none found'})`);
  for (const i of f.interfaces) {
    add(`Interface ${i.name}`, [i.addresses.map((a) => a.address).join(', ') || 'no address', i.mac ? `MAC ${i.mac}` : null, macMakerWords(i)].filter(Boolean).join(' · '));
  }
  add('Devices seen on this network', devicesSummary(f));
  for (const d of f.neighbours.devices.slice(0, MAX_DEVICES)) {
    add(`Device ${d.address}`, [d.mac ? `MAC ${d.mac}` : 'MAC unknown', macMakerWords(d), d.interfaceName ? `on ${d.interfaceName}` : null].filter(Boolean).join(' · '));
  }
  return { collectedAt: f.checkedAt, rows };
}
