// Lab stand-in for a router's NAT-PMP server (RFC 6886), run inside the router namespace: no Debian
// daemon serves NAT-PMP for documentation or CGNAT WAN addresses. Written from the RFC on its own,
// not from the app's codec, so the app's decoder is checked against an independent encoder.
//   node nat-pmp-responder.mjs <bind address> <WAN address> [result code]
// Prints "ready", then one line per request: "request version=V opcode=O bytes=N".
import dgram from 'node:dgram';

const [bind, wan, result = '0'] = process.argv.slice(2);
if (!bind || !/^\d+\.\d+\.\d+\.\d+$/.test(wan ?? '')) {
  console.error('usage: nat-pmp-responder.mjs <bind address> <WAN address> [result code]');
  process.exit(2);
}
const started = Date.now();
const socket = dgram.createSocket('udp4');
socket.on('message', (msg, peer) => {
  console.log(`request version=${msg[0]} opcode=${msg[1]} bytes=${msg.length}`);
  if (msg.length < 2 || msg[0] !== 0) return;
  const epoch = Math.floor((Date.now() - started) / 1000) + 3600;
  const out = Buffer.alloc(msg[1] === 0 ? 12 : 16);
  out[0] = 0;
  out[1] = 128 + msg[1];
  // Any opcode but 0 gets "unsupported opcode" (5): the stand-in never maps anything either.
  out.writeUInt16BE(msg[1] === 0 ? Number(result) : 5, 2);
  out.writeUInt32BE(epoch, 4);
  if (msg[1] === 0) wan.split('.').forEach((octet, i) => (out[8 + i] = Number(octet)));
  socket.send(out, peer.port, peer.address);
});
socket.bind(5351, bind, () => console.log('ready'));
process.on('SIGTERM', () => socket.close(() => process.exit(0)));
