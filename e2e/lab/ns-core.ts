// Namespace primitives without any vitest dependency, so stand-alone scripts (lab-up) can use them too.
import { spawn as spawnChild, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { NsProcess, run, signalPid, type ExecOptions, type ExecResult, type SpawnOptions } from './ns-process.js';
import { keepLab, NS_NAME_PATTERN, registry, RUN_PREFIX } from './ns-registry.js';

export * from './ns-process.js';
export { keepLab, NS_NAME_PATTERN, RUN_PREFIX } from './ns-registry.js';

/**
 * Links carry traffic only once the kernel's linkwatch has turned carrier into operstate UP and bridge
 * ports into "forwarding". Linkwatch is rate-limited to once a second and waits for the rtnl lock, which
 * other runs deleting namespaces hold for seconds: under that load a fresh link is deaf for a while.
 */
const LINKS_READY_TIMEOUT_MS = 30_000;
const LINKS_POLL_MS = 50;
export type LabSupport = { ok: true } | { ok: false; reason: string };
function toolWorks(argv: string[]): boolean {
  const [cmd, ...args] = argv;
  const r = spawnSync(cmd!, args, { stdio: 'ignore', timeout: 5_000 });
  return r.status === 0;
}

export function labSupport(): LabSupport {
  if (registry.support) return registry.support;
  const decide = (): LabSupport => {
    if (process.platform !== 'linux') return { ok: false, reason: `the lab needs Linux network namespaces (this is ${process.platform})` };
    if (process.getuid?.() !== 0) return { ok: false, reason: 'the lab needs root to create network namespaces (run as root or in CI)' };
    if (!toolWorks(['ip', '-V'])) return { ok: false, reason: '`ip` (Debian package iproute2) is not installed' };
    if (!toolWorks(['nft', '--version'])) return { ok: false, reason: '`nft` (Debian package nftables) is not installed' };
    const probe = `${RUN_PREFIX}-probe`;
    const add = spawnSync('ip', ['netns', 'add', probe], { encoding: 'utf8', timeout: 5_000 });
    if (add.status !== 0) return { ok: false, reason: `cannot create a network namespace: ${(add.stderr ?? '').trim()}` };
    spawnSync('ip', ['netns', 'del', probe], { stdio: 'ignore', timeout: 5_000 });
    return { ok: true };
  };
  registry.support = decide();
  if (registry.support.ok) {
    cleanupStale();
    installExitHooks();
  }
  return registry.support;
}
export class Netns {
  private deleted = false;

  private constructor(
    readonly name: string,
    readonly tag: string,
  ) {}

  static async create(tag: string): Promise<Netns> {
    if (!/^[A-Za-z0-9_.-]{1,60}$/.test(tag)) throw new RangeError(`namespace tag must be [A-Za-z0-9_.-]{1,60}: ${tag}`);
    const name = `${RUN_PREFIX}-${tag}`;
    if (registry.namespaces.has(name)) throw new Error(`namespace ${name} already exists in this run`);
    installExitHooks();
    await run(['ip', 'netns', 'add', name]);
    const ns = new Netns(name, tag);
    registry.namespaces.set(name, ns);
    await ns.ip(['link', 'set', 'lo', 'up']);
    return ns;
  }

  ip(args: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
    return run(['ip', '-n', this.name, ...args], opts);
  }

  exec(argv: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
    return run(['ip', 'netns', 'exec', this.name, ...argv], opts);
  }

  /** `ip netns exec` execs the program in place, so the child's pid is the program's own pid. */
  spawn(argv: readonly string[], opts: SpawnOptions = {}): NsProcess {
    if (this.deleted) throw new Error(`namespace ${this.name} is deleted`);
    const child = spawnChild('ip', ['netns', 'exec', this.name, ...argv], {
      env: opts.env ?? process.env,
      cwd: opts.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdin?.on('error', () => undefined); // the child may exit without reading stdin
    return new NsProcess(child, argv, this.name);
  }

  nft(rulesetText: string): Promise<ExecResult> {
    return this.exec(['nft', '-f', '-'], { input: rulesetText });
  }

  /** Written through /proc/sys inside the namespace, so procps is not needed. */
  sysctl(key: string, value: string | number): Promise<ExecResult> {
    return this.exec(['sh', '-c', 'printf %s "$1" > "$2"', 'sysctl', String(value), `/proc/sys/${key.replaceAll('.', '/')}`]);
  }

  /** Processes started in this namespace that are still running. */
  processes(): NsProcess[] {
    return [...registry.processes].filter((p) => p.nsName === this.name);
  }

  async delete(): Promise<void> {
    if (this.deleted) return;
    this.deleted = true;
    // A namespace lives on while a process is inside it, so every process goes first.
    await Promise.all(this.processes().map((p) => p.stop()));
    const strays = await run(['ip', 'netns', 'pids', this.name], { allowFailure: true });
    for (const pid of pidsOf(strays.stdout)) signalPid(pid, 'SIGKILL');
    await run(['ip', 'netns', 'del', this.name], { allowFailure: true });
    registry.namespaces.delete(this.name);
  }
}

function pidsOf(text: string): Set<number> {
  return new Set(text.split(/\s+/).filter(Boolean).map(Number).filter(Number.isInteger));
}

/** A veth pair whose ends are born inside the two namespaces, so no lab link ever exists in the root namespace. */
export async function veth(nsA: Netns, ifA: string, nsB: Netns, ifB: string): Promise<void> {
  for (const n of [ifA, ifB]) if (!/^[A-Za-z0-9_.-]{1,15}$/.test(n)) throw new RangeError(`interface name must be ≤ 15 chars: ${n}`);
  await run(['ip', 'link', 'add', ifA, 'netns', nsA.name, 'type', 'veth', 'peer', 'name', ifB, 'netns', nsB.name]);
  await Promise.all([nsA.ip(['link', 'set', ifA, 'up']), nsB.ip(['link', 'set', ifB, 'up'])]);
  // Until the kernel's linkwatch has run, a fresh veth silently drops what it is given (see LINKS_READY_TIMEOUT_MS).
  await Promise.all([linkUp(nsA, ifA), linkUp(nsB, ifB)]);
}

async function linkUp(ns: Netns, ifname: string): Promise<void> {
  const deadline = Date.now() + LINKS_READY_TIMEOUT_MS;
  while (!/ state UP /.test((await ns.ip(['-o', 'link', 'show', 'dev', ifname])).stdout)) {
    if (Date.now() > deadline) throw new Error(`${ifname} in ${ns.name} not up after ${LINKS_READY_TIMEOUT_MS} ms`);
    await new Promise((r) => setTimeout(r, LINKS_POLL_MS));
  }
}

/** Wait until every link is operationally up and every bridge port forwards. */
export async function linksReady(ns: Netns): Promise<void> {
  const deadline = Date.now() + LINKS_READY_TIMEOUT_MS;
  for (;;) {
    const lines = (await ns.ip(['-o', '-d', 'link', 'show'])).stdout.split('\n').filter((l) => l.trim() && !/^\d+: lo:/.test(l));
    const waiting = lines.filter((l) => !/ state (UP|UNKNOWN) /.test(l) || (l.includes('bridge_slave') && !l.includes('bridge_slave state forwarding')));
    if (waiting.length === 0) return;
    if (Date.now() > deadline) throw new Error(`links in ${ns.name} not up after ${LINKS_READY_TIMEOUT_MS} ms: ${waiting.map((l) => l.split(' ')[1]).join(' ')}`);
    await new Promise((r) => setTimeout(r, LINKS_POLL_MS));
  }
}

export function runNamespaces(): string[] {
  const r = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' });
  return (r.stdout ?? '')
    .split('\n')
    .map((l) => l.split(' ')[0] ?? '')
    .filter((n) => n.startsWith(`${RUN_PREFIX}-`));
}

/** Pids of children this run started (through `spawn`) that have not exited. */
export function liveProcessPids(): number[] {
  return [...registry.processes].map((p) => p.pid);
}

export async function teardownAll(): Promise<void> {
  if (keepLab()) {
    reportKept();
    return;
  }
  await Promise.all([...registry.processes].map((p) => p.stop()));
  await Promise.all([...registry.namespaces.values()].map((ns) => ns.delete()));
}

function reportKept(): void {
  const names = [...registry.namespaces.keys()];
  if (names.length === 0) return;
  console.warn(
    `[lab] PD_LAB_KEEP=1: left up ${names.join(' ')}\n` +
      `[lab]   poke: ip netns exec ${names[0]} bash\n` +
      `[lab]   remove: run any lab test (or node e2e/lab/up.mjs --list): stale runs go with their processes`,
  );
}

/** Synchronous last resort for exit/signals: kill children by pid, delete namespaces. */
function teardownSync(): void {
  if (keepLab()) {
    reportKept();
    return;
  }
  for (const p of registry.processes) signalPid(p.pid, 'SIGKILL');
  for (const name of registry.namespaces.keys()) spawnSync('ip', ['netns', 'del', name], { stdio: 'ignore' });
  registry.namespaces.clear();
}

function installExitHooks(): void {
  if (registry.hooked) return;
  registry.hooked = true;
  process.on('exit', teardownSync);
  // `on`, not `once`: Ctrl-C reaches the whole process group, so a second signal can arrive mid-teardown,
  // and with no listener left Node would apply the default action and die with namespaces still up.
  let ending = false;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      if (ending) return;
      ending = true;
      teardownSync();
      process.exit(sig === 'SIGINT' ? 130 : 143);
    });
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove stale namespaces once per process (labSupport calls it). */
export function cleanupStale(): string[] {
  if (registry.staleCleaned) return [];
  registry.staleCleaned = true;
  return removeStaleNamespaces();
}

/** Remove namespaces (and the processes inside them) left by lab runs whose process is gone. */
export function removeStaleNamespaces(): string[] {
  const list = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout ?? '';
  const removed: string[] = [];
  for (const line of list.split('\n')) {
    const name = line.split(' ')[0] ?? '';
    const m = NS_NAME_PATTERN.exec(name);
    if (!m) continue;
    const pid = parseInt(m[1]!, 36);
    if (pid === process.pid || pidAlive(pid)) continue;
    const pids = spawnSync('ip', ['netns', 'pids', name], { encoding: 'utf8' }).stdout ?? '';
    for (const p of pidsOf(pids)) signalPid(p, 'SIGKILL');
    spawnSync('ip', ['netns', 'del', name], { stdio: 'ignore' });
    removed.push(name);
  }
  return removed;
}

/** Read a per-namespace sysctl through /proc inside the namespace (for checks like "forwarding is off in the pc"). */
export async function readSysctl(ns: Netns, key: string): Promise<string> {
  const r = await ns.exec(['cat', `/proc/sys/${key.replaceAll('.', '/')}`]);
  return r.stdout.trim();
}

/** Root-namespace interface names (to prove no lab link lives there). */
export function rootInterfaces(): string[] {
  return readFileSync('/proc/net/dev', 'utf8')
    .split('\n')
    .slice(2)
    .map((l) => l.split(':')[0]!.trim())
    .filter(Boolean);
}
