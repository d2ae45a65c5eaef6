// Pure view logic for the Listeners page: search, filters, sorting, grouping by program, and the
// words each fact becomes. Kept out of components so it is table-tested without a browser.
import type { Exposure, Listener, ListenerProtocol } from '../../../../shared/channels/listeners';
import type { FirewallFact } from '../../../../shared/channels/audit';
import { listenerFirewallFact } from '../../../../shared/network/firewall-fact';
import { exposureShort, exposureWords, type ExposureWords } from '../../../../shared/render/exposure';
import { endpointText, ownerText } from '../../../../shared/render/listener';

export interface ListenerFilters {
  /** Free text matched against program, command, address, port, service, user, pid. */
  search: string;
  protocol: ListenerProtocol | 'any';
  exposure: Exposure | 'any';
  /** A program name, or '' for every program. */
  process: string;
}

export type SortKey = 'port' | 'protocol' | 'address' | 'exposure' | 'program' | 'user' | 'service';
export interface SortOrder {
  key: SortKey;
  descending: boolean;
}

export const NO_FILTERS: ListenerFilters = { search: '', protocol: 'any', exposure: 'any', process: '' };

/** Stable identity of a socket row across refreshes (selection survives auto-refresh). */
export function rowKey(r: Listener): string {
  return `${r.protocol}|${r.family}|${r.address}|${r.port}|${r.pid ?? '-'}`;
}

/** A row's exposure words with the firewall's answer for its port (null: the firewall is not read). */
export function rowExposure(r: Listener, firewall: Record<string, FirewallFact> | null): ExposureWords {
  return exposureWords(r, firewall === null ? null : listenerFirewallFact(r, (k) => firewall[k]));
}

export const CATEGORY_WORDS = {
  'well-known': 'Well-known port (0–1023): reserved for standard services.',
  registered: 'Registered port (1024–49151): assigned to specific applications by IANA.',
  dynamic: 'Dynamic port (49152–65535): normally picked at random for short-lived connections.',
} as const;

function matches(r: Listener, f: ListenerFilters, needle: string): boolean {
  if (f.protocol !== 'any' && r.protocol !== f.protocol) return false;
  if (f.exposure !== 'any' && r.exposure !== f.exposure) return false;
  if (f.process && (r.process ?? '') !== f.process) return false;
  if (!needle) return true;
  const hay = [r.process, r.command, endpointText(r), String(r.port), r.service, r.serviceDescription, r.user, r.pid === null ? null : String(r.pid)];
  return hay.some((h) => h !== null && h.toLowerCase().includes(needle));
}

const EXPOSURE_ORDER: Record<Exposure, number> = { loopback: 0, interface: 1, all: 2 };

function compare(a: Listener, b: Listener, key: SortKey): number {
  const text = (x: string | null, y: string | null) => (x ?? '\uffff').localeCompare(y ?? '\uffff');
  switch (key) {
    case 'port':
      return a.port - b.port;
    case 'protocol':
      return a.protocol.localeCompare(b.protocol);
    case 'address':
      return a.family - b.family || a.address.localeCompare(b.address, undefined, { numeric: true });
    case 'exposure':
      return EXPOSURE_ORDER[a.exposure] - EXPOSURE_ORDER[b.exposure];
    case 'program':
      return text(a.process, b.process);
    case 'user':
      return text(a.user, b.user);
    case 'service':
      return text(a.service, b.service);
  }
}

/** Filtered and sorted rows; ties keep port then protocol order so the list never jumps. */
export function visibleRows(rows: readonly Listener[], f: ListenerFilters, sort: SortOrder): Listener[] {
  const needle = f.search.trim().toLowerCase();
  const out = rows.filter((r) => matches(r, f, needle));
  const sign = sort.descending ? -1 : 1;
  out.sort((a, b) => sign * compare(a, b, sort.key) || a.port - b.port || a.protocol.localeCompare(b.protocol) || a.family - b.family);
  return out;
}

export type Item = { kind: 'group'; key: string; label: string; count: number } | { kind: 'row'; key: string; row: Listener };

/** Rows as a flat list for the virtual table; with grouping, a header before each program's rows. */
export function items(rows: readonly Listener[], groupByProgram: boolean, elevated: boolean): Item[] {
  if (!groupByProgram) return rows.map((row) => ({ kind: 'row', key: rowKey(row), row }));
  const groups = new Map<string, Listener[]>();
  for (const r of rows) {
    const label = r.pid === null ? ownerText(r, elevated) : `${r.process ?? '?'} (pid ${r.pid})`;
    const list = groups.get(label) ?? [];
    list.push(r);
    groups.set(label, list);
  }
  const out: Item[] = [];
  for (const [label, list] of [...groups].sort((a, b) => a[0].localeCompare(b[0], undefined, { numeric: true }))) {
    out.push({ kind: 'group', key: `group|${label}`, label, count: list.length });
    for (const row of list) out.push({ kind: 'row', key: rowKey(row), row });
  }
  return out;
}

export function programNames(rows: readonly Listener[]): string[] {
  return [...new Set(rows.map((r) => r.process).filter((p): p is string => p !== null))].sort((a, b) => a.localeCompare(b));
}

/** The detail panel's "copy as text": every fact in plain lines, for a forum post or a friend. */
export function rowAsText(r: Listener, elevated: boolean): string {
  return [
    `${r.protocol.toUpperCase()} ${endpointText(r)} — ${exposureShort(r, null)}`,
    `Program: ${ownerText(r, elevated)}${r.pid !== null ? ` (pid ${r.pid})` : ''}`,
    r.exePath ? `Path: ${r.exePath}` : null,
    r.command ? `Command: ${r.command}` : null,
    `User: ${r.user ?? 'unknown'}`,
    `Port: ${CATEGORY_WORDS[r.category]}${r.privileged ? ' Binding it needs administrator rights.' : ''}`,
    r.service ? `Usually: ${r.service}${r.serviceDescription && r.serviceDescription !== r.service ? ` — ${r.serviceDescription}` : ''}` : null,
  ]
    .filter((l): l is string => l !== null)
    .join('\n');
}
