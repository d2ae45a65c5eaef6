// Stand-in Bedrock-style server: answers RakNet unconnected pings with a pong carrying its GUID.
// Usage: node raknet-server.mjs <guid 16 hex> <port> [bind]  — prints `ready` once bound.
import dgram from 'node:dgram';

const [guid, port, bind = '0.0.0.0'] = process.argv.slice(2);
const MAGIC = Buffer.from('00ffff00fefefefefdfdfdfd12345678', 'hex');
const motd = Buffer.from('MCPE;Port Doctor stand-in;589;1.20;0;10;1;lab;Survival;1;19132;19133;');
const socket = dgram.createSocket('udp4');
socket.on('message', (msg, rinfo) => {
  if (msg.length !== 33 || msg[0] !== 0x01 || !msg.subarray(9, 25).equals(MAGIC)) return;
  const len = Buffer.alloc(2);
  len.writeUInt16BE(motd.length);
  socket.send(Buffer.concat([Buffer.from([0x1c]), msg.subarray(1, 9), Buffer.from(guid, 'hex'), MAGIC, len, motd]), rinfo.port, rinfo.address);
});
socket.bind(Number(port), bind, () => console.log('ready'));
