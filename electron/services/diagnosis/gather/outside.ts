// Outside test through the companion, batched: ≤ 4 probes per request (its limit), one request in
// flight (it allows one per address), proof of arrival per probe (nonce, socket table, game identity).
import { randomBytes } from 'node:crypto';
import dns from 'node:dns/promises';
import net from 'node:net';
import { MAX_PROBES_PER_CHECK, type CheckRequest, type CompanionProbeResult } from '../../../../shared/companion-protocol';
import { no, notChecked, yes, type Fact, type OutsideEvidence } from '../../../../shared/diagnosis/index';
import { postCheck, type Fetch } from '../../companion-client/api';
import { queryLocalGameServer, serverIdentity, type GameQuery } from '../../companion-client/game-query';
import { openTcpNonceListener, openUdpNonceListener, type NonceListener } from '../../companion-client/nonce-listener';
import { defaultTcpConnections, watchConnectionsOn, type ReadTcpConnections, type TcpConnection } from '../../companion-client/socket-table';

/** Sampling the socket table while the companion's connections land (as the check command does). */
const SOCKET_TABLE_POLL_MS = 20;

export interface OutsideProbe {
  port: number;
  protocol: 'tcp' | 'udp';
  /** For a UDP port a game server holds: the query that server answers (null: a2s, the most common). */
  query?: GameQuery | null;
  /** A control port: probed with nothing listening here on purpose (no test listener). */
  control?: boolean;
}

export interface OutsideSeams {
  fetch?: Fetch;
  readConnections?: ReadTcpConnections;
  signal?: AbortSignal;
}

interface Prepared {
  probe: OutsideProbe;
  nonce: string | null;
  listener: NonceListener | null;
  /** Why there is no test listener: the port is held (the server runs) or binding needs rights. */
  held: 'in-use' | 'denied' | null;
}

async function prepare(p: OutsideProbe): Promise<Prepared> {
  if (p.control) return { probe: p, nonce: null, listener: null, held: 'in-use' };
  const nonce = randomBytes(18).toString('base64url');
  const l = p.protocol === 'tcp' ? await openTcpNonceListener(p.port, nonce) : await openUdpNonceListener(p.port, nonce);
  if (typeof l === 'string') return { probe: p, nonce: null, listener: null, held: l };
  return { probe: p, nonce, listener: l, held: null };
}

function requestOf(batch: readonly Prepared[]): CheckRequest {
  return {
    probes: batch.map((b) => {
      if (b.nonce) return { protocol: b.probe.protocol, port: b.probe.port, nonce: b.nonce };
      if (b.probe.protocol === 'udp') return { protocol: 'udp' as const, port: b.probe.port, query: b.probe.query ?? 'a2s-info' };
      return { protocol: 'tcp' as const, port: b.probe.port };
    }),
  };
}

async function companionAddresses(companion: URL): Promise<string[]> {
  const host = companion.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host)) return [host];
  return (await dns.lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
}

async function judge(b: Prepared, r: CompanionProbeResult, seen: TcpConnection[] | null, companionIps: string[]): Promise<OutsideEvidence> {
  const answered: Fact = r.state === 'open' || r.state === 'closed' ? yes(`${r.state} (${r.reason})`) : no(`${r.state} (${r.reason})`);
  const base = { vantage: 'companion' as const, state: r.state, reason: r.reason, answered, rttMs: r.rttMs };
  if (b.listener) {
    // Both ends must agree: the companion read our nonce, and our listener saw a peer.
    const ok = r.nonceMatched && b.listener.peers.length > 0;
    return { ...base, reachedThisComputer: ok ? yes('nonce') : no(`our test listener ${b.listener.peers.length > 0 ? 'saw a peer but the nonce did not match' : 'saw nothing'}`), verifiedBy: ok ? 'nonce' : null, testListener: yes() };
  }
  const testListener = b.held === 'in-use' ? no('the port is held by a program') : notChecked('unavailable', 'binding the port needs more rights');
  if (r.state !== 'open') return { ...base, reachedThisComputer: no(`${r.state} from outside`), verifiedBy: null, testListener };
  if (b.probe.protocol === 'tcp') {
    const from = r.from;
    const match = seen !== null && from !== null && seen.some((c) => c.remotePort === from.port && (c.remoteAddress === from.address || companionIps.includes(c.remoteAddress)));
    if (match) return { ...base, reachedThisComputer: yes('the companion\'s connection is in this computer\'s socket table'), verifiedBy: 'socket-table', testListener };
    return { ...base, reachedThisComputer: seen === null ? notChecked('unsupported-os', 'no socket-table reader on this OS') : no('connected, but not to this computer'), verifiedBy: null, testListener };
  }
  const query = b.probe.query ?? 'a2s-info';
  const remote = r.reply === null ? null : serverIdentity(query, new Uint8Array(Buffer.from(r.reply, 'base64')));
  if (remote !== null && remote === (await queryLocalGameServer(b.probe.port, query))) {
    return { ...base, reachedThisComputer: yes('the same server answered from outside and inside'), verifiedBy: 'protocol', testListener };
  }
  return { ...base, reachedThisComputer: no('a reply came back, but the server speaks no query we could compare'), verifiedBy: null, testListener };
}

/** Runs the probes in requests of ≤ 4, one after another; results in the order given. */
export async function outsideProbes(companion: URL, probes: readonly OutsideProbe[], seams: OutsideSeams = {}): Promise<OutsideEvidence[]> {
  const prepared = await Promise.all(probes.map(prepare));
  const read = seams.readConnections ?? defaultTcpConnections;
  const companionIps = await companionAddresses(companion);
  const out: OutsideEvidence[] = [];
  try {
    for (let i = 0; i < prepared.length; i += MAX_PROBES_PER_CHECK) {
      const batch = prepared.slice(i, i + MAX_PROBES_PER_CHECK);
      const heldTcp = batch.filter((b) => b.held !== null && b.probe.protocol === 'tcp').map((b) => b.probe.port);
      // The socket table is read asynchronously, and only while this batch's check is in flight.
      const { result: res, seen } = await watchConnectionsOn(read, heldTcp, SOCKET_TABLE_POLL_MS, () =>
        postCheck(companion, requestOf(batch), { fetch: seams.fetch, signal: seams.signal }),
      );
      for (const [j, b] of batch.entries()) {
        const r = res.results[j];
        if (!r) throw new Error(`the companion returned ${res.results.length} results for ${batch.length} probes`);
        out.push(await judge(b, r, seen === null ? null : (seen.get(b.probe.port) ?? []), companionIps));
      }
    }
  } finally {
    await Promise.all(prepared.map((p) => p.listener?.close()));
  }
  return out;
}
