// Minimal ground-truth prober for the lab (plain node:net / node:dgram), run inside a namespace as a child process.
//
// Usage: node prober.mjs '<json array of targets>'
//   target = { id, proto: 'tcp'|'udp', host, port, timeoutMs?, localPort? }
// Prints one JSON line: an array of { id, state, reason, reply? } in input order, where
//   state  'open'      something accepted (TCP handshake done / UDP answer received)
//          'closed'    something actively refused: a TCP RST or any ICMP unreachable came back
//          'filtered'  silence until the timeout (a drop somewhere on the path)
//   reason 'connected' | 'reply' | 'refused' (RST / ICMP port unreachable) | 'icmp-unreachable'
//          (host/admin-prohibited) | 'no-route' | 'timeout'
//   reply  the first line the far end sent (stand-in servers say who they are and whom they saw)
// Note the lab calls an ICMP admin-prohibited answer "closed" (something said no), where nmap says
// "filtered"; the reason keeps the difference visible.
import { connect } from 'node:net';
import { createSocket } from 'node:dgram';

/** Inside the lab a reply takes well under 50 ms; an ARP failure answers after ~3 s, so it reads as silence. */
const DEFAULT_TIMEOUT_MS = 1_500;
/** All probes of one run go out together; the lab asks at most a few dozen per host. */
const MAX_PARALLEL = 32;

const REASONS = {
  ECONNREFUSED: ['closed', 'refused'],
  EHOSTUNREACH: ['closed', 'icmp-unreachable'],
  EHOSTDOWN: ['closed', 'icmp-unreachable'],
  ENETUNREACH: ['filtered', 'no-route'],
  EACCES: ['closed', 'icmp-unreachable'],
};

function classify(err) {
  const hit = REASONS[err?.code];
  if (hit) return { state: hit[0], reason: hit[1] };
  return { state: 'error', reason: String(err?.code ?? err?.message ?? err) };
}

function probeTcp(t) {
  return new Promise((resolve) => {
    const timeoutMs = t.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let connected = false;
    let data = '';
    const sock = connect({ host: t.host, port: t.port, localPort: t.localPort });
    const finish = (result) => {
      clearTimeout(timer);
      sock.destroy();
      resolve({ id: t.id, ...result });
    };
    const done = () => finish({ state: 'open', reason: 'connected', ...(data ? { reply: data.split('\n')[0] } : {}) });
    const timer = setTimeout(() => (connected ? done() : finish({ state: 'filtered', reason: 'timeout' })), timeoutMs);
    sock.setEncoding('utf8');
    sock.on('connect', () => (connected = true));
    sock.on('data', (d) => {
      data += d;
      if (data.includes('\n')) done();
    });
    sock.on('end', done);
    sock.on('error', (err) => (connected ? done() : finish(classify(err))));
  });
}

function probeUdp(t) {
  return new Promise((resolve) => {
    const timeoutMs = t.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const sock = createSocket(t.host.includes(':') ? 'udp6' : 'udp4');
    const finish = (result) => {
      clearTimeout(timer);
      sock.close();
      resolve({ id: t.id, ...result });
    };
    const timer = setTimeout(() => finish({ state: 'filtered', reason: 'timeout' }), timeoutMs);
    sock.on('message', (msg) => finish({ state: 'open', reason: 'reply', reply: msg.toString('utf8').split('\n')[0] }));
    // A connected UDP socket is what makes the kernel hand ICMP errors back as ECONNREFUSED / EHOSTUNREACH.
    sock.on('error', (err) => finish(classify(err)));
    sock.bind(t.localPort ?? 0, () => {
      sock.connect(t.port, t.host, (err) => {
        if (err) return finish(classify(err));
        sock.send(`pd-probe ${t.id}`, (sendErr) => sendErr && finish(classify(sendErr)));
      });
    });
  });
}

async function main() {
  const targets = JSON.parse(process.argv[2] ?? '[]');
  if (!Array.isArray(targets)) throw new TypeError('targets must be a JSON array');
  const results = new Array(targets.length);
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const i = next++;
      const t = targets[i];
      results[i] = await (t.proto === 'udp' ? probeUdp(t) : probeTcp(t));
    }
  };
  await Promise.all(Array.from({ length: Math.min(MAX_PARALLEL, targets.length) }, worker));
  process.stdout.write(JSON.stringify(results) + '\n');
}

main().catch((err) => {
  process.stderr.write(String(err?.stack ?? err) + '\n');
  process.exit(1);
});
