// The one place that calls Electron's Notification (new-listener alerts, issue #15): everything
// about when and what to notify is decided in shared/alerts/notify-policy.ts and the renderer.
import { Notification } from 'electron';
import type { DesktopNotify } from './handlers/alerts';

export const desktopNotify: DesktopNotify = ({ title, body }) => {
  if (!Notification.isSupported()) return false;
  new Notification({ title, body, silent: true }).show();
  return true;
};
