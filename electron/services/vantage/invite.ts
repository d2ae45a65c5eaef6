// A test from outside: listen on the port (or watch it when a program holds it), hand out links and
// a friend code, report each arrival with the path it took, end on count, timeout or cancel.
import os from 'node:os';
import type { Arrival, ArrivalPath, ArrivalVia, InviteNote, InviteOutcome, InviteReady } from '../../../shared/channels/vantage';
import { AppError } from '../../../shared/errors';
import type { StunServer } from '../companion-client/stun-client';
import { connectionTableFor, currentPlatform, type ConnectionTable } from '../listeners/connections';
import { hostPort, lanAddresses, linkOf, localNets, pathOf, type Interfaces } from './addresses';
import { encodeFriendCode } from './friend-code';
import { readGateways, type ReadGateways } from './gateways';
import { openHttpTestListener, type OpenListener } from './http-listener';
import type { OpenFailure } from './listen-errors';
import { stunPublicAddress, type LookupPublicAddress } from './public-address';
import { newSecret, secretPath, systemRandom, type Random } from './secret';
import { watchErrorText, watchTcpPeers } from './socket-watch';
import { openUdpTestListener } from './udp-listener';

export interface InviteSeams {
  interfaces?: () => Interfaces;
  readGateways?: ReadGateways;
  /** The socket table watched when a program holds a TCP port; null = this OS has none. */
  connectionTable?: ConnectionTable | null;
  lookupPublicAddress?: LookupPublicAddress;
  random?: Random;
  hostname?: () => string;
  now?: () => Date;
}

export interface InviteOptions {
  testId: string;
  port: number;
  protocol: 'tcp' | 'udp';
  timeoutMs: number;
  /** End after this many arrivals; undefined = until timeout or cancel. */
  count?: number | undefined;
  stun: readonly StunServer[];
  signal: AbortSignal;
  onReady(ready: InviteReady): void;
  onArrival(arrival: Arrival): void;
  seams?: InviteSeams;
}

export async function runInvite(o: InviteOptions): Promise<InviteOutcome> {
  if (!Number.isInteger(o.port) || o.port < 1 || o.port > 65535) throw new RangeError(`port must be 1–65535, got ${o.port}`);
  if (!(o.timeoutMs > 0)) throw new RangeError(`timeout must be positive, got ${o.timeoutMs}`);
  const s = o.seams ?? {};
  const now = s.now ?? (() => new Date());
  const secret = newSecret(s.random ?? systemRandom);
  const nets = localNets((s.interfaces ?? os.networkInterfaces)());
  const lanAddress = lanAddresses(nets)[0] ?? null;
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  o.signal.addEventListener('abort', onAbort, { once: true });
  const arrivals: Arrival[] = [];
  const seen = new Set<string>();
  let watchError: string | null = null;
  let finish: (by: InviteOutcome['endedBy']) => void = () => undefined;
  const ended = new Promise<InviteOutcome['endedBy']>((resolve) => (finish = resolve));
  let gateways: string[] = [];

  const arrive = (address: string, port: number, path: ArrivalPath, via: ArrivalVia, dedupeKey: string): void => {
    if (stop.signal.aborted || seen.has(dedupeKey)) return;
    seen.add(dedupeKey);
    const a: Arrival = { from: hostPort(address, port), address, port, path, via, at: now().toISOString() };
    arrivals.push(a);
    o.onArrival(a);
    if (o.count !== undefined && arrivals.length >= o.count) finish('count');
  };

  let listener: OpenListener | OpenFailure | null = null;
  try {
    const [pub, gw] = await Promise.all([
      (s.lookupPublicAddress ?? stunPublicAddress)(o.stun, stop.signal),
      (s.readGateways ?? readGateways)(),
    ]);
    gateways = gw;
    if (o.signal.aborted) throw new AppError('CANCELLED');
    const computer = (s.hostname ?? os.hostname)();
    listener =
      o.protocol === 'tcp'
        ? await openHttpTestListener({
            port: o.port,
            secret,
            computer,
            publicAddress: pub.address,
            onVisit: (v) => {
              const path = pathOf(v.address, nets, { viaPublic: v.viaPublic, gateways });
              if (path === null) return true;
              arrive(v.address, v.port, path, 'link', `link|${v.address}|${path}`);
              return false;
            },
          })
        : await openUdpTestListener({
            port: o.port,
            secret,
            // reach always sends to the public address in the code: from inside, that is hairpin.
            onReach: (p) => {
              const path = pathOf(p.address, nets, { viaPublic: true, gateways });
              if (path !== null) arrive(p.address, p.port, path, 'code', `code|${p.address}|${path}`);
            },
          });
    if (listener === 'denied') {
      throw new AppError('PERMISSION_DENIED', `opening port ${o.port}/${o.protocol} for the test${o.port < 1024 ? ' (ports below 1024 need administrator rights)' : ''}`);
    }
    const held = listener === 'in-use';
    const notes: InviteNote[] = [];
    let watching = false;
    if (held && o.protocol === 'tcp') {
      const table = s.connectionTable === undefined ? connectionTableFor(currentPlatform()) : s.connectionTable;
      if (table === null) watchError = 'Port Doctor has no reader for this operating system\'s connection table';
      else {
        try {
          await watchTcpPeers({
            port: o.port,
            table,
            signal: stop.signal,
            // This computer's own connections are no arrival; the router's (hairpin) are: pathOf decides.
            onPeer: (p) => {
              const path = pathOf(p.address, nets, { viaPublic: false, gateways });
              if (path !== null) arrive(p.address, p.port, path, 'socket-table', `table|${p.address}`);
            },
            onFailure: (e) => {
              watchError = watchErrorText(e);
              finish('watch-failed');
            },
          });
          watching = true;
        } catch (e) {
          if (stop.signal.aborted) throw new AppError('CANCELLED');
          watchError = watchErrorText(e);
        }
      }
      notes.push(watching ? 'tcp-held-page-not-served' : 'tcp-held-unwatched');
    }
    if (held && o.protocol === 'udp') notes.push('udp-held-invisible');
    const path = secretPath(secret);
    const tcp = o.protocol === 'tcp';
    if (tcp && lanAddress === null) notes.push('no-lan-address');
    if (pub.address === null) notes.push('no-public-address');
    o.onReady({
      testId: o.testId,
      port: o.port,
      protocol: o.protocol,
      mode: held ? 'port-held' : 'test-listener',
      lan: tcp && lanAddress ? linkOf(lanAddress, o.port, path) : null,
      public: tcp && pub.address ? linkOf(pub.address, o.port, path) : null,
      code: pub.address ? encodeFriendCode({ address: pub.address, port: o.port, protocol: o.protocol, secret }) : null,
      lanAddress,
      publicAddress: pub.address,
      publicAddressError: pub.error,
      notes,
      watchError,
      expiresAt: new Date(now().getTime() + o.timeoutMs).toISOString(),
    });
    if (held && !watching) return { testId: o.testId, endedBy: 'unobservable', arrivals, watchError: null };
    const timer = setTimeout(() => finish('timeout'), o.timeoutMs);
    stop.signal.addEventListener('abort', () => finish('cancelled'), { once: true });
    try {
      const endedBy = await ended;
      return { testId: o.testId, endedBy, arrivals: [...arrivals], watchError: endedBy === 'watch-failed' ? watchError : null };
    } finally {
      clearTimeout(timer);
    }
  } finally {
    stop.abort();
    o.signal.removeEventListener('abort', onAbort);
    if (listener && typeof listener !== 'string') await listener.close();
  }
}
