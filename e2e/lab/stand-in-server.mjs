// Stand-in game server for lab hosts: listens on the given TCP/UDP sockets and answers every peer with who it is.
//
// Usage (run inside a namespace): node stand-in-server.mjs <name> <listener>...
//   listener = tcp:<bind>:<port> | udp:<bind>:<port>, bind = 0.0.0.0 | 127.0.0.1 | one address | :: (IPv6 only)
// Prints one line `ready` once every socket is bound (or `error <json>` and exits 1).
// Each TCP connection gets one JSON line and is closed; each UDP datagram gets one JSON datagram back:
//   {"server":name,"proto":"tcp","local":"addr:port","peer":"addr:port"}
// so a prober learns which host answered and the companion's answer tells the pc its observed source address.
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';

// The test may exit first (PD_LAB_KEEP=1 keeps servers up); a closed stdout must not kill the server.
process.stdout.on('error', () => undefined);

const [name, ...specs] = process.argv.slice(2);
if (!name || specs.length === 0) {
  console.log('error ' + JSON.stringify({ message: 'usage: stand-in-server.mjs <name> <proto:bind:port>...' }));
  process.exit(2);
}

const fmt = (address, port) => (address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`);
const answer = (proto, local, peer) => JSON.stringify({ server: name, proto, local, peer });

function parseSpec(spec) {
  const first = spec.indexOf(':');
  const last = spec.lastIndexOf(':');
  const proto = spec.slice(0, first);
  const bind = spec.slice(first + 1, last).replace(/^\[|\]$/g, '');
  const port = Number(spec.slice(last + 1));
  if ((proto !== 'tcp' && proto !== 'udp') || !bind || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new RangeError(`bad listener ${spec}`);
  }
  return { proto, bind, port };
}

function listenTcp({ bind, port }) {
  return new Promise((resolve, reject) => {
    const server = createServer((sock) => {
      sock.on('error', () => sock.destroy());
      sock.end(answer('tcp', fmt(sock.localAddress, sock.localPort), fmt(sock.remoteAddress, sock.remotePort)) + '\n');
    });
    server.once('error', reject);
    // ipv6Only: a `::` listener must not quietly accept IPv4 too, or the "IPv6 only" knob would lie.
    server.listen({ host: bind, port, ipv6Only: bind.includes(':') }, () => resolve(server));
  });
}

function listenUdp({ bind, port }) {
  return new Promise((resolve, reject) => {
    const v6 = bind.includes(':');
    const sock = createSocket({ type: v6 ? 'udp6' : 'udp4', ipv6Only: v6 });
    sock.on('message', (_msg, rinfo) => {
      const local = sock.address();
      sock.send(answer('udp', fmt(local.address, local.port), fmt(rinfo.address, rinfo.port)), rinfo.port, rinfo.address);
    });
    sock.once('error', reject);
    sock.bind({ address: bind, port }, () => resolve(sock));
  });
}

try {
  await Promise.all(specs.map(parseSpec).map((l) => (l.proto === 'tcp' ? listenTcp(l) : listenUdp(l))));
  console.log('ready');
} catch (err) {
  console.log('error ' + JSON.stringify({ message: String(err?.message ?? err), code: err?.code }));
  process.exit(1);
}
