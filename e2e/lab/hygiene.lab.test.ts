// A lab run leaves nothing behind (namespaces, processes) after success, Ctrl-C, SIGTERM or a crash, and never touches the root namespace.
import { build } from 'esbuild';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CATALOG } from './catalog.js';
import { describeLab, liveProcessPids, removeStaleNamespaces, rootInterfaces, run, RUN_PREFIX, runNamespaces } from './netns.js';
import { buildTopology } from './topology.js';

const LAB_DIR = dirname(fileURLToPath(import.meta.url));
/** Building a scenario takes about a second; a busy CI box gets generous slack before we call it hung. */
const LAB_UP_READY_MS = 30_000;

/** Running, as opposed to gone or a zombie waiting for whoever inherited it to reap it. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Direct children of this process, from /proc (what a leaked child would show up as). */
function childPids(): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      // esbuild keeps one service process for the whole file on purpose; it is not the lab's.
      if (ppid === process.pid && !stat.includes('(esbuild)')) out.push(Number(d));
    } catch {
      continue; // the process ended while we looked: not a leak
    }
  }
  return out;
}

async function nsPids(names: readonly string[]): Promise<number[]> {
  const lists = await Promise.all(names.map((n) => run(['ip', 'netns', 'pids', n], { allowFailure: true })));
  return lists.flatMap((l) => l.stdout.split(/\s+/).filter(Boolean).map(Number));
}

describeLab('lab hygiene', () => {
  let bundleDir = '';
  let bundle = '';
  const started: ChildProcess[] = [];

  beforeAll(async () => {
    bundleDir = mkdtempSync(join(tmpdir(), 'pd-lab-up-'));
    bundle = join(bundleDir, 'lab-up.mjs');
    await build({ entryPoints: [join(LAB_DIR, 'lab-up.ts')], outfile: bundle, bundle: true, platform: 'node', target: 'node20', format: 'esm', logLevel: 'warning' });
  });

  afterAll(() => {
    for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    rmSync(bundleDir, { recursive: true, force: true });
  });

  /** Another lab run in its own process (its own prefix), up and holding a scenario. */
  async function otherRun(): Promise<{ child: ChildProcess; namespaces: string[]; pids: number[] }> {
    const child = spawn(process.execPath, [bundle, 'forward-ok'], { env: { ...process.env, PD_LAB_DIR: LAB_DIR, PD_LAB_KEEP: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(child);
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`lab-up not ready: ${out}`)), LAB_UP_READY_MS);
      const check = (): void => {
        if (out.includes('\nready')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', check);
      child.on('exit', () => reject(new Error(`lab-up exited early: ${out}`)));
    });
    const namespaces = [...out.matchAll(/^ns \S+ (\S+)$/gm)].map((m) => m[1]!);
    expect(namespaces.length).toBeGreaterThanOrEqual(7);
    const pids = await nsPids(namespaces);
    expect(pids.length).toBeGreaterThanOrEqual(2); // the companion echo and the pc's game server
    return { child, namespaces, pids };
  }

  const listed = (): string[] => runNamespaces().concat(readdirSync('/run/netns'));

  it('leaves no namespace and no process behind after a scenario', async () => {
    const entry = CATALOG.find((e) => e.name === 'forward-ok')!;
    const lab = await buildTopology(entry.scenario, { tag: 'hygiene' });
    const pids = liveProcessPids();
    expect(pids.length).toBeGreaterThanOrEqual(2);
    expect(runNamespaces().length).toBe(Object.keys(lab.hosts).length);
    await lab.destroy();
    expect(runNamespaces()).toEqual([]);
    expect(liveProcessPids()).toEqual([]);
    expect(pids.filter(alive)).toEqual([]);
    expect(childPids()).toEqual([]);
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`tears a run down on ${signal}`, async () => {
      const { child, namespaces, pids } = await otherRun();
      const exited = new Promise((resolve) => child.once('exit', (code, sig) => resolve(code ?? sig)));
      child.kill(signal);
      expect(await exited).toBe(signal === 'SIGINT' ? 130 : 143);
      expect(listed().filter((n) => namespaces.includes(n))).toEqual([]);
      // SIGKILL was sent before the exit; its delivery is the kernel's business, so poll briefly.
      await expect.poll(() => pids.filter(alive), { timeout: 5_000 }).toEqual([]);
    });
  }

  it("removes a crashed run's namespaces and processes (stale cleanup by dead pid)", async () => {
    const { child, namespaces, pids } = await otherRun();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    // A crash runs no hooks: everything is still there until someone cleans up.
    expect(listed().filter((n) => namespaces.includes(n)).sort()).toEqual([...namespaces].sort());
    const removed = removeStaleNamespaces();
    expect(removed.sort()).toEqual(expect.arrayContaining([...namespaces].sort()));
    expect(removed.every((n) => !n.startsWith(`${RUN_PREFIX}-`))).toBe(true);
    expect(listed().filter((n) => namespaces.includes(n))).toEqual([]);
    await expect.poll(() => pids.filter(alive), { timeout: 5_000 }).toEqual([]);
  });

  it('puts no lab interface or route in the root namespace; every lab link stays between lab namespaces', async () => {
    const [rootLinks, route4, route6] = [rootInterfaces(), await run(['ip', 'route', 'show', 'table', 'all']), await run(['ip', '-6', 'route', 'show', 'table', 'all'])];
    const lab = await buildTopology({ upstream: 'cgnat', friendBehindNat: true, ipv6: { router: 'forward' } }, { tag: 'isolation' });
    expect(rootInterfaces()).toEqual(rootLinks);
    expect((await run(['ip', 'route', 'show', 'table', 'all'])).stdout).toBe(route4.stdout);
    expect((await run(['ip', '-6', 'route', 'show', 'table', 'all'])).stdout).toBe(route6.stdout);
    for (const { ns } of Object.values(lab.hosts)) {
      const links = (await ns.ip(['-o', '-d', 'link', 'show'])).stdout.trim().split('\n');
      for (const link of links) {
        const name = /^\d+: ([^:@]+)/.exec(link)?.[1];
        if (name === 'lo') continue;
        if (/\bbridge\b/.test(link) && !/\bveth\b/.test(link)) continue;
        // A veth's far end must be named: it is in one of this run's namespaces, never the (unnamed) root one.
        expect(link, `${ns.name} ${name}`).toMatch(/\bveth\b/);
        expect(link, `${ns.name} ${name}`).toMatch(new RegExp(`link-netns ${RUN_PREFIX}-isolation-`));
      }
      // Only routers forward: the pc, lan2, companion and friend must not.
      const forwarding = (await ns.exec(['cat', '/proc/sys/net/ipv4/ip_forward'])).stdout.trim();
      expect(forwarding, ns.name).toBe(['router', 'internet', 'upstream', 'friendRouter'].some((r) => ns.tag.endsWith(`-${r}`)) ? '1' : '0');
    }
    // The internet namespace is the end of the world: no default route, so nothing can leave the lab.
    expect((await lab.host('internet').ns.ip(['route', 'show', 'default'])).stdout.trim()).toBe('');
    await lab.destroy();
  });
});
