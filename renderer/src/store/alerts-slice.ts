// Alerts slice: whether new listening programs raise an OS notification (desktop app only). Off
// by default; the choice is remembered on this computer.
import type { StateCreator } from 'zustand';
import type { Listener } from '../../../shared/channels/listeners';
import { notificationsFor } from '../../../shared/alerts/notify-policy';
import { api } from '../api';
import type { Store } from './index';

const STORAGE_KEY = 'port-doctor.alerts.notify';

function remembered(): boolean {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'on';
  } catch {
    return false; // storage disabled: the safe default, off
  }
}

export interface AlertsSlice {
  alertsNotify: boolean;
  alertsNotifyToggled(on: boolean): void;
  /** Called with the sockets a refresh found new; notifies only when the user turned it on. */
  alertsListenersAppeared(added: readonly Listener[]): void;
}

export const initialAlertsState = { alertsNotify: false } satisfies Partial<AlertsSlice>;

export const createAlertsSlice: StateCreator<Store, [], [], AlertsSlice> = (set, get) => ({
  ...initialAlertsState,
  alertsNotify: remembered(),
  alertsNotifyToggled: (on) => {
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, on ? 'on' : 'off');
    } catch {
      // Not remembered across launches, but on for this one: the user still gets what they asked.
    }
    set({ alertsNotify: on });
  },
  alertsListenersAppeared: (added) => {
    for (const n of notificationsFor(added, { notify: get().alertsNotify })) void api.alertsNotify(n);
  },
});
