// Holds sockets open for the listeners lab test and benchmark; prints `ready <n>` once all are bound.
// usage: node listeners-holder.mjs '<json>'  where json is an array of
//   { kind: 'tcp' | 'udp' | 'tcp-conn' | 'udp-conn', host, port, count = 1, v6only = false }
// `tcp-conn` connects to a listener (an established socket: not a listener); `udp-conn` is a
// connected UDP socket (not "bound and unconnected"). Both must stay out of every listener list.
//
// Churn for the listeners lab test, one command per line on stdin, each answered by one line:
//   open <json>     open more sockets (same spec as above)            → `opened <n>`
//   close <port>    close every socket this process holds on port      → `closed <port>`
//   fork <port>     start a child (bash) that inherits the TCP
//                   listener(s) on port; both now hold them            → `forked <child pid>`
//   exec            the child execs `sleep` (same pid, new program,
//                   sockets kept: they are not close-on-exec)          → `execed <child pid>`
//   exit            this process exits; the child keeps the sockets    (no answer: watch the exit)
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import readline from 'node:readline';

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

async function open(entries) {
  let n = 0;
  for (const e of entries) {
    const count = e.count ?? 1;
    for (let i = 0; i < count; i++) {
      const port = e.port + i;
      let s;
      if (e.kind === 'tcp') s = await tcp(e.host, port, Boolean(e.v6only));
      else if (e.kind === 'udp') s = await udp(e.host, port, Boolean(e.v6only));
      else if (e.kind === 'tcp-conn') s = await connect(e.host, port);
      else if (e.kind === 'udp-conn') s = await udp(e.host, 0, false, { host: e.host, port });
      else throw new Error(`unknown kind ${e.kind}`);
      keep.push({ port, kind: e.kind, s });
      n++;
    }
  }
  return n;
}

process.stdout.write(`ready ${await open(spec)}\n`);
process.on('SIGTERM', () => process.exit(0));
setInterval(() => {}, 1 << 30);

let child = null;
const comm = (pid) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim();

readline.createInterface({ input: process.stdin }).on('line', async (line) => {
  const [cmd, ...rest] = line.split(' ');
  const arg = rest.join(' ');
  if (cmd === 'open') {
    process.stdout.write(`opened ${await open(JSON.parse(arg))}\n`);
  } else if (cmd === 'close') {
    const port = Number(arg);
    const gone = keep.filter((k) => k.port === port);
    await Promise.all(gone.map((k) => new Promise((r) => (k.kind === 'tcp' ? k.s.close(r) : k.kind === 'udp' ? k.s.close(r) : (k.s.destroy(), r())))));
    keep.splice(0, keep.length, ...keep.filter((k) => k.port !== port));
    process.stdout.write(`closed ${port}\n`);
  } else if (cmd === 'fork') {
    // The listeners' own descriptors (Node has no public accessor; on Unix the handle carries it).
    const fds = keep.filter((k) => k.port === Number(arg) && k.kind === 'tcp').map((k) => k.s._handle.fd);
    // Each becomes one of the child's descriptors (3, 4, …), inherited across its exec.
    child = spawn('bash', ['-c', 'echo started; read -r _; exec sleep 100000'], { stdio: ['pipe', 'pipe', 'inherit', ...fds] });
    child.stdout.once('data', () => process.stdout.write(`forked ${child.pid}\n`));
  } else if (cmd === 'exec') {
    child.stdin.write('go\n');
    const pid = child.pid;
    const wait = () => (comm(pid) === 'sleep' ? process.stdout.write(`execed ${pid}\n`) : setTimeout(wait, 10));
    wait();
  } else if (cmd === 'exit') {
    // The child must outlive us: leave it in its own process group, not waited for.
    child?.unref();
    process.exit(0);
  }
});
