// "Notify me when a program starts listening": shown only in the desktop app, where Electron can
// raise OS notifications; the web UI highlights new rows instead.
import { useEffect } from 'react';
import { useStore } from '../store';

export function NotifySetting() {
  const info = useStore((s) => s.appInfo);
  const requested = useStore((s) => s.appInfoRequested);
  const on = useStore((s) => s.alertsNotify);
  const toggled = useStore((s) => s.alertsNotifyToggled);
  useEffect(() => {
    if (!info) void requested();
  }, [info, requested]);
  if (info?.transport !== 'electron-ipc') return null;
  return (
    <label>
      <input type="checkbox" checked={on} onChange={(e) => toggled(e.target.checked)} data-testid="notify-toggle" /> Notify me of new listening programs
    </label>
  );
}
