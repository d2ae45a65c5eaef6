// The one store, built from slices (one file each). Each page's slice adds one import, one type
// and one spread line here.
import { create } from 'zustand';
import { createAlertsSlice, type AlertsSlice } from './alerts-slice';
import { createAppSlice, type AppSlice } from './app-slice';
import { createAuditSlice, type AuditSlice } from './audit-slice';
import { createConnectionSlice, type ConnectionSlice } from './connection-slice';
import { createListenersSlice, type ListenersSlice } from './listeners-slice';
import { createNetworkSlice, type NetworkSlice } from './network-slice';
import { createOutsideSlice, type OutsideSlice } from './outside-slice';
import { createPortCheckSlice, type PortCheckSlice } from './port-check-slice';
import { createReferenceSlice, type ReferenceSlice } from './reference-slice';
import { createReportSlice, type ReportSlice } from './report-slice';
import { createWizardSlice, type WizardSlice } from './wizard-slice';

export type Store = AlertsSlice & AppSlice & AuditSlice & ConnectionSlice & ListenersSlice & NetworkSlice & OutsideSlice & PortCheckSlice & ReferenceSlice & ReportSlice & WizardSlice;

export const useStore = create<Store>()((...a) => ({
  ...createAlertsSlice(...a),
  ...createAppSlice(...a),
  ...createAuditSlice(...a),
  ...createConnectionSlice(...a),
  ...createListenersSlice(...a),
  ...createNetworkSlice(...a),
  ...createOutsideSlice(...a),
  ...createPortCheckSlice(...a),
  ...createReferenceSlice(...a),
  ...createReportSlice(...a),
  ...createWizardSlice(...a),
}));
