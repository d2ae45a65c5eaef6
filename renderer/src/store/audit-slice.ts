// Audit slice: the exposure audit from audit:run (sockets plus the host firewall's answers).
import type { StateCreator } from 'zustand';
import type { Audit } from '../../../shared/channels/audit';
import type { AppErrorData } from '../../../shared/result';
import { api } from '../api';
import type { Store } from './index';

export interface AuditSlice {
  auditData: Audit | null;
  auditError: AppErrorData | null;
  auditLoading: boolean;
  auditRequested(): Promise<void>;
}

export const initialAuditState = {
  auditData: null,
  auditError: null,
  auditLoading: false,
} satisfies Partial<AuditSlice>;

export const createAuditSlice: StateCreator<Store, [], [], AuditSlice> = (set, get) => ({
  ...initialAuditState,
  auditRequested: async () => {
    if (get().auditLoading) return;
    set({ auditLoading: true });
    const r = await api.auditRun({});
    set(r.ok ? { auditData: r.value, auditError: null, auditLoading: false } : { auditError: r.error, auditLoading: false });
  },
});
