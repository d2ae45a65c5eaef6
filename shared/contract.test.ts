// The registry every transport is derived from: names, uniqueness, kinds, and the preload's method names.
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAME, methodName, subscriptionName } from './channel';
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
import { EVENT_NAMES, INVOKE_NAMES, eventChannels, invokeChannels, isInvokeName } from './contract';
import * as names from './contract-names';

// Must list what contract.ts spreads: a domain left out here is caught by the size checks below.
const INVOKE_TABLES: Array<Record<string, unknown>> = [alertsChannels, appChannels, auditChannels, companionChannels, diagnoseChannels, listenersChannels, networkChannels, portsChannels, probeChannels, vantageChannels, reportChannels];
const EVENT_TABLES: Array<Record<string, unknown>> = [alertsEvents, appEvents, auditEvents, companionEvents, diagnoseEvents, listenersEvents, networkEvents, portsEvents, probeEvents, vantageEvents, reportEvents];

describe('channel registry', () => {
  it('has channels of both kinds', () => {
    expect(INVOKE_NAMES.length).toBeGreaterThan(0);
    expect(EVENT_NAMES.length).toBeGreaterThan(0);
    expect(INVOKE_NAMES).toEqual(Object.keys(invokeChannels));
    expect(EVENT_NAMES).toEqual(Object.keys(eventChannels));
  });

  it.each([...Object.keys(invokeChannels), ...Object.keys(eventChannels)])('%s is domain:verb', (name) => {
    expect(name).toMatch(CHANNEL_NAME);
  });

  it('no domain table silently overrides another when spread together', () => {
    for (const [merged, tables] of [
      [invokeChannels, INVOKE_TABLES],
      [eventChannels, EVENT_TABLES],
    ] as const) {
      const all = tables.flatMap((t) => Object.entries(t));
      expect(new Set(all.map(([name]) => name)).size).toBe(all.length);
      expect(all.length).toBe(Object.keys(merged).length);
      // Every registry key maps to the very channel object its domain file declared under that key.
      for (const [name, channel] of all) expect(Object.getOwnPropertyDescriptor(merged, name)?.value, name).toBe(channel);
    }
  });

  it('invoke and event names are disjoint', () => {
    const events = new Set<string>(EVENT_NAMES);
    expect(INVOKE_NAMES.filter((n) => events.has(n))).toEqual([]);
  });

  it('each table holds only its own kind, with a summary', () => {
    for (const [name, c] of Object.entries(invokeChannels)) {
      expect(c.kind, name).toBe('invoke');
      expect(c.summary.trim().length, name).toBeGreaterThan(0);
    }
    for (const [name, c] of Object.entries(eventChannels)) {
      expect(c.kind, name).toBe('event');
      expect(c.summary.trim().length, name).toBeGreaterThan(0);
    }
  });

  it('every preload member name is distinct (methods and subscriptions share one object)', () => {
    const members = [...INVOKE_NAMES.map(methodName), ...EVENT_NAMES.map(subscriptionName)];
    expect(new Set(members).size).toBe(members.length);
  });

  it('the schema-free name lists (preload, renderer bridge) hold each contract name exactly once', () => {
    // The compiler proves the sets are equal; a duplicate entry it cannot see.
    expect([...names.INVOKE_NAMES].sort()).toEqual([...INVOKE_NAMES].sort());
    expect([...names.EVENT_NAMES].sort()).toEqual([...EVENT_NAMES].sort());
  });

  it.each(INVOKE_NAMES)('%s refuses keys its request schema does not declare', (name) => {
    const r = invokeChannels[name].request.safeParse({ unexpectedKey: 1 });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.code)).toContain('unrecognized_keys');
  });
});

describe('isInvokeName', () => {
  it('is true for every invoke channel', () => {
    for (const name of INVOKE_NAMES) expect(isInvokeName(name), name).toBe(true);
  });

  it.each([...EVENT_NAMES, 'toString', '__proto__', 'constructor', 'hasOwnProperty', 'app:Info', 'app:info ', ''])(
    'is false for %j',
    (name) => expect(isInvokeName(name)).toBe(false),
  );

  it.each([undefined, null, 42, {}, ['app:info'], Symbol('app:info')])('is false for a non-string (%s)', (value) => {
    expect(isInvokeName(value)).toBe(false);
  });
});
