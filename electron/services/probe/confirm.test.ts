import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeVarInt, encodeStatusResponse } from '../../../shared/protocol/codecs/minecraft-java';
import { confirmTcp, tcpConfirmerFor, udpConfirmerFor } from './confirm';

const servers: net.Server[] = [];
const conns: net.Socket[] = [];
afterEach(async () => {
  // Stand-ins that never read would otherwise keep their side open (and server.close waiting).
  for (const c of conns.splice(0)) c.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function serve(onConnection: (c: net.Socket) => void): Promise<number> {
  const s = net.createServer((c) => {
    conns.push(c);
    onConnection(c);
  });
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return (s.address() as net.AddressInfo).port;
}

const confirm = (port: number, confirmer: 'minecraft-java' | 'banner', timeoutMs = 2000) =>
  confirmTcp({ address: '127.0.0.1', family: 4, port, host: 'mc.lab.test', confirmer, timeoutMs });

describe('confirmTcp against stand-in servers on loopback', () => {
  it('reads a Minecraft Java status after a well-formed handshake naming the host the user typed', async () => {
    let handshakeHost = '';
    const port = await serve((c) => {
      let buf = Buffer.alloc(0);
      c.on('data', (d) => {
        buf = Buffer.concat([buf, d]);
        const len = decodeVarInt(buf);
        if (!len || buf.length < len.size + len.value) return;
        // handshake: id 0, protocol VarInt, host string, port, next state; then the status request.
        const body = buf.subarray(len.size, len.size + len.value);
        const proto = decodeVarInt(body, 1);
        const hostLen = decodeVarInt(body, 1 + (proto?.size ?? 0));
        const at = 1 + (proto?.size ?? 0) + (hostLen?.size ?? 0);
        handshakeHost = body.subarray(at, at + (hostLen?.value ?? 0)).toString();
        const json = JSON.stringify({ version: { name: '1.21.1', protocol: 767 }, players: { max: 20, online: 3 }, description: { text: 'A Lab Server' } });
        const frame = encodeStatusResponse(json);
        // Split the answer to prove the reader buffers across segments.
        c.write(frame.subarray(0, 5));
        setTimeout(() => c.end(frame.subarray(5)), 20);
      });
    });
    expect(await confirm(port, 'minecraft-java')).toEqual({ kind: 'minecraft-java', version: '1.21.1', protocolVersion: 767, playersOnline: 3, playersMax: 20, motd: 'A Lab Server' });
    expect(handshakeHost).toBe('mc.lab.test');
  });

  it('says nothing when the Minecraft port speaks something else', async () => {
    const port = await serve((c) => c.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    expect(await confirm(port, 'minecraft-java')).toBeNull();
  });

  it('reads an SSH banner at once, and speaks HTTP to a silent service', async () => {
    const ssh = await serve((c) => c.write('SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n'));
    let request = '';
    const http = await serve((c) => c.on('data', (d) => {
      request += d.toString();
      if (request.endsWith('\r\n\r\n')) c.end('HTTP/1.0 200 OK\r\nServer: lab\r\n\r\n');
    }));
    expect(await confirm(ssh, 'banner')).toEqual({ kind: 'banner', protocol: 'ssh', text: 'SSH-2.0-OpenSSH_9.2p1 Debian-2' });
    expect(await confirm(http, 'banner')).toEqual({ kind: 'banner', protocol: 'http', text: 'HTTP/1.0 200 OK' });
    expect(request).toBe('HEAD / HTTP/1.0\r\n\r\n');
  });

  it('gives up at its deadline on a service that never speaks', async () => {
    const port = await serve(() => undefined);
    const t = performance.now();
    expect(await confirm(port, 'banner', 900)).toBeNull();
    expect(performance.now() - t).toBeGreaterThanOrEqual(850);
  });
});

describe('which ports get which exchange', () => {
  it('follows the game presets', () => {
    expect(tcpConfirmerFor(25565)).toBe('minecraft-java');
    expect(tcpConfirmerFor(22)).toBe('banner');
    expect(tcpConfirmerFor(4000)).toBeNull();
    expect(udpConfirmerFor(19132)?.exchange.first()[0]).toBe(0x01);
    expect(udpConfirmerFor(27015)?.exchange.first()[4]).toBe(0x54);
    expect(udpConfirmerFor(4000)).toBeNull();
  });
});
