// Which OS notifications a refresh deserves, pure: none unless the user turned them on, none for
// the baseline, and never a burst (a server starting 40 sockets is one notification, not 40).
import type { Listener } from '../channels/listeners';
import { EXPOSURE_TEXT } from '../ports/words';

/** More new sockets than this in one refresh are summed up in one notification. */
export const MAX_NOTIFICATIONS_PER_REFRESH = 3;

export interface AlertNotification {
  title: string;
  body: string;
}

function describe(l: Listener): string {
  const who = l.pid === null ? 'A program' : `${l.process ?? 'A program'} (pid ${l.pid})`;
  return `${who} listens on ${l.protocol.toUpperCase()} ${l.port}, reachable from ${EXPOSURE_TEXT[l.exposure]}.`;
}

export function notificationsFor(added: readonly Listener[], settings: { notify: boolean }): AlertNotification[] {
  if (!settings.notify || added.length === 0) return [];
  if (added.length <= MAX_NOTIFICATIONS_PER_REFRESH) return added.map((l) => ({ title: 'New listening program', body: describe(l) }));
  const ports = [...new Set(added.map((l) => l.port))].sort((a, b) => a - b);
  const shown = ports.slice(0, 8).join(', ') + (ports.length > 8 ? ', …' : '');
  return [{ title: `${added.length} new listening sockets`, body: `New on ports ${shown}. Open Port Doctor's Listeners page to see which programs.` }];
}
