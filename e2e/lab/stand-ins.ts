// Stand-in servers and the ground-truth prober, run as children inside lab namespaces.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Netns, type NsProcess } from './ns-core.js';
import { type Listener, type Proto } from './scenario.js';

/** A stand-in server binds in well under a second; node's own start-up dominates on a busy 2-core box. */
const SERVER_READY_TIMEOUT_MS = 15_000;

const LAB_DIR = process.env.PD_LAB_DIR ?? dirname(fileURLToPath(import.meta.url));
export const STAND_IN_SERVER = join(LAB_DIR, 'stand-in-server.mjs');
export const PROBER = join(LAB_DIR, 'prober.mjs');

export interface ProbeTarget {
  id?: string;
  proto: Proto;
  host: string;
  port: number;
  timeoutMs?: number;
  localPort?: number;
}

export interface ProbeResult {
  id: string;
  state: 'open' | 'closed' | 'filtered' | 'error';
  reason: string;
  /** The stand-in's answer, parsed: which server answered and whom it saw. */
  reply?: { server: string; proto: Proto; local: string; peer: string } | string;
}

function parseReply(text: string | undefined): ProbeResult['reply'] {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as ProbeResult['reply'];
  } catch {
    return text; // not a stand-in: keep the raw line as evidence
  }
}

export async function startServer(ns: Netns, name: string, listeners: readonly Listener[]): Promise<NsProcess> {
  const specs = listeners.map((l) => `${l.proto}:${l.bind.includes(':') ? `[${l.bind}]` : l.bind}:${l.port}`);
  const p = ns.spawn([process.execPath, STAND_IN_SERVER, name, ...specs]);
  const [line] = await p.waitForLine(/^(ready|error .*)$/, SERVER_READY_TIMEOUT_MS);
  if (line !== 'ready') {
    await p.stop();
    throw new Error(`stand-in server on ${ns.name} failed: ${line}`);
  }
  return p;
}

export async function probe(ns: Netns, targets: readonly ProbeTarget[]): Promise<ProbeResult[]> {
  const withIds = targets.map((t, i) => ({ ...t, id: t.id ?? `${t.proto}:${t.host}:${t.port}#${i}` }));
  const r = await ns.exec([process.execPath, PROBER, JSON.stringify(withIds)]);
  const raw = JSON.parse(r.stdout) as (Omit<ProbeResult, 'reply'> & { reply?: string })[];
  return raw.map((x) => ({ ...x, reply: parseReply(x.reply) }));
}
