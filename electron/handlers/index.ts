// The handler table: one entry per invoke channel in shared/contract.ts (the type makes a
// missing or extra entry a compile error). Each domain adds one import and one line.
import type { HandlerTable } from '../bridge/handler';
import { alertsHandlers, type DesktopNotify } from './alerts';
import { appInfo } from './app';
import { auditRun } from './audit';
import { companionCheck, companionWhoami, natDetect } from './companion';
import { diagnoseCancel, diagnoseReconsider, diagnoseRun } from './diagnose';
import { listenersList } from './listeners';
import { firewallCheck, firewallCheckPorts, networkFacts } from './network';
import { portsLookup } from './ports';
import { probeCancel, probeRun } from './probe';
import { vantageCancel, vantageInvite, vantageReach } from './vantage';
import { reportHandlers, type DesktopReportSeams } from './report';

/**
 * `desktop` carries what only the Electron shell can do (save dialog, PDF), `notify` its OS
 * notifications; both null under `serve` and in tests.
 */
export function createHandlerTable(desktop: DesktopReportSeams | null = null, notify: DesktopNotify | null = null): HandlerTable {
  return {
    ...alertsHandlers(notify),
    'app:info': appInfo,
    'audit:run': auditRun,
    'companion:whoami': companionWhoami,
    'companion:check': companionCheck,
    'nat:detect': natDetect,
    'diagnose:run': diagnoseRun,
    'diagnose:reconsider': diagnoseReconsider,
    'diagnose:cancel': diagnoseCancel,
    'listeners:list': listenersList,
    'network:facts': networkFacts,
    'firewall:check': firewallCheck,
    'firewall:check-ports': firewallCheckPorts,
    'ports:lookup': portsLookup,
    'probe:run': probeRun,
    'probe:cancel': probeCancel,
    'vantage:invite': vantageInvite,
    'vantage:cancel': vantageCancel,
    'vantage:reach': vantageReach,
    ...reportHandlers(desktop),
  };
}
