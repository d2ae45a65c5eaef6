// Shared plumbing for the companion's lab tests and benchmark: build once, run the real CLI inside namespaces.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Netns, NsProcess } from '../../e2e/lab/netns';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(REPO, 'bin', 'port-doctor.cjs');
export const HTTP_BATCH = join(REPO, 'companion', 'lab', 'http-batch.mjs');
export const SLOW_LORIS = join(REPO, 'companion', 'lab', 'slow-loris.mjs');
export const RAKNET_SERVER = join(REPO, 'companion', 'lab', 'raknet-server.mjs');
export const STUN_FLOOD = join(REPO, 'companion', 'lab', 'stun-flood.mjs');

/** Building takes seconds; starting a bundle inside a namespace is what the tests measure. */
export function buildBundles(): void {
  execFileSync(process.execPath, [join(REPO, 'scripts', 'build.mjs'), 'cli', 'companion'], { cwd: REPO, stdio: 'inherit' });
}

/** Node start-up plus bind on a busy 2-core box. */
const COMPANION_READY_MS = 20_000;

export async function startCompanionIn(ns: Netns, args: readonly string[]): Promise<NsProcess> {
  const p = ns.spawn([process.execPath, CLI, 'companion', ...args]);
  await p.waitForLine(/^Port Doctor companion listening/, COMPANION_READY_MS);
  return p;
}

export interface CliRun {
  code: number;
  json: unknown;
  stdout: string;
  stderr: string;
}

export async function cliIn(ns: Netns, args: readonly string[]): Promise<CliRun> {
  const r = await ns.exec([process.execPath, CLI, ...args], { allowFailure: true, timeoutMs: 60_000 });
  let json: unknown;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    json = null;
  }
  return { code: r.code, json, stdout: r.stdout, stderr: r.stderr };
}

export interface BatchRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
  bodyBytes?: number;
  localAddress?: string;
}

export interface BatchResult {
  status: number;
  body: unknown;
  ms: number;
  error?: string;
}

export async function httpBatch(ns: Netns, host: string, port: number, requests: readonly BatchRequest[], parallel = false): Promise<BatchResult[]> {
  const r = await ns.exec([process.execPath, HTTP_BATCH, JSON.stringify({ host, port, parallel, requests })], { timeoutMs: 120_000 });
  return JSON.parse(r.stdout) as BatchResult[];
}

/** nftables counters: `table inet pd_count` with one named counter per entry, on the input or output hook. */
export function counterRuleset(counters: Record<string, { hook: 'input' | 'output'; match: string }>): string {
  const names = Object.keys(counters);
  const chain = (hook: 'input' | 'output') => [
    `  chain ${hook} {`,
    `    type filter hook ${hook} priority -10;`,
    '    policy accept;',
    ...names.filter((n) => counters[n]!.hook === hook).map((n) => `    ${counters[n]!.match} counter name ${n}`),
    '  }',
  ];
  return ['table inet pd_count {', ...names.flatMap((n) => [`  counter ${n} {`, '  }']), ...chain('input'), ...chain('output'), '}'].join('\n');
}

export async function readCounters(ns: Netns): Promise<Record<string, { packets: number; bytes: number }>> {
  const r = await ns.exec(['nft', '-j', 'list', 'counters', 'table', 'inet', 'pd_count']);
  const doc = JSON.parse(r.stdout) as { nftables: Array<{ counter?: { name: string; packets: number; bytes: number } }> };
  const out: Record<string, { packets: number; bytes: number }> = {};
  for (const item of doc.nftables) if (item.counter) out[item.counter.name] = { packets: item.counter.packets, bytes: item.counter.bytes };
  return out;
}
