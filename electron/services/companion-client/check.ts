// "Can the internet reach this port?": a companion connect-back, with proof it landed on this machine.
import { randomBytes } from 'node:crypto';
import dns from 'node:dns/promises';
import net from 'node:net';
import type { PortCheckResult, VerifiedBy } from '../../../shared/channels/companion';
import { no, notChecked, yes, type Fact } from '../../../shared/diagnosis/fact';
import type { CompanionProbeResult, ProbeProtocol } from '../../../shared/companion-protocol';
import { bannerText } from '../../../shared/companion-protocol';
import { AppError } from '../../../shared/errors';
import { postCheck, type Fetch } from './api';
import { HELD_UDP_QUERIES, queryLocalGameServer, serverIdentity, type GameQuery } from './game-query';
import { openTcpNonceListener, openUdpNonceListener, type NonceListener, type OpenFailure } from './nonce-listener';
import { defaultTcpConnections, watchConnections, type ReadTcpConnections, type TcpConnection } from './socket-table';

/** How often the socket table is sampled while the companion holds its connection (~1 s). */
export const SOCKET_TABLE_POLL_MS = 20;
/** Reading the local service's banner for a protocol-aware comparison; services greet at once. */
export const LOCAL_BANNER_WAIT_MS = 500;

/** The CLI's `check --json` document, field for field (issue 6). */
export type PortCheckOutcome = Pick<PortCheckResult, 'publicAddress' | 'protocol' | 'port' | 'state' | 'reason' | 'verified' | 'verifiedBy'>;

/** The whole answer, as companion:check declares it (types come from its schema). */
export type PortCheckDetail = PortCheckResult;

/** Whether the probe reached this computer, and how that was proven (verifiedBy only with yes). */
interface Arrival {
  verified: Fact;
  verifiedBy: VerifiedBy | null;
}

const proven = (by: VerifiedBy, detail: string): Arrival => ({ verified: yes(detail), verifiedBy: by });
const notProven = (verified: Fact): Arrival => ({ verified, verifiedBy: null });

export interface CheckSeams {
  fetch?: Fetch;
  readConnections?: ReadTcpConnections;
  signal?: AbortSignal;
}

export async function checkPort(
  companion: URL,
  port: number,
  protocol: ProbeProtocol,
  seams: CheckSeams = {},
): Promise<PortCheckDetail> {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`port must be 1–65535, got ${port}`);
  const nonce = randomBytes(18).toString('base64url');
  const listener: NonceListener | OpenFailure =
    protocol === 'tcp' ? await openTcpNonceListener(port, nonce) : await openUdpNonceListener(port, nonce);
  const api = { fetch: seams.fetch, signal: seams.signal };
  if (typeof listener !== 'string') {
    try {
      const res = await postCheck(companion, { probes: [{ protocol, port, nonce }] }, api);
      const r = only(res.results);
      // Both ends must agree: the companion read our nonce, and our listener saw a peer.
      const arrival =
        r.nonceMatched && listener.peers.length > 0
          ? proven('nonce', 'Port Doctor\'s test listener answered with the fresh code')
          : notProven(no(listener.peers.length > 0 ? 'our test listener saw a peer, but the code did not match' : 'our test listener saw nothing'));
      return outcome(res.target, r, arrival, 'temporary-listener');
    } finally {
      await listener.close();
    }
  }
  const mode = listener === 'in-use' ? 'port-held' : 'listener-denied';
  if (protocol === 'udp') {
    // A held UDP port shows no connection in any table: ask the companion to send the game's own
    // query, then ask the local server the same; the same server identity proves the path.
    const res = await postCheck(companion, { probes: HELD_UDP_QUERIES.map((query) => ({ protocol, port, query })) }, api);
    const answered = res.results.find((r) => r.state === 'open') ?? only(res.results);
    return outcome(res.target, answered, await heldUdpArrival(port, res.results), mode);
  }
  const read = seams.readConnections ?? defaultTcpConnections;
  const { result: res, seen } = await watchConnections(read, port, SOCKET_TABLE_POLL_MS, () =>
    postCheck(companion, { probes: [{ protocol, port }] }, api),
  );
  const r = only(res.results);
  if (r.state !== 'open') return outcome(res.target, r, notProven(no(`${r.state} from outside`)), mode);
  if (seen && r.from && (await matchesCompanion(seen, r.from, companion))) {
    return outcome(res.target, r, proven('socket-table', 'the companion\'s connection is in this computer\'s socket table'), mode);
  }
  if (r.banner !== null && r.banner === (await localBanner(port))) {
    return outcome(res.target, r, proven('protocol', 'the service here greets with the same banner'), mode);
  }
  if (seen === null) return outcome(res.target, r, notProven(notChecked('unsupported-os', 'no socket-table reader on this OS, and the service sent no banner to compare')), mode);
  return outcome(res.target, r, notProven(no('connected, but not to this computer: the connection is not in its socket table')), mode);
}

/**
 * A held UDP port leaves no trace in any socket table, so only the server's own answer tells:
 * the same identity outside and inside is proof; another identity, or silence outside while the
 * server here answers, is a no; anything else could not be checked.
 */
async function heldUdpArrival(port: number, results: readonly CompanionProbeResult[]): Promise<Arrival> {
  let localAnswers: GameQuery | null = null;
  let unreadable = false;
  for (const [i, r] of results.entries()) {
    const query = HELD_UDP_QUERIES[i];
    if (query === undefined) continue;
    const local = await queryLocalGameServer(port, query);
    if (local !== null) localAnswers = query;
    if (r.reply === null) continue;
    const remote = serverIdentity(query, new Uint8Array(Buffer.from(r.reply, 'base64')));
    if (remote === null) unreadable = true;
    else if (remote === local) return proven('protocol', `the same game server answered ${query} outside and here`);
    else return notProven(no(`another server answered ${query} from outside`));
  }
  if (localAnswers !== null) return notProven(no(`the server here answers ${localAnswers}, but nothing answered from outside`));
  return notProven(
    notChecked(
      'unavailable',
      unreadable
        ? 'something answered from outside, but not with a game-server reply Port Doctor can compare'
        : 'the program holding this UDP port answers none of the game queries Port Doctor can compare',
    ),
  );
}

function only(results: CompanionProbeResult[]): CompanionProbeResult {
  const r = results[0];
  if (!r) throw new AppError('COMPANION_BAD_RESPONSE', 'no probe result');
  return r;
}

function outcome(publicAddress: string, r: CompanionProbeResult, arrival: Arrival, mode: PortCheckDetail['mode']): PortCheckDetail {
  return {
    publicAddress,
    protocol: r.protocol,
    port: r.port,
    state: r.state,
    reason: r.reason,
    verified: arrival.verified,
    verifiedBy: arrival.verifiedBy,
    mode,
    rttMs: r.rttMs,
    banner: r.banner,
  };
}

/**
 * The companion's connection is in our table when a peer has its source port and either the
 * address it reported or its public host address (a cloud companion may sit behind 1:1 NAT).
 */
async function matchesCompanion(seen: TcpConnection[], from: { address: string; port: number }, companion: URL): Promise<boolean> {
  const candidates = seen.filter((c) => c.remotePort === from.port);
  if (candidates.length === 0) return false;
  if (candidates.some((c) => c.remoteAddress === from.address)) return true;
  const host = companion.hostname.replace(/^\[|\]$/g, '');
  const addresses = net.isIP(host) ? [host] : (await dns.lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  return candidates.some((c) => addresses.includes(c.remoteAddress));
}

/** What the local service says first, rendered like the companion renders it. */
function localBanner(port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const s = net.connect({ host: '127.0.0.1', port });
    const done = () => {
      clearTimeout(timer);
      s.destroy();
      const bytes = Buffer.concat(chunks);
      resolve(bytes.length > 0 ? bannerText(new Uint8Array(bytes)) : null);
    };
    const timer = setTimeout(done, LOCAL_BANNER_WAIT_MS);
    s.on('data', (c: Buffer) => {
      chunks.push(c);
      if (c.includes(0x0a) || Buffer.concat(chunks).length >= 128) done();
    });
    s.on('end', done);
    s.on('error', done);
  });
}
