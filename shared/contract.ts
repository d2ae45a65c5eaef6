// The bridge contract: every channel the renderer may use, declared once. Each domain adds one
// import and one spread below; both transports and the preload are derived from these tables.
import type { z } from 'zod';
import type { EventChannel, InvokeChannel } from './channel';
import { alertsChannels, alertsEvents } from './channels/alerts';
import { appChannels, appEvents } from './channels/app';
import { auditChannels, auditEvents } from './channels/audit';
import { companionChannels, companionEvents } from './channels/companion';
import { diagnoseChannels, diagnoseEvents } from './channels/diagnose';
import { listenersChannels, listenersEvents } from './channels/listeners';
import { networkChannels, networkEvents } from './channels/network';
import { portsChannels, portsEvents } from './channels/ports';
import { probeChannels, probeEvents } from './channels/probe';
import { vantageChannels, vantageEvents } from './channels/vantage';
import { reportChannels, reportEvents } from './channels/report';

export const invokeChannels = {
  ...alertsChannels,
  ...appChannels,
  ...auditChannels,
  ...companionChannels,
  ...diagnoseChannels,
  ...listenersChannels,
  ...networkChannels,
  ...portsChannels,
  ...probeChannels,
  ...vantageChannels,
  ...reportChannels,
} as const satisfies Record<string, InvokeChannel>;

export const eventChannels = {
  ...alertsEvents,
  ...appEvents,
  ...auditEvents,
  ...companionEvents,
  ...diagnoseEvents,
  ...listenersEvents,
  ...networkEvents,
  ...portsEvents,
  ...probeEvents,
  ...vantageEvents,
  ...reportEvents,
} as const satisfies Record<string, EventChannel>;

export type InvokeChannels = typeof invokeChannels;
export type EventChannels = typeof eventChannels;
export type InvokeName = keyof InvokeChannels;
export type EventName = keyof EventChannels;

export type RequestOf<C extends InvokeName> = z.input<InvokeChannels[C]['request']>;
export type ParsedRequestOf<C extends InvokeName> = z.output<InvokeChannels[C]['request']>;
export type ResponseOf<C extends InvokeName> = z.output<InvokeChannels[C]['response']>;
export type PayloadOf<E extends EventName> = z.output<EventChannels[E]['payload']>;

export const INVOKE_NAMES = Object.keys(invokeChannels) as InvokeName[];
export const EVENT_NAMES = Object.keys(eventChannels) as EventName[];

export function isInvokeName(name: unknown): name is InvokeName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(invokeChannels, name);
}
