import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeChallenge, encodeInfoReply, encodeInfoRequest } from '../../../shared/protocol/codecs/a2s';
import { bytesEqual } from '../../../shared/protocol/codecs/bytes';
import { encodeUnconnectedPong } from '../../../shared/protocol/codecs/raknet';
import { probeUdp, systemUdpSocket, type UdpSocketFactory } from './udp-probe';
import { scanUdp } from './udp-scan';

const sockets: dgram.Socket[] = [];
afterEach(async () => {
  await Promise.all(sockets.splice(0).map((s) => new Promise<void>((r) => s.close(() => r()))));
});

async function bound(onMessage: (msg: Buffer, rinfo: dgram.RemoteInfo, s: dgram.Socket) => void, port = 0): Promise<number> {
  const s = dgram.createSocket('udp4');
  sockets.push(s);
  s.on('message', (m, r) => onMessage(m, r, s));
  await new Promise<void>((r) => s.bind(port, '127.0.0.1', r));
  return s.address().port;
}

async function freeUdpPort(): Promise<number> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  const port = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('probeUdp (loopback, sockets this test bound)', () => {
  it('an answer is open/udp-response, ICMP port-unreachable closed/port-unreach, silence open|filtered after every attempt', async () => {
    const echo = await bound((m, r, s) => s.send(m, r.port, r.address));
    let heard = 0;
    const mute = await bound(() => heard++);
    const closed = await freeUdpPort();
    const probe = (port: number) => probeUdp({ address: '127.0.0.1', family: 4, port, timeoutMs: 150, attempts: 3 });
    const [a, b, c] = await Promise.all([probe(echo), probe(closed), probe(mute)]);
    expect(a.verdict).toEqual({ state: 'open', reason: 'udp-response' });
    expect(a.rttMs).toBeGreaterThan(0);
    expect(b.verdict).toEqual({ state: 'closed', reason: 'port-unreach' });
    expect(c.verdict).toEqual({ state: 'open|filtered', reason: 'no-response' });
    expect(c.rttMs).toBeNull();
    expect(heard).toBe(3);
  });
});

describe('scanUdp with game pings (stand-in servers on loopback)', () => {
  it('confirms a Steam server through the A2S challenge, and a Bedrock server through RakNet', async () => {
    const challenge = Uint8Array.of(0x0a, 0x08, 0x5e, 0xea);
    const a2sPort = await bound((m, r, s) => {
      const msg = new Uint8Array(m);
      if (bytesEqual(msg, encodeInfoRequest())) s.send(encodeChallenge(challenge), r.port, r.address);
      else if (bytesEqual(msg, encodeInfoRequest(challenge))) {
        s.send(encodeInfoReply({ name: 'Lab Valheim', map: 'world', folder: 'valheim', game: 'Valheim', appId: 892970, players: 3, maxPlayers: 10, version: '0.218.15' }), r.port, r.address);
      }
    }, 27016).catch(() => null);
    const bedrockPort = await bound((m, r, s) => {
      if (m[0] !== 0x01) return;
      s.send(encodeUnconnectedPong({ timeMs: 1n, serverGuid: 7n, serverId: 'MCPE;Lab Realm;766;1.21.50;2;12;7;world;Survival;1;19132;19133;' }), r.port, r.address);
    }, 19132).catch(() => null);
    if (a2sPort === null || bedrockPort === null) throw new Error('ports 27016/19132 on 127.0.0.1 are taken: free them to run this test');
    const out = await scanUdp({ address: '127.0.0.1', family: 4, ports: [19132, 27016], timeoutMs: 500 });
    expect(out.results).toEqual([
      { port: 19132, state: 'open', reason: 'udp-response', rttMs: expect.any(Number), service: { kind: 'minecraft-bedrock', edition: 'MCPE', motd: 'Lab Realm', protocolVersion: 766, version: '1.21.50', playersOnline: 2, playersMax: 12 } },
      { port: 27016, state: 'open', reason: 'udp-response', rttMs: expect.any(Number), service: { kind: 'steam-a2s', name: 'Lab Valheim', map: 'world', game: 'Valheim', appId: 892970 & 0xffff, players: 3, maxPlayers: 10, version: '0.218.15' } },
    ]);
  });

  it('holds no more sockets than its bound (counted as the kernel sees them: created until closed)', async () => {
    const ports: number[] = [];
    for (let i = 0; i < 12; i++) ports.push(await bound((m, r, s) => setTimeout(() => s.send(m, r.port, r.address), 5)));
    let live = 0;
    let peak = 0;
    const counting: UdpSocketFactory = (family) => {
      const s = systemUdpSocket(family);
      live++;
      peak = Math.max(peak, live);
      s.once('close', () => live--);
      return s;
    };
    const out = await scanUdp({ address: '127.0.0.1', family: 4, ports, concurrency: 4, createSocket: counting });
    expect(out.results.every((r) => r.state === 'open')).toBe(true);
    expect(peak).toBe(4);
    expect(live).toBe(0);
  });
});
