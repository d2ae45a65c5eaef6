// The listeners worker as the app uses it: the bundled worker file, a real socket, cancellation
// that answers at once, failures that arrive as AppErrors, and a worker that died.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineHost, defaultWorkerFile, type EngineHost } from './engine-host';
import { DEFAULT_LINUX_SEAMS } from './engine';

const ROOT = path.resolve(__dirname, '../../../..');

describe.runIf(process.platform === 'linux')('listeners worker', () => {
  const server = net.createServer();
  let port = 0;
  let host: EngineHost;
  let tmp = '';
  beforeAll(async () => {
    // Run from source, the worker is the CLI build's copy (npm test builds first; a lone run may not have).
    if (!existsSync(defaultWorkerFile())) execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), 'cli'], { cwd: ROOT });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as net.AddressInfo).port;
    host = createEngineHost();
    tmp = mkdtempSync(path.join(os.tmpdir(), 'pd-host-'));
  }, 120_000);
  afterAll(async () => {
    await host.close();
    await new Promise((r) => server.close(r));
    rmSync(tmp, { recursive: true, force: true });
  });

  it('finds our socket from the worker, twice (the second time warm)', async () => {
    for (let i = 0; i < 2; i++) {
      const rows = await host.collect({ protocol: 'tcp', port });
      expect(rows).toEqual([expect.objectContaining({ address: '127.0.0.1', port, pid: process.pid })]);
    }
  });

  it('an aborted call answers CANCELLED at once, and the worker goes on serving', async () => {
    const stop = new AbortController();
    const call = host.collect({}, stop.signal);
    stop.abort();
    await expect(call).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(host.collect({}, AbortSignal.abort())).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await host.collect({ protocol: 'tcp', port })).toHaveLength(1);
  });

  it('a corrupt table fails as COMMAND_FAILED naming the file', async () => {
    const proc = path.join(tmp, 'proc');
    mkdirSync(path.join(proc, 'net'), { recursive: true });
    writeFileSync(path.join(proc, 'net/tcp'), '  sl  local_address\n   0: 0100007F:ZZZZ\n');
    const bad = createEngineHost(defaultWorkerFile(), { ...DEFAULT_LINUX_SEAMS, procRoot: proc });
    try {
      await expect(bad.collect({})).rejects.toMatchObject({ code: 'COMMAND_FAILED', detail: expect.stringContaining('net/tcp') });
    } finally {
      await bad.close();
    }
  });

  it('a worker that cannot start fails the call, and closing and asking again starts afresh', async () => {
    const missing = createEngineHost(path.join(tmp, 'no-such-worker.cjs'));
    await expect(missing.collect({})).rejects.toMatchObject({ code: 'COMMAND_FAILED' });
    await missing.close();
    await host.close();
    expect(await host.collect({ protocol: 'tcp', port })).toHaveLength(1);
  });
});
