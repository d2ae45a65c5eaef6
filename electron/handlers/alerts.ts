// alerts:* handlers. The notification itself is a seam: the Electron shell passes one that uses
// Electron's Notification (electron/notify-desktop.ts); under `serve` there is none.
import { AppError } from '../../shared/errors';
import type { Handler } from '../bridge/handler';

/** Shows one OS notification; false when the OS does not support them. */
export type DesktopNotify = (n: { title: string; body: string }) => boolean;

export function alertsHandlers(notify: DesktopNotify | null) {
  const alertsNotify: Handler<'alerts:notify'> = async (input) => {
    if (!notify) throw new AppError('NOT_SUPPORTED', 'OS notifications need the desktop app; the web UI highlights new listeners instead');
    return { shown: notify({ title: input.title, body: input.body }) };
  };
  return { 'alerts:notify': alertsNotify };
}
