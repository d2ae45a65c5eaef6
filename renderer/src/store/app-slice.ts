// App slice: engine facts for the About panel, and which page is showing.
import type { StateCreator } from 'zustand';
import type { AppInfo } from '../../../shared/channels/app';
import type { AppErrorData } from '../../../shared/result';
import { api } from '../api';
import type { Store } from './index';

export interface AppSlice {
  page: string;
  appInfo: AppInfo | null;
  appInfoError: AppErrorData | null;
  appInfoLoading: boolean;
  pageSelected(page: string): void;
  appInfoRequested(): Promise<void>;
}

export const initialAppState = {
  page: 'about',
  appInfo: null,
  appInfoError: null,
  appInfoLoading: false,
} satisfies Partial<AppSlice>;

export const createAppSlice: StateCreator<Store, [], [], AppSlice> = (set) => ({
  ...initialAppState,
  pageSelected: (page) => set({ page }),
  appInfoRequested: async () => {
    set({ appInfoLoading: true, appInfoError: null });
    const r = await api.appInfo({});
    set(r.ok ? { appInfo: r.value, appInfoLoading: false } : { appInfoError: r.error, appInfoLoading: false });
  },
});
