// STUN client: public address from a Binding request, and NAT mapping (easy vs hard) from one socket.
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import dns from 'node:dns/promises';
import net from 'node:net';
import { AppError } from '../../../shared/errors';
import type { NatReport } from '../../../shared/channels/companion';
import { no, notChecked, yes, type Fact } from '../../../shared/diagnosis/fact';
import { STUN_BINDING_SUCCESS, bindingRequest, decodeStun, mappedAddressOf, type MappedAddress } from '../../../shared/protocol/stun';

export interface StunServer {
  host: string;
  port: number;
}

/** A server that has not answered after this long is treated as unreachable (RFC 8489's Rc×RTO is far longer). */
export const STUN_TIMEOUT_MS = 2_000;
/** Retransmit at 0, 250, 750 ms: UDP loss is common on home Wi-Fi; three tries cost nothing. */
export const STUN_RETRANSMIT_MS = [0, 250, 750] as const;
/** Requests are padded to this size so amplification-safe servers (the companion) answer. */
export const STUN_REQUEST_BYTES = 48;

export function parseStunServer(text: string): StunServer {
  const m = /^(?:\[([^\]]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/.exec(text);
  const port = m?.[3] === undefined ? 3478 : Number(m[3]);
  if (!m || port < 1 || port > 65535) throw new TypeError(`STUN server must be host[:port], got '${text}'`);
  return { host: (m[1] ?? m[2])!, port };
}

/** One server's answer (mapped null when it did not answer), as natReportSchema declares it. */
export type StunSample = NatReport['samples'][number];

async function resolve(server: StunServer, family: 4 | 6): Promise<string> {
  if (net.isIP(server.host)) return server.host;
  const { address } = await dns.lookup(server.host, { family });
  return address;
}

/** One Binding transaction on an existing socket. */
export async function stunBinding(
  socket: dgram.Socket,
  server: StunServer,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<StunSample> {
  const label = `${server.host}:${server.port}`;
  const family = socket.address().family === 'IPv6' ? 6 : 4;
  const address = await resolve(server, family);
  const tid = new Uint8Array(randomBytes(12));
  const request = bindingRequest(tid, STUN_REQUEST_BYTES);
  const started = performance.now();
  return new Promise<StunSample>((done) => {
    const timers: NodeJS.Timeout[] = [];
    const finish = (sample: StunSample) => {
      timers.forEach(clearTimeout);
      socket.off('message', onMessage);
      options.signal?.removeEventListener('abort', onAbort);
      done(sample);
    };
    const onAbort = () => finish({ server: label, mapped: null, rttMs: null });
    const onMessage = (msg: Buffer) => {
      const m = decodeStun(new Uint8Array(msg));
      if (!m || m.type !== STUN_BINDING_SUCCESS || !m.transactionId.every((b, i) => b === tid[i])) return;
      finish({ server: label, mapped: mappedAddressOf(m), rttMs: Math.round((performance.now() - started) * 10) / 10 });
    };
    socket.on('message', onMessage);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    for (const at of STUN_RETRANSMIT_MS) timers.push(setTimeout(() => socket.send(request, server.port, address), at));
    timers.push(setTimeout(onAbort, options.timeoutMs ?? STUN_TIMEOUT_MS));
  });
}

export type NatMapping = NatReport['mapping'];
export type { NatReport };

/** Classifies mapping behaviour from two answers obtained through the same local socket (RFC 4787). */
export function classifyMapping(samples: readonly StunSample[]): NatMapping {
  const mapped = samples.map((s) => s.mapped).filter((m): m is MappedAddress => m !== null);
  if (mapped.length < 2) return 'unknown';
  const first = mapped[0]!;
  return mapped.every((m) => m.address === first.address && m.port === first.port) ? 'easy' : 'hard';
}

/** Whether the first answer kept the local port; not-checked when no server answered at all. */
function portPreserved(first: MappedAddress | null, localPort: number, samples: readonly StunSample[]): Fact {
  if (first === null) return notChecked('failed', `no STUN server answered (${samples.map((s) => s.server).join(', ')})`);
  return first.port === localPort ? yes(`public port ${first.port}`) : no(`local port ${localPort} became public port ${first.port}`);
}

/** Public address and NAT mapping; throws STUN_FAILED when no server answered. */
export async function detectNat(
  servers: readonly StunServer[],
  options: { signal?: AbortSignal; timeoutMs?: number; family?: 4 | 6 } = {},
): Promise<NatReport> {
  const report = await probeNat(servers, options);
  if (report.publicAddress === null) throw new AppError('STUN_FAILED', report.samples.map((s) => s.server).join(', '));
  return report;
}

/** Public address and NAT mapping from one UDP socket talking to two servers (or two ports of one). */
export async function probeNat(
  servers: readonly StunServer[],
  options: { signal?: AbortSignal; timeoutMs?: number; family?: 4 | 6 } = {},
): Promise<NatReport> {
  if (servers.length === 0) throw new RangeError('detectNat needs at least one STUN server');
  const socket = dgram.createSocket(options.family === 6 ? 'udp6' : 'udp4');
  try {
    await new Promise<void>((ok, fail) => {
      socket.once('error', fail);
      socket.bind(0, () => {
        socket.off('error', fail);
        ok();
      });
    });
    socket.on('error', () => undefined);
    const localPort = socket.address().port;
    // Sequential on purpose: the second mapping must be created while the first is still alive.
    const samples: StunSample[] = [];
    for (const s of servers.slice(0, 3)) {
      try {
        samples.push(await stunBinding(socket, s, options));
      } catch (e) {
        samples.push({ server: `${s.host}:${s.port}`, mapped: null, rttMs: null });
        if (!(e instanceof Error && 'code' in e)) throw e;
      }
    }
    const first = samples.find((s) => s.mapped)?.mapped ?? null;
    return {
      publicAddress: first?.address ?? null,
      mapping: classifyMapping(samples),
      portPreserved: portPreserved(first, localPort, samples),
      localPort,
      samples,
    };
  } finally {
    socket.close();
  }
}
