// Stand-in services for probe lab tests and the probe benchmark, run inside a target namespace.
// Encodes its answers by hand from the protocol documents (not with the codecs it is testing).
//
// Usage: node lab-game-servers.mjs [--tcp p,p,...] [--udp-echo p,...] [--minecraft p] [--bedrock p] [--a2s p] [--ssh p] [--bind addr]...
// Prints `ready` once every socket is bound.
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';

process.stdout.on('error', () => undefined);
const args = process.argv.slice(2);
const opt = (name) => {
  const out = [];
  for (let i = 0; i < args.length; i++) if (args[i] === `--${name}`) out.push(...String(args[i + 1]).split(',').filter(Boolean));
  return out;
};
const binds = opt('bind').length ? opt('bind') : ['0.0.0.0'];
const pending = [];

function tcp(port, onConn) {
  for (const host of binds) {
    pending.push(new Promise((resolve, reject) => {
      const s = createServer((c) => {
        c.on('error', () => c.destroy());
        onConn(c);
      });
      s.once('error', reject);
      s.listen({ port: Number(port), host, ipv6Only: host.includes(':'), backlog: 4096 }, resolve);
    }));
  }
}

function udp(port, onMsg) {
  for (const host of binds) {
    pending.push(new Promise((resolve, reject) => {
      const s = createSocket({ type: host.includes(':') ? 'udp6' : 'udp4', ipv6Only: host.includes(':') });
      s.on('message', (m, r) => onMsg(m, (buf) => s.send(buf, r.port, r.address)));
      s.once('error', reject);
      s.bind(Number(port), host, resolve);
    }));
  }
}

const varint = (n) => {
  const out = [];
  let v = n >>> 0;
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v) b |= 0x80;
    out.push(b);
  } while (v);
  return Buffer.from(out);
};

for (const p of opt('tcp')) tcp(p, (c) => c.destroy());
for (const p of opt('udp-echo')) udp(p, (m, reply) => reply(m));
for (const p of opt('ssh')) tcp(p, (c) => c.end('SSH-2.0-LabSSH_1.0\r\n'));

// wiki.vg Server List Ping: read handshake + status request, answer one status frame.
for (const p of opt('minecraft')) tcp(p, (c) => {
  let seen = 0;
  c.on('data', (d) => {
    seen += d.length;
    if (seen < 3) return;
    const json = Buffer.from(JSON.stringify({ version: { name: '1.21.4', protocol: 769 }, players: { max: 20, online: 3 }, description: { text: 'Lab Minecraft' } }));
    const body = Buffer.concat([Buffer.from([0x00]), varint(json.length), json]);
    c.end(Buffer.concat([varint(body.length), body]));
  });
});

// RakNet unconnected pong: 0x1c, ping time, server GUID, magic, u16 length, MCPE string.
const MAGIC = Buffer.from('00ffff00fefefefefdfdfdfd12345678', 'hex');
for (const p of opt('bedrock')) udp(p, (m, reply) => {
  if (m[0] !== 0x01 || m.length < 33) return;
  const id = Buffer.from('MCPE;Lab Bedrock;766;1.21.50;1;8;12345;Lab world;Survival;1;19132;19133;');
  const len = Buffer.alloc(2);
  len.writeUInt16BE(id.length);
  reply(Buffer.concat([Buffer.from([0x1c]), m.subarray(1, 9), Buffer.from('0102030405060708', 'hex'), MAGIC, len, id]));
});

// A2S_INFO with the challenge newer servers require.
const CHALLENGE = Buffer.from('0a085eea', 'hex');
const QUERY = Buffer.concat([Buffer.from('ffffffff54', 'hex'), Buffer.from('Source Engine Query\0')]);
for (const p of opt('a2s')) udp(p, (m, reply) => {
  if (!m.subarray(0, QUERY.length).equals(QUERY)) return;
  const challenge = m.subarray(QUERY.length);
  if (!challenge.equals(CHALLENGE)) return reply(Buffer.concat([Buffer.from('ffffffff41', 'hex'), CHALLENGE]));
  const z = (s) => Buffer.from(`${s}\0`);
  reply(Buffer.concat([
    Buffer.from('ffffffff4911', 'hex'), z('Lab Valheim'), z('Midgard'), z('valheim'), z('Valheim'),
    Buffer.from([0x00, 0x00, 2, 10, 0, 0x64, 0x6c, 0, 0]), z('0.218.15'),
  ]));
});

Promise.all(pending).then(
  () => console.log('ready'),
  (e) => {
    console.log(`error ${JSON.stringify({ message: String(e && e.message) })}`);
    process.exit(1);
  },
);
