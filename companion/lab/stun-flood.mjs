// Lab tool: sends STUN-ish datagrams of chosen sizes to a companion and reports what came back.
// Usage: node stun-flood.mjs '<json>' with {host, port, sizes:[n…], repeat, gapMs?}
// Prints {sent, sentBytes, replies, replyBytes, largestRatio}: largestRatio = max(reply/request) over matched replies.
import dgram from 'node:dgram';
import { randomBytes } from 'node:crypto';

const spec = JSON.parse(process.argv[2] ?? '{}');
const socket = dgram.createSocket('udp4');
const sentSize = new Map();
let sent = 0;
let sentBytes = 0;
let replies = 0;
let replyBytes = 0;
let largestRatio = 0;

/** A Binding request of exactly `size` bytes (size ≥ 20, multiple of 4), or junk for other sizes. */
function datagram(size) {
  const tid = randomBytes(12);
  const buf = Buffer.alloc(size);
  if (size >= 20 && size % 4 === 0) {
    buf.writeUInt16BE(0x0001, 0);
    buf.writeUInt16BE(size - 20, 2);
    buf.writeUInt32BE(0x2112a442, 4);
    tid.copy(buf, 8);
    if (size >= 24) {
      buf.writeUInt16BE(0x8022, 20);
      buf.writeUInt16BE(size - 24, 22);
      buf.fill(0x61, 24);
    }
  } else randomBytes(size).copy(buf);
  return { buf, key: tid.toString('hex') };
}

socket.on('message', (msg) => {
  replies++;
  replyBytes += msg.length;
  const key = msg.length >= 20 ? msg.subarray(8, 20).toString('hex') : '';
  const req = sentSize.get(key);
  if (req) largestRatio = Math.max(largestRatio, msg.length / req);
});

socket.bind(0, async () => {
  for (let r = 0; r < spec.repeat; r++) {
    for (const size of spec.sizes) {
      const { buf, key } = datagram(size);
      sentSize.set(key, size);
      socket.send(buf, spec.port, spec.host);
      sent++;
      sentBytes += size;
    }
    if (spec.gapMs) await new Promise((res) => setTimeout(res, spec.gapMs));
  }
  setTimeout(() => {
    process.stdout.write(`${JSON.stringify({ sent, sentBytes, replies, replyBytes, largestRatio })}\n`);
    socket.close();
  }, 500);
});
