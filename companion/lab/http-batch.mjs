// Lab tool: sends HTTP requests to a companion from inside a namespace, optionally from many source addresses.
// Usage: node http-batch.mjs '<json>'  with {host, port, parallel?, requests:[{method,path,headers?,body?,bodyBytes?,localAddress?}]}
// Prints one JSON array: [{status, body, ms, error?}] in request order.
import http from 'node:http';

const spec = JSON.parse(process.argv[2] ?? '{}');

function one(r) {
  return new Promise((resolve) => {
    const started = performance.now();
    const body = r.bodyBytes ? Buffer.alloc(r.bodyBytes, 0x20) : r.body === undefined ? undefined : Buffer.from(typeof r.body === 'string' ? r.body : JSON.stringify(r.body));
    const req = http.request(
      {
        host: spec.host,
        port: spec.port,
        method: r.method ?? 'GET',
        path: r.path,
        agent: false,
        ...(r.localAddress ? { localAddress: r.localAddress } : {}),
        headers: { ...(body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {}), ...(r.headers ?? {}) },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let parsed;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = text;
          }
          resolve({ status: res.statusCode, body: parsed, ms: Math.round(performance.now() - started) });
        });
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: 0, body: null, ms: Math.round(performance.now() - started), error: e.code ?? e.message }));
    // A large body may be cut off by the server's 413: that is the point, not an error.
    req.end(body);
  });
}

const results = spec.parallel ? await Promise.all(spec.requests.map(one)) : [];
if (!spec.parallel) for (const r of spec.requests) results.push(await one(r));
process.stdout.write(`${JSON.stringify(results)}\n`);
