// Load generator for bench:companion, run inside the callers' namespace: N callers, each from its own
// source address, each with one keep-alive connection, posting checks back to back (or once, all at once).
// Usage: node companion-load.mjs '<json>' with
//   {host, port, sources:[addr…], targetPort, mode:'loop'|'paced'|'once', durationMs?, intervalMs?}
// loop: back to back (closed loop, saturating); paced: each caller starts one check every intervalMs (open loop).
// Prints one JSON line: {checks, errors, statuses, states, latenciesMs:[…] (sampled), wallMs, lastResponseAt}.
import http from 'node:http';

const spec = JSON.parse(process.argv[2] ?? '{}');
const NONCE = 'benchbenchbenchbench01';

const body = JSON.stringify({ probes: [{ protocol: 'tcp', port: spec.targetPort, nonce: NONCE }] });
const latencies = [];
const statuses = {};
const states = {};
let checks = 0;
let errors = 0;
let lastResponseAt = 0;

function post(agent, localAddress) {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = http.request(
      { host: spec.host, port: spec.port, method: 'POST', path: '/v1/check', agent, localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const ms = performance.now() - started;
          lastResponseAt = Date.now();
          statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
          if (res.statusCode === 200) {
            checks++;
            // The first second is warm-up (connections, JIT): counted in checks, not in the latency figures.
            if (performance.now() - phaseStart >= (spec.warmupMs ?? 0)) latencies.push(ms);
            const state = JSON.parse(Buffer.concat(chunks).toString()).results[0].state;
            states[state] = (states[state] ?? 0) + 1;
          }
          resolve();
        });
      },
    );
    req.on('error', () => {
      errors++;
      resolve();
    });
    req.end(body);
  });
}

const started = performance.now();
const phaseStart = started;
const deadline = started + (spec.durationMs ?? 0);
await Promise.all(
  spec.sources.map(async (localAddress) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    if (spec.mode === 'once') await post(agent, localAddress);
    else if (spec.mode === 'paced') {
      // Spread the callers' phases so the offered load is smooth, not 200 requests in one tick.
      let next = performance.now() + Math.random() * spec.intervalMs;
      while (next < deadline) {
        await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
        await post(agent, localAddress);
        next += spec.intervalMs;
      }
    } else while (performance.now() < deadline) await post(agent, localAddress);
    agent.destroy();
  }),
);
const wallMs = performance.now() - started;
latencies.sort((a, b) => a - b);
const pick = (q) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] : null);
process.stdout.write(`${JSON.stringify({ checks, errors, statuses, states, wallMs, lastResponseAt, p50: pick(0.5), p99: pick(0.99), max: pick(1) })}\n`);
process.exit(0);
