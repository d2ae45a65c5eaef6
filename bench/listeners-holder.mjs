// Holds sockets open for the listeners lab test and benchmark; prints `ready <n>` once all are bound.
// usage: node listeners-holder.mjs '<json>'  where json is an array of
//   { kind: 'tcp' | 'udp' | 'tcp-conn' | 'udp-conn', host, port, count = 1, v6only = false }
// `tcp-conn` connects to a listener (an established socket: not a listener); `udp-conn` is a
// connected UDP socket (not "bound and unconnected"). Both must stay out of every listener list.
import dgram from 'node:dgram';
import net from 'node:net';

const spec = JSON.parse(process.argv[2] ?? '[]');
const keep = [];

function tcp(host, port, ipv6Only) {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen({ host, port, ipv6Only, backlog: 4 }, () => resolve(s));
  });
}

function udp(host, port, ipv6Only, connectTo) {
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket({ type: host.includes(':') ? 'udp6' : 'udp4', ipv6Only });
    s.once('error', reject);
    s.bind(port, host, () => (connectTo ? s.connect(connectTo.port, connectTo.host, () => resolve(s)) : resolve(s)));
  });
}

function connect(host, port) {
  return new Promise((resolve, reject) => {
    const c = net.connect({ host, port }, () => resolve(c));
    c.once('error', reject);
  });
}

let n = 0;
for (const e of spec) {
  const count = e.count ?? 1;
  for (let i = 0; i < count; i++) {
    const port = e.port + i;
    if (e.kind === 'tcp') keep.push(await tcp(e.host, port, Boolean(e.v6only)));
    else if (e.kind === 'udp') keep.push(await udp(e.host, port, Boolean(e.v6only)));
    else if (e.kind === 'tcp-conn') keep.push(await connect(e.host, port));
    else if (e.kind === 'udp-conn') keep.push(await udp(e.host, 0, false, { host: e.host, port }));
    else throw new Error(`unknown kind ${e.kind}`);
    n++;
  }
}
process.stdout.write(`ready ${n}\n`);
process.on('SIGTERM', () => process.exit(0));
setInterval(() => {}, 1 << 30);
