// A listening socket in words, once for the Listeners page, the CLI table and the report: its
// endpoint and the program that owns it (or why none is named). Who can reach it: exposure.ts.
import type { Listener } from '../channels/listeners';

/** Bracketed IPv6 so `address:port` stays unambiguous, as ss and browsers write it. */
export function endpointText(r: Pick<Listener, 'family' | 'address' | 'port'>): string {
  return r.family === 6 ? `[${r.address}]:${r.port}` : `${r.address}:${r.port}`;
}

/** The owning program's name, or "Unknown (why)" — never a bare "?" or an empty cell. */
export function ownerText(r: Pick<Listener, 'pid' | 'process' | 'ownerUnknownReason'>, elevated: boolean): string {
  if (r.pid !== null) return r.process ?? `pid ${r.pid}`;
  switch (r.ownerUnknownReason) {
    case 'permission':
      return elevated ? 'Unknown (hidden by the system)' : 'Unknown (another user’s — run elevated to see)';
    case 'vanished':
      return 'Unknown (the program exited)';
    case 'not-found':
    case null:
      return 'Unknown (no visible program)';
  }
}
