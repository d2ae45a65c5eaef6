// macOS: the application firewall (socketfilterfw: on/off, block-all, per-app allow/block) and
// whether pf is enabled. The application firewall decides per program, not per port.
import type { FirewallReader, FirewallRule } from '../../../shared/network/firewall';
import { describeOutcome, type CommandOutcome, type CommandRunner } from '../os/command';

const SOCKETFILTERFW = '/usr/libexec/ApplicationFirewall/socketfilterfw';
const TIMEOUT_MS = 5_000;

export interface MacApp {
  path: string;
  allowed: boolean;
}

/** `--listapps`: "1 :  /path" followed by "( Allow incoming connections )" or "( Block … )". */
export function parseListApps(text: string): MacApp[] {
  const out: MacApp[] = [];
  let current: string | null = null;
  for (const line of text.split('\n')) {
    const app = /^\s*\d+\s*:\s+(.+?)\s*$/.exec(line);
    if (app) {
      current = app[1]!;
      continue;
    }
    const rule = /\(\s*(Allow|Block) incoming connections\s*\)/i.exec(line);
    if (rule && current) {
      out.push({ path: current, allowed: rule[1]!.toLowerCase() === 'allow' });
      current = null;
    }
  }
  return out;
}

/** "Firewall is enabled. (State = 1)" / "… disabled. (State = 0)"; State 2 = essential services only. */
export function parseGlobalState(text: string): { enabled: boolean; essentialOnly: boolean } | null {
  const m = /State = (\d)/.exec(text);
  if (m) return { enabled: m[1] !== '0', essentialOnly: m[1] === '2' };
  if (/is enabled/i.test(text)) return { enabled: true, essentialOnly: false };
  if (/is disabled/i.test(text)) return { enabled: false, essentialOnly: false };
  return null;
}

/** "Block all INCOMING connections is enabled." / "Firewall has block all state set to disabled." */
export function parseBlockAll(text: string): boolean | null {
  if (/block all[^\n]*(?:is|set to) enabled|block all state set to enabled/i.test(text)) return true;
  if (/block all[^\n]*(?:is|set to) disabled|disabled/i.test(text)) return false;
  return null;
}

const out = (o: CommandOutcome) => (o.kind === 'exited' ? o.stdout + o.stderr : '');

export interface MacRead {
  verdict: 'allows' | 'blocks' | 'unknown';
  rules: FirewallRule[];
  readers: FirewallReader[];
  caveats: string[];
}

/** The four readings the answer is made from; they do not depend on the port or the program. */
export interface MacReadings {
  state: CommandOutcome;
  blockAll: CommandOutcome;
  apps: CommandOutcome;
  pf: CommandOutcome;
}

export async function readMacReadings(q: { run: CommandRunner; signal?: AbortSignal | undefined }): Promise<MacReadings> {
  const run = (file: string, args: string[]) => q.run({ file, args, timeoutMs: TIMEOUT_MS, signal: q.signal, env: { LC_ALL: 'C' } });
  const [state, blockAll, apps, pf] = await Promise.all([
    run(SOCKETFILTERFW, ['--getglobalstate']),
    run(SOCKETFILTERFW, ['--getblockall']),
    run(SOCKETFILTERFW, ['--listapps']),
    run('pfctl', ['-s', 'info']),
  ]);
  return { state, blockAll, apps, pf };
}

export async function readMacFirewall(q: { program: string | null; run: CommandRunner; signal?: AbortSignal | undefined }): Promise<MacRead> {
  return evaluateMac(await readMacReadings(q), q.program);
}

/** The answer for one program from readings taken once. */
export function evaluateMac(m: MacReadings, program: string | null): MacRead {
  const { state, blockAll, apps, pf } = m;
  const readers: FirewallReader[] = [];
  const caveats: string[] = [];
  const rules: FirewallRule[] = [];
  const global = parseGlobalState(out(state));
  readers.push(global ? { source: 'socketfilterfw', state: global.enabled ? 'read' : 'inactive', detail: global.enabled ? 'on' : 'off' } : { source: 'socketfilterfw', state: state.kind === 'not-installed' ? 'not-installed' : 'failed', detail: describeOutcome(state, 'socketfilterfw') });
  const pfText = out(pf);
  const pfEnabled = /Status:\s*Enabled/i.test(pfText);
  readers.push(
    /Status:\s*(Enabled|Disabled)/i.test(pfText)
      ? { source: 'pf', state: pfEnabled ? 'read' : 'inactive', detail: pfEnabled ? 'enabled: its rules are not evaluated by Port Doctor' : 'disabled' }
      : /Permission denied|Operation not permitted/i.test(pfText)
        ? { source: 'pf', state: 'needs-elevation', detail: 'pfctl needs administrator rights' }
        : { source: 'pf', state: pf.kind === 'not-installed' ? 'not-installed' : 'failed', detail: describeOutcome(pf, 'pfctl') },
  );
  if (pfEnabled) caveats.push('pf (the packet filter) is enabled; its rules were not evaluated.');
  let verdict: MacRead['verdict'];
  if (!global) {
    verdict = 'unknown';
  } else if (!global.enabled) {
    verdict = pfEnabled ? 'unknown' : 'allows';
  } else if (parseBlockAll(out(blockAll)) === true || global.essentialOnly) {
    verdict = 'blocks';
    rules.push({ source: 'socketfilterfw', location: 'System Settings › Network › Firewall › Options', text: 'Block all incoming connections', effect: 'blocks' });
  } else if (!program) {
    verdict = 'unknown';
    caveats.push('The macOS firewall allows or blocks programs, not ports: name the server program to get an answer.');
  } else {
    const app = parseListApps(out(apps)).find((a) => a.path === program || program.startsWith(`${a.path}/`));
    if (app) {
      verdict = app.allowed ? 'allows' : 'blocks';
      rules.push({ source: 'socketfilterfw', location: 'System Settings › Network › Firewall › Options', text: `${app.path}: ${app.allowed ? 'Allow' : 'Block'} incoming connections`, effect: app.allowed ? 'allows' : 'blocks' });
    } else {
      verdict = 'unknown';
      caveats.push(`${program} is not in the firewall's list: macOS asks on its first incoming connection (signed apps may be allowed automatically).`);
    }
  }
  if (verdict === 'allows' && pfEnabled) verdict = 'unknown';
  return { verdict, rules, readers, caveats };
}
