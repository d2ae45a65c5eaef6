// gatherNetworkFacts: where this computer sits — LAN, router, NATs on the way out, public address.
// LAN facts first (the gateway is needed for NAT-PMP), then NAT-PMP, public address and the path
// out in parallel under one AbortSignal. Every seam is injectable for tests and the diagnosis.
import { readFile as fsReadFile } from 'node:fs/promises';
import os from 'node:os';
import type { GatewayFact, Hop, NeighbourRow, NetworkFacts, NetworkInterfaceFact, NetworkStep, PathTrace, PublicFact, RouterWanFact } from '../../../shared/network/facts';
import { addressKind } from '../../../shared/network/address-kind';
import { decideNat } from '../../../shared/network/nat-kind';
import { AppError } from '../../../shared/errors';
import { probeNat, type NatReport, type StunServer } from '../companion-client/stun-client';
import { whoami, type WhoamiOutcome } from '../companion-client/whoami';
import { describeOutcome, runCommand, type CommandRunner } from '../os/command';
import { dnsFact, runDnsTool } from './dns-servers';
import { parseMacArp, parseMacRouteGet, parseWindowsArp, parseWindowsRoutePrint } from './other-os-lan';
import { parseProcIpv6Route, parseProcNetRoute } from './linux-routes';
import { parseProcNetArp, parseResolvConf, RESOLVED_STUB } from './linux-lan';
import { lookupVendors, type LookupVendors } from './mac-vendor-client';
import { macKind } from './mac-vendor';
import { readRouterWan } from './nat-pmp';
import { tracePath } from './path';

/** route and arp print a table from memory: well under a second. */
const LAN_TOOL_TIMEOUT_MS = 5_000;

export interface GatherOptions {
  /** A companion to ask for the public address (and its STUN ports for the mapping). */
  companionUrl?: URL | null;
  /** STUN servers; with a companion they default to its own ports. Without either, the public address is not checked. */
  stunServers?: readonly StunServer[];
  signal?: AbortSignal | undefined;
  onProgress?: (step: NetworkStep, state: 'started' | 'done') => void;
  platform?: NodeJS.Platform;
  run?: CommandRunner;
  readFile?: (path: string) => Promise<string>;
  networkInterfaces?: () => NodeJS.Dict<os.NetworkInterfaceInfo[]>;
  now?: () => Date;
  /** Tests only: NAT-PMP on another port than 5351. */
  natPmpPort?: number;
  whoami?: typeof whoami;
  /** Tests of other platforms: a stand-in so no packet goes to a recorded (foreign) gateway address. */
  readRouterWan?: typeof readRouterWan;
  probeNat?: typeof probeNat;
  /** Makers of MACs (the IEEE registry in a worker thread). */
  lookupVendors?: LookupVendors;
}

export async function gatherNetworkFacts(o: GatherOptions = {}): Promise<NetworkFacts> {
  const platform = o.platform ?? process.platform;
  const readFile = o.readFile ?? ((p: string) => fsReadFile(p, 'utf8'));
  const run = o.run ?? runCommand;
  const progress = o.onProgress ?? (() => undefined);
  const step = async <T>(name: NetworkStep, work: () => Promise<T>): Promise<T> => {
    progress(name, 'started');
    try {
      return await work();
    } finally {
      progress(name, 'done');
    }
  };
  const checkedAt = (o.now ?? (() => new Date()))().toISOString();

  const lan = await step('lan', () => readLan(platform, readFile, o.networkInterfaces ?? os.networkInterfaces, run, o.signal));
  if (o.signal?.aborted) throw new AppError('CANCELLED', 'network facts');

  const target = o.companionUrl ? o.companionUrl.hostname.replace(/^\[|\]$/g, '') : (o.stunServers?.[0]?.host ?? null);
  const macs = [...lan.interfaces, ...lan.neighbours.devices].flatMap((x) => (x.mac && macKind(x.mac) === 'universal' ? [x.mac] : []));
  const [makers, routerWan, pub, path] = await Promise.all([
    readMakers(macs, o.lookupVendors ?? lookupVendors, o.signal),
    step('router-wan', () => (o.readRouterWan ?? readRouterWan)(lan.gateway.address, { signal: o.signal, ...(o.natPmpPort ? { port: o.natPmpPort } : {}) })),
    step('public', () => readPublic(o)),
    step('path', () => tracePath(target, { run, platform, signal: o.signal })),
  ]);
  if (o.signal?.aborted) throw new AppError('CANCELLED', 'network facts');

  const localAddresses = lan.interfaces.flatMap((i) => i.addresses.map((a) => a.address));
  const nat = decideNat({ localAddresses, gateway: lan.gateway.address, routerWan: routerWan.address, publicAddress: pub.address, path: path.hops });
  return {
    schemaVersion: 1,
    checkedAt,
    interfaces: lan.interfaces.map((i) => ({ ...i, ...makers.of(i.mac) })),
    gateway: lan.gateway,
    dns: lan.dns,
    neighbours: { devices: lan.neighbours.devices.map((d) => ({ ...d, ...makers.of(d.mac) })), reason: lan.neighbours.reason },
    macVendors: makers.fact,
    routerWan: routerWan satisfies RouterWanFact,
    publicAddress: pub.address,
    public: pub,
    path: path.hops satisfies Hop[],
    pathTrace: path.trace satisfies PathTrace,
    nat,
  };
}

interface Lan {
  interfaces: Omit<NetworkInterfaceFact, 'macKind' | 'vendor'>[];
  gateway: GatewayFact;
  dns: NetworkFacts['dns'];
  neighbours: { devices: NeighbourRow[]; reason: string | null };
}

interface Makers {
  fact: NetworkFacts['macVendors'];
  of(mac: string | null): Pick<NetworkInterfaceFact, 'macKind' | 'vendor'>;
}

/** Makers for the universal MACs; a failed lookup leaves every maker null and says why once. */
async function readMakers(macs: string[], lookup: LookupVendors, signal: AbortSignal | undefined): Promise<Makers> {
  let found = new Map<string, string | null>();
  let fact: NetworkFacts['macVendors'] = { state: macs.length > 0 ? 'looked-up' : 'not-checked', reason: macs.length > 0 ? null : 'no MAC address carries a maker\'s prefix' };
  if (macs.length > 0) {
    try {
      found = await lookup(macs, signal);
    } catch (e) {
      if (e instanceof AppError && e.code === 'CANCELLED') throw e;
      fact = { state: 'failed', reason: e instanceof Error ? e.message : String(e) };
    }
  }
  return { fact, of: (mac) => ({ macKind: mac ? macKind(mac) : null, vendor: mac ? (found.get(mac) ?? null) : null }) };
}

async function readLan(
  platform: NodeJS.Platform,
  readFile: (p: string) => Promise<string>,
  ifaces: () => NodeJS.Dict<os.NetworkInterfaceInfo[]>,
  run: CommandRunner,
  signal: AbortSignal | undefined,
): Promise<Lan> {
  const tryRead = async (path: string): Promise<string | Error> => {
    try {
      return await readFile(path);
    } catch (e) {
      return e instanceof Error ? e : new Error(String(e));
    }
  };
  let gateway: GatewayFact = { address: null, interfaceName: null, ipv6: null, reason: `the default gateway is not read on ${platform} yet` };
  let dns: Lan['dns'] = { servers: [], reason: `DNS servers are not read on ${platform} yet` };
  let neighbours: Lan['neighbours'] = { devices: [], reason: `the neighbour table is not read on ${platform} yet` };
  if (platform === 'linux') {
    const [route, route6, resolv, arp] = await Promise.all([tryRead('/proc/net/route'), tryRead('/proc/net/ipv6_route'), tryRead('/etc/resolv.conf'), tryRead('/proc/net/arp')]);
    const v4 = typeof route === 'string' ? parseProcNetRoute(route)[0] : undefined;
    const v6 = typeof route6 === 'string' ? parseProcIpv6Route(route6).find((r) => r.gateway) : undefined;
    gateway = {
      address: v4?.gateway ?? null,
      interfaceName: v4?.interfaceName ?? null,
      ipv6: v6?.gateway ?? null,
      reason: typeof route !== 'string' ? `/proc/net/route could not be read (${route.message})` : v4 ? (v4.gateway ? null : 'the default route has no gateway (a point-to-point link or VPN)') : 'there is no IPv4 default route',
    };
    let servers = typeof resolv === 'string' ? parseResolvConf(resolv) : [];
    if (servers.length === 1 && servers[0] === RESOLVED_STUB) {
      const upstream = await tryRead('/run/systemd/resolve/resolv.conf');
      if (typeof upstream === 'string' && parseResolvConf(upstream).length > 0) servers = parseResolvConf(upstream);
    }
    dns = { servers, reason: typeof resolv !== 'string' ? `/etc/resolv.conf could not be read (${resolv.message})` : servers.length === 0 ? 'resolv.conf names no server' : null };
    neighbours = typeof arp === 'string' ? { devices: parseProcNetArp(arp), reason: null } : { devices: [], reason: `/proc/net/arp could not be read (${arp.message})` };
  }
  if (platform === 'darwin' || platform === 'win32') {
    const text = async (file: string, args: string[]) => {
      const r = await run({ file, args, timeoutMs: LAN_TOOL_TIMEOUT_MS, signal, encoding: platform === 'win32' ? 'latin1' : 'utf8' });
      return r.kind === 'exited' && r.exitCode === 0 ? r.stdout : new Error(describeOutcome(r, file));
    };
    const [[route, arp], dnsText] = await Promise.all([
      Promise.all(platform === 'darwin' ? [text('route', ['-n', 'get', 'default']), text('arp', ['-an'])] : [text('route', ['print', '-4']), text('arp', ['-a'])]),
      runDnsTool(platform, run, signal),
    ]);
    if (typeof route === 'string') {
      const g = platform === 'darwin' ? parseMacRouteGet(route) : parseWindowsRoutePrint(route);
      const ifName = 'interfaceName' in g ? g.interfaceName : (Object.entries(ifaces()).find(([, l]) => (l ?? []).some((i) => i.address === g.interfaceAddress))?.[0] ?? null);
      gateway = { address: g.gateway, interfaceName: ifName, ipv6: null, reason: g.gateway ? null : 'there is no IPv4 default route' };
    } else {
      gateway = { ...gateway, reason: route.message };
    }
    neighbours = typeof arp === 'string' ? { devices: platform === 'darwin' ? parseMacArp(arp) : parseWindowsArp(arp), reason: null } : { devices: [], reason: arp.message };
    dns = dnsFact(platform, dnsText, { connected: Object.keys(ifaces()), preferred: gateway.interfaceName });
  }
  const interfaces = Object.entries(ifaces()).map(([name, infos]): Lan['interfaces'][number] => {
    const list = infos ?? [];
    const mac = list.find((i) => i.mac && i.mac !== '00:00:00:00:00:00')?.mac ?? null;
    return {
      name,
      mac,
      isDefaultRoute: name === gateway.interfaceName,
      addresses: list.map((i) => ({
        address: i.address,
        family: i.family === 'IPv6' ? 'ipv6' : 'ipv4',
        prefixLength: i.cidr ? Number(i.cidr.split('/')[1]) : null,
        kind: addressKind(i.address),
      })),
    };
  });
  return { interfaces, gateway, dns, neighbours };
}

async function readPublic(o: GatherOptions): Promise<PublicFact> {
  const askWhoami = o.whoami ?? whoami;
  const askStun = o.probeNat ?? probeNat;
  const mappingOf = (nat: NatReport | null): PublicFact['mapping'] => (nat ? nat.mapping : 'not-checked');
  if (o.companionUrl) {
    const stun = o.stunServers && o.stunServers.length > 0 ? o.stunServers : ('companion' as const);
    try {
      const r: WhoamiOutcome = await askWhoami(o.companionUrl, { stun, ...(o.signal ? { signal: o.signal } : {}) });
      return { address: r.publicAddress, family: r.family, source: 'companion', mapping: mappingOf(r.nat), reason: null };
    } catch (e) {
      if (e instanceof AppError && e.code === 'CANCELLED') throw e;
      return { address: null, family: null, source: 'none', mapping: 'not-checked', reason: e instanceof AppError ? e.message : String(e) };
    }
  }
  if (o.stunServers && o.stunServers.length > 0) {
    try {
      const r = await askStun(o.stunServers, { ...(o.signal ? { signal: o.signal } : {}) });
      if (r.publicAddress === null) return { address: null, family: null, source: 'none', mapping: 'unknown', reason: `no STUN server answered (${r.samples.map((s) => s.server).join(', ')})` };
      return { address: r.publicAddress, family: r.publicAddress.includes(':') ? 'ipv6' : 'ipv4', source: 'stun', mapping: r.mapping, reason: null };
    } catch (e) {
      return { address: null, family: null, source: 'none', mapping: 'not-checked', reason: e instanceof Error ? e.message : String(e) };
    }
  }
  return { address: null, family: null, source: 'none', mapping: 'not-checked', reason: 'no companion or STUN server given' };
}
