// The channel names alone, for the preload and the renderer's bridge: they need names, not
// schemas, and importing the contract would put zod and every schema into the sandboxed preload.
// The compiler keeps these lists equal to the contract's keys (both directions, below).
import type { EventName, InvokeName } from './contract';

export const INVOKE_NAMES = ['alerts:notify', 'app:info', 'audit:run', 'companion:whoami', 'companion:check', 'nat:detect', 'diagnose:run', 'diagnose:reconsider', 'diagnose:cancel', 'listeners:list', 'network:facts', 'firewall:check', 'firewall:check-ports', 'ports:lookup', 'probe:run', 'probe:cancel', 'vantage:invite', 'vantage:cancel', 'vantage:reach', 'report:build', 'report:save'] as const satisfies readonly InvokeName[];
export const EVENT_NAMES = ['diagnose:progress', 'probe:progress', 'network:progress', 'vantage:ready', 'vantage:arrival'] as const satisfies readonly EventName[];

type Missing<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : { missing: Exclude<All, Listed> };
const _invokeComplete: Missing<InvokeName, (typeof INVOKE_NAMES)[number]> = true;
const _eventsComplete: Missing<EventName, (typeof EVENT_NAMES)[number]> = true;
