// macOS and Windows LAN facts from their own tools' text: default gateway and the neighbour table.
import type { NeighbourRow } from '../../../shared/network/facts';

/** macOS `route -n get default`: "gateway: 192.168.1.1" and "interface: en0". */
export function parseMacRouteGet(text: string): { gateway: string | null; interfaceName: string | null } {
  return {
    gateway: /^\s*gateway:\s*(\S+)/m.exec(text)?.[1] ?? null,
    interfaceName: /^\s*interface:\s*(\S+)/m.exec(text)?.[1] ?? null,
  };
}

/** macOS `arp -an`: "? (192.168.1.1) at a4:91:b1:0:c:2 on en0 ifscope [ethernet]"; "(incomplete)" skipped. */
export function parseMacArp(text: string): NeighbourRow[] {
  const out: NeighbourRow[] = [];
  for (const m of text.matchAll(/^\S+ \((\d{1,3}(?:\.\d{1,3}){3})\) at ([0-9a-f:]+) on (\S+)/gim)) {
    // macOS drops leading zeros ("a4:91:b1:0:c:2"); pad so MACs compare the same everywhere.
    const mac = m[2]!.split(':').map((b) => b.padStart(2, '0')).join(':').toLowerCase();
    if (mac !== 'ff:ff:ff:ff:ff:ff') out.push({ address: m[1]!, mac, interfaceName: m[3]! });
  }
  return out;
}

/**
 * Windows `route print -4`: the IPv4 table's "0.0.0.0  0.0.0.0  <gateway>  <interface address>  <metric>"
 * rows; the lowest metric wins. Headers are localized, the rows are not.
 */
export function parseWindowsRoutePrint(text: string): { gateway: string | null; interfaceAddress: string | null } {
  let best: { gateway: string; iface: string; metric: number } | null = null;
  for (const m of text.matchAll(/^\s*0\.0\.0\.0\s+0\.0\.0\.0\s+(\d{1,3}(?:\.\d{1,3}){3})\s+(\d{1,3}(?:\.\d{1,3}){3})\s+(\d+)\s*$/gm)) {
    const metric = Number(m[3]);
    if (!best || metric < best.metric) best = { gateway: m[1]!, iface: m[2]!, metric };
  }
  return { gateway: best?.gateway ?? null, interfaceAddress: best?.iface ?? null };
}

/**
 * Windows `arp -a`: "Interface: 192.168.1.23 --- 0xb" (German "Schnittstelle: …") then rows
 * "  192.168.1.1           a4-91-b1-00-0c-02     dynamic" ("dynamisch"); broadcast and multicast skipped.
 */
export function parseWindowsArp(text: string): NeighbourRow[] {
  const out: NeighbourRow[] = [];
  let iface: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    const head = /^\S[^:]*:\s*(\d{1,3}(?:\.\d{1,3}){3})\s+---/.exec(line);
    if (head) {
      iface = head[1]!;
      continue;
    }
    const row = /^\s+(\d{1,3}(?:\.\d{1,3}){3})\s+([0-9a-f]{2}(?:-[0-9a-f]{2}){5})\s+\S+/i.exec(line);
    if (!row) continue;
    const mac = row[2]!.replace(/-/g, ':').toLowerCase();
    const first = Number(row[1]!.split('.')[0]);
    if (mac === 'ff:ff:ff:ff:ff:ff' || (first >= 224 && first <= 239) || mac.startsWith('01:00:5e')) continue;
    out.push({ address: row[1]!, mac, interfaceName: iface });
  }
  return out;
}
