// The diagnosis pipeline: plan → gather (parallel, one AbortController, one budget) → evidence → document.
import type { Listener } from '../../../shared/channels/listeners';
import { no, notChecked, yes, type DiagnosisDocument, type Evidence, type Fact, type OutsideEvidence, type Plan, type PortEvidence, type Target } from '../../../shared/diagnosis/index';
import { CUSTOM_PRESET, presetById } from '../../../shared/presets/index';
import { parseStunServer } from '../companion-client/stun-client';
import { gatherNetworkFacts } from '../network/gather';
import { defaultListenersDeps, listListeners } from '../listeners/index';
import { inThreadCollector } from '../listeners/linux/in-thread';
import { assemble } from './assemble';
import { DIAGNOSIS_BUDGET_MS, HAIRPIN_CONNECT_MS, LOCAL_STEP_MS, NETWORK_STEP_MS, OUTSIDE_SKIPPED_ROLES } from './budget';
import { firewallPresence, readFirewallFact } from './gather/firewall';
import { tcpHairpin } from './gather/hairpin';
import { acceptsIpv4 } from './gather/v6only';
import { localFacts, relayFromCommandLine, type LocalPortFacts } from './gather/local';
import { outsideProbes, type OutsideProbe, type OutsideSeams } from './gather/outside';
import { globalIpv6Address, interfaceOf, sourceAddressTowards } from './gather/route';
import { stepRunner, type StepProgress } from './gather/steps';

export type { StepProgress };

export interface DiagnosisSeams extends OutsideSeams {
  listListeners?: (signal: AbortSignal) => Promise<Listener[]>;
  /**
   * The network engine (default: gatherNetworkFacts). Tests outside a lab namespace pass one whose
   * route reads fail, so no NAT-PMP request goes to the machine's real gateway (LAB.md).
   */
  gatherNetwork?: typeof gatherNetworkFacts;
  onProgress?: (p: StepProgress) => void;
  budgetMs?: number;
  now?: () => Date;
}

const OTHER = { tcp: 'udp', udp: 'tcp' } as const;

const NAT_WORDS = { none: 'no NAT', single: 'one NAT (your router)', double: 'two NATs in a row (double NAT)', cgnat: 'your provider\'s shared NAT (CGNAT)', unknown: 'NAT kind unknown' } as const;

function untested(why: 'no-companion' | 'not-applicable' | 'timed-out' | 'failed' | 'cancelled', reason: string): OutsideEvidence {
  const f = notChecked(why, reason);
  return { vantage: null, state: null, reason: null, reachedThisComputer: f, answered: f, verifiedBy: null, testListener: f, rttMs: null };
}

const osName = (): Evidence['os'] => (process.platform === 'linux' || process.platform === 'darwin' || process.platform === 'win32' ? process.platform : 'other');

/** Where to aim the no-packet route lookup: the companion's host, else the first STUN server. */
function routeProbeTarget(plan: Plan): { host: string; port: number } | null {
  if (plan.companion) {
    const u = new URL(plan.companion);
    return { host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port) || 443 };
  }
  const s = plan.stunServers[0];
  return s ? parseStunServer(s) : null;
}

export async function runDiagnosis(plan: Plan, seams: DiagnosisSeams = {}): Promise<DiagnosisDocument> {
  const started = performance.now();
  const collectedAt = (seams.now ?? (() => new Date()))().toISOString();
  const budget = AbortSignal.timeout(seams.budgetMs ?? DIAGNOSIS_BUDGET_MS);
  const signal = seams.signal ? AbortSignal.any([seams.signal, budget]) : budget;
  const steps = stepRunner(signal, seams.onProgress ?? (() => undefined));
  const preset = presetById(plan.presetId) ?? CUSTOM_PRESET;
  const companion = plan.companion ? new URL(plan.companion) : null;
  // Default: the engine in this thread (a one-shot CLI run); the app passes its warm worker engine.
  const list = seams.listListeners ?? (async (s: AbortSignal) => (await listListeners({}, defaultListenersDeps(inThreadCollector(), s))).listeners);

  // Network: this computer's address towards the internet (no packet sent), and the network
  // engine's facts (gateway, router WAN by NAT-PMP, public address, path, NAT kind) in parallel.
  const factsP = (seams.gatherNetwork ?? gatherNetworkFacts)({ companionUrl: companion, stunServers: plan.stunServers.map(parseStunServer), signal });
  // The route lookup is local and instant: it must not wait for (or fail with) the slower facts.
  const routeP = (async () => {
    const to = routeProbeTarget(plan);
    return to ? sourceAddressTowards(to.host, to.port) : null;
  })();
  const networkP = steps.run('network', NETWORK_STEP_MS, async () => {
    const [lanAddress, facts] = await Promise.all([routeP, factsP]);
    const v6 = globalIpv6Address();
    return {
      value: { lanAddress, lanInterface: lanAddress ? interfaceOf(lanAddress) : null, v6, facts },
      note: `${lanAddress ? `this computer is ${lanAddress}` : 'no route to the internet found'}; ${NAT_WORDS[facts.nat.kind]}`,
    };
  });
  const publicP = steps.run('public-address', NETWORK_STEP_MS, async () => {
    const f = await factsP;
    const address = f.publicAddress;
    const mapping = f.public.mapping === 'not-checked' ? null : f.public.mapping;
    return { value: { address, source: f.public.source === 'none' ? null : f.public.source, mapping }, note: address ? `${address}${mapping ? `, NAT mapping ${mapping}` : ''}` : (f.public.reason ?? 'no companion or STUN server answered') };
  });

  const listenersR = await steps.run('listeners', LOCAL_STEP_MS, async (s) => {
    const rows = await list(s);
    const held = plan.targets.filter((t) => rows.some((r) => r.port === t.port && r.protocol === t.protocol));
    return { value: rows, note: held.length === 0 ? 'nothing listens on these ports' : `listening: ${held.map((t) => `${t.protocol.toUpperCase()} ${t.port}`).join(', ')}` };
  });
  const rows = listenersR.ok ? listenersR.value : null;
  // The instant route lookup, not the network step: the outside test must not wait for NAT-PMP,
  // whoami/STUN and the traced path (≈ 0.5–1 s) before it starts (bench:diagnose).
  const lanAddress = await routeP;
  const lanInterface = lanAddress ? interfaceOf(lanAddress) : null;

  const local: LocalPortFacts[] = plan.targets.map((t) => {
    if (listenersR.ok) return localFacts(t, listenersR.value, lanAddress, preset);
    const f = notChecked(listenersR.state === 'timed-out' ? 'timed-out' : listenersR.state === 'cancelled' ? 'cancelled' : 'failed', listenersR.note);
    return { listening: f, sockets: [], loopbackOnly: f, boundWhereFriendsArrive: f, usualProgram: f };
  });

  // A TCP server on `::` only: does it take IPv4 (friends' forwarded traffic) too?
  await Promise.all(
    plan.targets.map(async (t, i) => {
      const l = local[i];
      if (!l || t.protocol !== 'tcp' || !lanAddress || lanAddress.includes(':') || l.listening.state !== 'yes') return;
      if (!l.sockets.every((k) => k.address === '::')) return;
      if ((await acceptsIpv4(lanAddress, t.port)) === false) l.boundWhereFriendsArrive = no(`listens on IPv6 only (::); friends arrive over IPv4 at ${lanAddress}`);
    }),
  );

  let firewallAnswers: Parameters<typeof firewallPresence>[0] = [];
  const firewallP = steps.run('firewall', LOCAL_STEP_MS, async (s) => {
    const reads = await Promise.all(plan.targets.map((t, i) => readFirewallFact(t, lanInterface, s, local[i]?.sockets[0]?.process ?? null)));
    const facts = reads.map((r) => r.fact);
    firewallAnswers = reads.map((r) => r.answer);
    const blocked = plan.targets.filter((_, i) => facts[i]?.state === 'no');
    const unknown = facts.every((f) => f.state === 'not-checked');
    return { value: facts, note: unknown ? (facts[0]?.state === 'not-checked' ? facts[0].reason : 'not checked') : blocked.length ? `blocks ${blocked.map((t) => `${t.protocol.toUpperCase()} ${t.port}`).join(', ')}` : 'lets these ports in' };
  });

  // Outside, round 1: every needed port (and the query port) whose server is where friends arrive, or free for a test listener.
  const outside: OutsideEvidence[] = plan.targets.map(() => untested('no-companion', 'no companion configured: test with your phone or a friend, or configure a companion'));
  const testable = plan.targets.flatMap((t, i) => {
    if (OUTSIDE_SKIPPED_ROLES.has(t.role)) {
      outside[i] = untested('not-applicable', 'an admin port: friends never need it, so it is not tested from outside');
      return [];
    }
    const l = local[i];
    if (l && (l.loopbackOnly.state === 'yes' || l.boundWhereFriendsArrive.state === 'no')) {
      outside[i] = untested('not-applicable', 'the server does not listen where friends arrive: fix that first');
      return [];
    }
    return [i];
  });
  const probeOf = (t: Target): OutsideProbe => ({ port: t.port, protocol: t.protocol, query: preset.confirm.find((c) => c.port === t.port && c.protocol === t.protocol && c.kind !== 'minecraft-java')?.kind === 'raknet' ? 'raknet-ping' : 'a2s-info' });
  const otherReached: Fact[] = plan.targets.map(() => notChecked('not-applicable', 'the port itself was reachable or not tested'));
  let routerRefuses: Fact = notChecked('not-applicable', 'no port was refused from outside');
  if (!companion) {
    steps.skip('outside', 'no companion configured: use the phone or friend test');
    steps.skip('test-listener', 'no companion configured');
    steps.skip('other-protocol', 'no companion configured');
  } else if (testable.length === 0) {
    steps.skip('outside', 'nothing to test from outside yet');
    steps.skip('test-listener', 'nothing to test');
    steps.skip('other-protocol', 'nothing to test');
  } else {
    const round1 = await steps.run('outside', DIAGNOSIS_BUDGET_MS, async (s) => {
      const res = await outsideProbes(companion, testable.map((i) => probeOf(plan.targets[i]!)), { ...seams, signal: s });
      const reached = res.filter((r) => r.reachedThisComputer.state === 'yes').length;
      return { value: res, note: `${reached} of ${res.length} reached this computer from the internet` };
    });
    if (round1.ok) round1.value.forEach((r, k) => (outside[testable[k]!] = r));
    else for (const i of testable) outside[i] = untested(round1.state === 'timed-out' ? 'timed-out' : round1.state === 'cancelled' ? 'cancelled' : 'failed', round1.note);
    const listenerUsed = testable.filter((i) => outside[i]?.testListener.state === 'yes');
    if (listenerUsed.length > 0) steps.skip('test-listener', `nothing listened on ${listenerUsed.map((i) => `${plan.targets[i]!.protocol.toUpperCase()} ${plan.targets[i]!.port}`).join(', ')}: Port Doctor listened in its place`);
    else steps.skip('test-listener', 'the server holds every tested port');

    // Round 2, only for failures: the other protocol of a failed needed port, and a control port when one was refused.
    const failed = testable.filter((i) => plan.targets[i]!.needed && round1.ok && outside[i]!.reachedThisComputer.state !== 'yes' && outside[i]!.state !== 'open');
    const followUps: { probe: OutsideProbe; apply: (r: OutsideEvidence) => void }[] = [];
    for (const i of failed) {
      const t = plan.targets[i]!;
      const other = OTHER[t.protocol];
      const already = plan.targets.findIndex((u) => u.port === t.port && u.protocol === other);
      if (already >= 0 && outside[already]?.state !== null) {
        const o = outside[already]!;
        otherReached[i] = o.reachedThisComputer.state === 'yes' || (other === 'udp' && o.state === 'open') ? yes(`${other.toUpperCase()} ${t.port} reached`) : no(`${other.toUpperCase()} ${t.port}: ${o.state}`);
        continue;
      }
      followUps.push({
        probe: { port: t.port, protocol: other, query: 'a2s-info' },
        apply: (o) => (otherReached[i] = o.reachedThisComputer.state === 'yes' || (other === 'udp' && o.state === 'open') ? yes(`${other.toUpperCase()} ${t.port} reached this computer`) : no(`${other.toUpperCase()} ${t.port}: ${o.state}`)),
      });
    }
    if (failed.some((i) => outside[i]!.state === 'closed')) {
      const heldTcp = new Set((rows ?? []).filter((r) => r.protocol === 'tcp').map((r) => r.port));
      let control = 45_000 + Math.floor(Math.random() * 15_000);
      while (heldTcp.has(control)) control++;
      followUps.push({ probe: { port: control, protocol: 'tcp', control: true }, apply: (o) => (routerRefuses = o.state === 'closed' ? yes(`TCP ${control}, forwarded nowhere, was refused too`) : o.state === 'filtered' ? no(`TCP ${control}, forwarded nowhere, got silence`) : notChecked('failed', `TCP ${control} was ${o.state}`)) });
    }
    if (followUps.length === 0) steps.skip('other-protocol', failed.length === 0 ? 'every tested port reached this computer' : 'both protocols were already tested');
    else {
      const r2 = await steps.run('other-protocol', DIAGNOSIS_BUDGET_MS, async (s) => {
        const res = await outsideProbes(companion, followUps.map((f) => f.probe), { ...seams, signal: s });
        res.forEach((r, k) => followUps[k]!.apply(r));
        return { value: null, note: res.map((r, k) => `${followUps[k]!.probe.control ? 'control ' : ''}${followUps[k]!.probe.protocol.toUpperCase()} ${followUps[k]!.probe.port}: ${r.state}`).join(', ') };
      });
      if (!r2.ok) for (const i of failed) otherReached[i] = notChecked(r2.state === 'timed-out' ? 'timed-out' : 'failed', r2.note);
    }
  }

  const networkR = await networkP;
  const pub = await publicP;
  const publicAddress = pub.ok ? pub.value.address : null;
  // Hairpin: only where friends can connect, over TCP to a program holding the port.
  const hairpin: Fact[] = plan.targets.map(() => notChecked('not-applicable', 'only tested for TCP ports that reach this computer'));
  const hairpinIdx = plan.targets.flatMap((t, i) => (t.protocol === 'tcp' && outside[i]?.reachedThisComputer.state === 'yes' && local[i]?.listening.state === 'yes' ? [i] : []));
  if (publicAddress && hairpinIdx.length > 0) {
    await steps.run('hairpin', HAIRPIN_CONNECT_MS * 2, async (s) => {
      const facts = await Promise.all(hairpinIdx.map((i) => tcpHairpin(publicAddress, plan.targets[i]!.port, HAIRPIN_CONNECT_MS, s)));
      facts.forEach((f, k) => (hairpin[hairpinIdx[k]!] = f));
      return { value: null, note: facts.every((f) => f.state === 'yes') ? 'your public address works from here too' : 'your public address does not work from inside (no NAT loopback)' };
    });
  } else steps.skip('hairpin', publicAddress ? 'no TCP port reached this computer' : 'public address unknown');

  const fw = await firewallP;
  const firewallFacts = fw.ok ? fw.value : plan.targets.map(() => notChecked(fw.state === 'timed-out' ? 'timed-out' : 'failed', fw.note));
  const relayByFlag = rows ? relayFromCommandLine(preset, rows, plan.targets) : null;
  const relayMode = plan.relayMode ?? relayByFlag;
  const nat = networkR.ok ? networkR.value.facts.nat : null;
  const natFact = (kind: 'cgnat' | 'double'): Fact => {
    if (!networkR.ok) return notChecked(networkR.state === 'timed-out' ? 'timed-out' : 'failed', networkR.note);
    if (!nat || nat.kind === 'unknown') return notChecked('unavailable', nat?.evidence.join(' ') || 'the router did not say its internet-side address and the path was not traced');
    return nat.kind === kind ? yes(nat.evidence.join(' ').slice(0, 500)) : no(nat.evidence.join(' ').slice(0, 500) || null);
  };
  const presence = firewallPresence(firewallAnswers);

  const ports: PortEvidence[] = plan.targets.map((t, i) => ({
    port: t.port,
    protocol: t.protocol,
    needed: t.needed,
    role: t.role,
    label: t.label,
    ...local[i]!,
    firewallAllows: firewallFacts[i]!,
    outside: outside[i]!,
    hairpinWorks: hairpin[i]!,
    otherProtocolReached: otherReached[i]!,
  }));
  const evidence: Evidence = {
    collectedAt,
    durationMs: Math.round(performance.now() - started),
    os: osName(),
    network: {
      lanAddress,
      lanInterface,
      gateway: networkR.ok ? networkR.value.facts.gateway.address : null,
      routerWanAddress: networkR.ok ? networkR.value.facts.routerWan.address : null,
      publicAddress,
      publicAddressSource: pub.ok ? pub.value.source : null,
      behindCgnat: natFact('cgnat'),
      doubleNat: natFact('double'),
      natMapping: pub.ok ? pub.value.mapping : null,
      routerRefusesUnforwarded: routerRefuses,
      globalIpv6: networkR.ok ? (networkR.value.v6 ? yes(networkR.value.v6) : no()) : notChecked('failed', networkR.note),
    },
    firewall: {
      active: presence.active,
      product: presence.product,
      publicProfile: osName() === 'win32' ? notChecked('not-available-yet', 'not available yet') : notChecked('not-applicable', 'network profiles are a Windows thing'),
    },
    server: {
      relayModeInUse: relayMode ? yes(plan.relayMode ? 'you said so' : `${relayByFlag} on the server's command line`) : preset.relayModes.length > 0 ? no() : notChecked('not-applicable', 'this game has no relay mode'),
      relayMode,
    },
    ports,
    steps: steps.records,
  };
  return assemble(plan, evidence);
}
