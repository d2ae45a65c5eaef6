// Loopback plumbing for the vantage tests: free ports, a STUN answerer on 127.0.0.1, raw HTTP.
import dgram from 'node:dgram';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { ATTR_XOR_MAPPED_ADDRESS, STUN_BINDING_REQUEST, STUN_BINDING_SUCCESS, decodeStun, encodeStun, xorMappedAddressValue } from '../../../shared/protocol/stun';

/** A Binding success with XOR-MAPPED-ADDRESS for an IPv4 Binding request, as any STUN server sends. */
function answerStun(request: Uint8Array, source: { address: string; port: number }): Uint8Array | null {
  const m = decodeStun(request);
  if (!m || m.type !== STUN_BINDING_REQUEST) return null;
  const value = xorMappedAddressValue({ family: 'ipv4', address: source.address, port: source.port }, m.transactionId);
  return encodeStun({ type: STUN_BINDING_SUCCESS, transactionId: m.transactionId, attributes: [{ type: ATTR_XOR_MAPPED_ADDRESS, value }] });
}

/** The first port of the kernel's ephemeral range: what bind(0) and listen(0) hand out. */
function ephemeralStart(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    if (Number.isInteger(low) && low > 11_000) return low;
  } catch {
    // Not Linux: below 32768 is outside every system's default range.
  }
  return 32_768;
}

/**
 * A loopback port free for both TCP and UDP, so a TCP and a UDP test never collide either. Picked
 * below the ephemeral range: a test that expects nobody there (refused, no answer) must not find
 * another test's server, and any test's bind(0) or listen(0) could otherwise be handed this very
 * port between the check and its use (seen once in CI: a UDP port meant to be closed answered).
 */
export async function freePort(): Promise<number> {
  const end = ephemeralStart();
  for (;;) {
    const port = 10_000 + Math.floor(Math.random() * (end - 10_000));
    const s = net.createServer();
    const tcp = await new Promise<boolean>((r) => {
      s.once('error', () => r(false));
      s.listen(port, '127.0.0.1', () => r(true));
    });
    if (!tcp) continue;
    await new Promise<void>((r) => s.close(() => r()));
    const u = dgram.createSocket('udp4');
    const udp = await new Promise<boolean>((r) => {
      u.once('error', () => r(false));
      u.bind(port, '127.0.0.1', () => r(true));
    });
    await new Promise<void>((r) => (udp ? u.close(() => r()) : r()));
    if (udp) return port;
  }
}

/** A STUN server on loopback that answers like the companion's (never a public server). */
export async function loopbackStun(): Promise<{ server: string; close(): Promise<void> }> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  s.on('message', (msg, rinfo) => {
    const res = answerStun(new Uint8Array(msg), rinfo);
    if (res) s.send(res, rinfo.port, rinfo.address);
  });
  return { server: `127.0.0.1:${s.address().port}`, close: () => new Promise<void>((r) => s.close(() => r())) };
}

/** Sends raw bytes, returns everything the server wrote until it closed (or `ms` passed). */
export function rawExchange(port: number, request: string | Buffer, ms = 3_000): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    const t = setTimeout(() => finish(false), ms);
    function finish(closed: boolean): void {
      clearTimeout(t);
      s.destroy();
      resolve({ text: Buffer.concat(chunks).toString('latin1'), closed });
    }
    s.on('connect', () => s.write(request));
    s.on('data', (d: Buffer) => chunks.push(d));
    s.on('close', () => finish(true));
    s.on('error', () => finish(true));
  });
}

export function udpExchange(port: number, datagram: Uint8Array, waitMs = 400): Promise<Buffer[]> {
  return new Promise((resolve) => {
    const s = dgram.createSocket('udp4');
    const got: Buffer[] = [];
    s.on('message', (m) => got.push(m));
    s.on('error', () => undefined);
    s.send(datagram, port, '127.0.0.1');
    setTimeout(() => {
      s.close();
      resolve(got);
    }, waitMs);
  });
}
