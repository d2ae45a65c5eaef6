// New-listener detection across refreshes, pure: which sockets appeared or went away since the
// last list, and since when each new one has been there. The first list is the baseline: nothing
// in it is "new", because we do not know when it started.
import type { Listener } from '../channels/listeners';

/** One socket across refreshes: the same key the Listeners table selects rows by. */
export function listenerKey(l: Pick<Listener, 'protocol' | 'family' | 'address' | 'port' | 'pid'>): string {
  return `${l.protocol}|${l.family}|${l.address}|${l.port}|${l.pid ?? '-'}`;
}

export interface ChangeTracker {
  /** Keys in the last list. */
  readonly known: ReadonlySet<string>;
  /** Keys that appeared after the baseline and are still listening → ISO time first seen. */
  readonly newSince: ReadonlyMap<string, string>;
}

export interface ListenerChanges {
  tracker: ChangeTracker;
  /** Sockets in this list that were not in the previous one (empty for the baseline). */
  added: Listener[];
  /** Sockets in the previous list that are gone now. */
  removed: string[];
}

/** Compares `rows` (read at `at`) with the tracker of the previous list; null starts a baseline. */
export function trackChanges(previous: ChangeTracker | null, rows: readonly Listener[], at: string): ListenerChanges {
  const known = new Set(rows.map(listenerKey));
  if (previous === null) return { tracker: { known, newSince: new Map() }, added: [], removed: [] };
  const added = rows.filter((r) => !previous.known.has(listenerKey(r)));
  const removed = [...previous.known].filter((k) => !known.has(k));
  const newSince = new Map<string, string>();
  for (const [k, t] of previous.newSince) if (known.has(k)) newSince.set(k, t);
  for (const r of added) newSince.set(listenerKey(r), at);
  return { tracker: { known, newSince }, added, removed };
}
