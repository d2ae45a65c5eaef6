// network:facts and firewall:check handlers: thin wrappers over the network and firewall services.
import { AppError } from '../../shared/errors';
import type { Handler } from '../bridge/handler';
import { companionUrl, stunServers } from '../services/companion-client/index';
import { readHostFirewall } from '../services/firewall/index';
import { readFirewallSnapshot, snapshotCache } from '../services/firewall/snapshot';
import { firewallFactOf } from '../../shared/network/firewall-fact';
import { gatherNetworkFacts } from '../services/network/gather';
import { defaultRouteInterface } from '../services/network/default-interface';

function parsed<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof TypeError) throw new AppError('INVALID_INPUT', e.message, { cause: e });
    throw e;
  }
}

export const networkFacts: Handler<'network:facts'> = async (input, ctx) => {
  const hasCompanion = input.companionUrl !== undefined || (process.env.PD_COMPANION_URL ?? '').trim() !== '';
  const companion = hasCompanion ? parsed(() => companionUrl(input.companionUrl)) : null;
  // With a companion its own STUN ports are used unless servers were named; without one, the defaults.
  const stun = input.stunServers || !companion ? parsed(() => stunServers(input.stunServers)) : undefined;
  return gatherNetworkFacts({
    companionUrl: companion,
    ...(stun ? { stunServers: stun } : {}),
    signal: ctx.signal,
    onProgress: (step, state) => ctx.emit('network:progress', { runId: input.runId, step, state }),
  });
};


export const firewallCheck: Handler<'firewall:check'> = async (input, ctx) =>
  readHostFirewall({ port: input.port, protocol: input.protocol, program: input.program ?? null, interfaceName: await defaultRouteInterface(), signal: ctx.signal });

/**
 * One reading for every caller for a few seconds (SNAPSHOT_TTL_MS): the Listeners page asks per
 * refresh. Kernel rulesets only: ufw/firewalld add reader lines, not verdicts, and start slowly.
 */
const listRefreshReading = snapshotCache(async () => ({ snapshot: await readFirewallSnapshot({ interfaceName: await defaultRouteInterface(), frontEnds: false }), readAt: new Date().toISOString() }));

export const firewallCheckPorts: Handler<'firewall:check-ports'> = async (input) => {
  const { snapshot, readAt } = await listRefreshReading.get();
  return { readAt, answers: input.ports.map((q) => ({ ...q, fact: firewallFactOf(snapshot.answer(q.port, q.protocol)) })) };
};
