// Windows Defender Firewall: profiles (on/off, default inbound action), the active network's
// category (Public / Private / Domain), and enabled inbound rules with their port and program
// filters, read with one PowerShell call as JSON. Block rules win; a rule for another profile
// does not help. Enum values print in English on every Windows language; only names are localized.
import type { FirewallReader, FirewallRule } from '../../../shared/network/firewall';
import { describeOutcome, type CommandRunner } from '../os/command';

/** PowerShell starts in 1–3 s; listing every rule with its filters takes a few more on a busy PC. */
const TIMEOUT_MS = 20_000;

export const WINDOWS_FIREWALL_SCRIPT = [
  "$ErrorActionPreference = 'Stop'",
  '[Console]::OutputEncoding = [Text.Encoding]::UTF8',
  '$rules = Get-NetFirewallRule -Direction Inbound -Enabled True | ForEach-Object {',
  '  $p = $_ | Get-NetFirewallPortFilter; $a = $_ | Get-NetFirewallApplicationFilter',
  "  [pscustomobject]@{ DisplayName = $_.DisplayName; Action = [string]$_.Action; Profile = [string]$_.Profile; Protocol = [string]$p.Protocol; LocalPort = @($p.LocalPort | ForEach-Object { [string]$_ }); Program = [string]$a.Program }",
  '}',
  "$profiles = Get-NetFirewallProfile | ForEach-Object { [pscustomobject]@{ Name = [string]$_.Name; Enabled = [string]$_.Enabled; DefaultInboundAction = [string]$_.DefaultInboundAction } }",
  "$connections = Get-NetConnectionProfile | ForEach-Object { [pscustomobject]@{ Name = [string]$_.Name; InterfaceAlias = [string]$_.InterfaceAlias; NetworkCategory = [string]$_.NetworkCategory } }",
  '[pscustomobject]@{ profiles = @($profiles); connections = @($connections); rules = @($rules) } | ConvertTo-Json -Depth 4 -Compress',
].join('\n');

export interface WinRule {
  name: string;
  action: 'Allow' | 'Block';
  profiles: string[];
  protocol: string;
  localPorts: string[];
  program: string;
}

export interface WinState {
  profiles: { name: string; enabled: boolean; defaultInbound: 'Allow' | 'Block' }[];
  connections: { name: string; interfaceAlias: string; category: string }[];
  rules: WinRule[];
}

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === null || v === undefined ? [] : [v]);
const s = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');

export function parseWindowsFirewallJson(text: string): WinState {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new SyntaxError(`PowerShell printed something that is not JSON: ${(e as Error).message}`, { cause: e });
  }
  if (typeof doc !== 'object' || doc === null) throw new SyntaxError('PowerShell JSON is not an object');
  const d = doc as Record<string, unknown>;
  return {
    profiles: arr(d.profiles).map((p) => {
      const o = p as Record<string, unknown>;
      // GpoBoolean prints True/False; NotConfigured means the built-in default (on, block inbound).
      return { name: s(o.Name), enabled: !/^(False|0)$/i.test(s(o.Enabled)), defaultInbound: /^Allow$/i.test(s(o.DefaultInboundAction)) ? 'Allow' : 'Block' };
    }),
    connections: arr(d.connections).map((c) => {
      const o = c as Record<string, unknown>;
      return { name: s(o.Name), interfaceAlias: s(o.InterfaceAlias), category: s(o.NetworkCategory) };
    }),
    rules: arr(d.rules).map((r) => {
      const o = r as Record<string, unknown>;
      return {
        name: s(o.DisplayName),
        action: /^Block$/i.test(s(o.Action)) ? 'Block' : 'Allow',
        profiles: s(o.Profile).split(',').map((x) => x.trim()).filter(Boolean),
        protocol: s(o.Protocol) || 'Any',
        localPorts: arr(o.LocalPort).map(s).filter(Boolean),
        program: s(o.Program) || 'Any',
      } satisfies WinRule;
    }),
  };
}

/** NetworkCategory → the firewall profile it uses. */
const PROFILE_OF: Record<string, string> = { Public: 'Public', Private: 'Private', DomainAuthenticated: 'Domain' };

function portMatches(specs: readonly string[], port: number): boolean {
  if (specs.length === 0) return true;
  return specs.some((spec) => {
    if (/^Any$/i.test(spec)) return true;
    const m = /^(\d+)(?:-(\d+))?$/.exec(spec.trim());
    return m ? port >= Number(m[1]) && port <= Number(m[2] ?? m[1]) : false;
  });
}

function protocolMatches(rule: string, protocol: 'tcp' | 'udp'): boolean {
  return /^Any$/i.test(rule) || rule.toLowerCase() === protocol || rule === (protocol === 'tcp' ? '6' : '17');
}

function programMatches(rule: string, program: string | null): boolean | 'depends' {
  if (/^Any$/i.test(rule)) return true;
  if (!program) return 'depends';
  const norm = (p: string) => p.replace(/\//g, '\\').toLowerCase();
  return norm(rule) === norm(program) || (rule.includes('%') && norm(program).endsWith(norm(rule).replace(/^%[^%]+%/, '')));
}

export function evaluateWindows(st: WinState, q: { port: number; protocol: 'tcp' | 'udp'; program: string | null }): { verdict: 'allows' | 'blocks' | 'unknown'; rules: FirewallRule[]; caveats: string[] } {
  const caveats: string[] = [];
  const active = [...new Set(st.connections.map((c) => PROFILE_OF[c.category]).filter((p): p is string => p !== undefined))];
  if (active.length === 0) return { verdict: 'unknown', rules: [], caveats: ['No connected network was found, so the firewall profile in use is unknown.'] };
  for (const c of st.connections) if (c.category === 'Public') caveats.push(`The network "${c.name}" (${c.interfaceAlias}) is marked Public: rules made only for Private networks do not apply to it.`);
  const verdicts: ('allows' | 'blocks' | 'unknown')[] = [];
  const rules: FirewallRule[] = [];
  for (const profile of active) {
    const p = st.profiles.find((x) => x.name === profile);
    if (p && !p.enabled) {
      verdicts.push('allows');
      caveats.push(`The firewall is turned off for ${profile} networks.`);
      continue;
    }
    const candidates = st.rules.filter((r) => (r.profiles.includes('Any') || r.profiles.includes(profile)) && protocolMatches(r.protocol, q.protocol) && portMatches(r.localPorts, q.port));
    const withProgram = candidates.map((r) => ({ r, m: programMatches(r.program, q.program) })).filter((x) => x.m !== false);
    const location = `Windows Defender Firewall › Inbound Rules (${profile})`;
    const block = withProgram.find((x) => x.r.action === 'Block' && x.m === true);
    if (block) {
      verdicts.push('blocks');
      rules.push({ source: 'windows-firewall', location, text: describe(block.r), effect: 'blocks' });
      continue;
    }
    const allow = withProgram.find((x) => x.r.action === 'Allow' && x.m === true);
    const maybe = withProgram.filter((x) => x.m === 'depends');
    if (allow && maybe.every((x) => x.r.action === 'Allow')) {
      verdicts.push('allows');
      rules.push({ source: 'windows-firewall', location, text: describe(allow.r), effect: 'allows' });
      continue;
    }
    if (maybe.length > 0) {
      verdicts.push('unknown');
      caveats.push(`Rules for this port name programs (${maybe.map((x) => x.r.program).join(', ')}): name the server program to get an answer.`);
      continue;
    }
    const otherProfile = st.rules.find((r) => r.action === 'Allow' && !r.profiles.includes('Any') && !r.profiles.includes(profile) && protocolMatches(r.protocol, q.protocol) && portMatches(r.localPorts, q.port));
    if (otherProfile) caveats.push(`"${otherProfile.name}" would allow it, but only on ${otherProfile.profiles.join(' and ')} networks; this one is ${profile}.`);
    const def = p?.defaultInbound ?? 'Block';
    verdicts.push(def === 'Allow' ? 'allows' : 'blocks');
    rules.push({ source: 'windows-firewall', location, text: `Default for ${profile} networks: ${def === 'Allow' ? 'allow' : 'block'} inbound connections that no rule allows`, effect: def === 'Allow' ? 'allows' : 'blocks' });
  }
  const verdict = verdicts.includes('blocks') ? 'blocks' : verdicts.includes('unknown') ? 'unknown' : 'allows';
  return { verdict, rules, caveats };
}

function describe(r: WinRule): string {
  const ports = r.localPorts.length > 0 ? r.localPorts.join(',') : 'Any';
  return `"${r.name}": ${r.action} ${r.protocol} port ${ports}, program ${r.program}, profiles ${r.profiles.join(', ') || 'Any'}`;
}

/** The one PowerShell reading: every enabled inbound rule and profile, or why it could not be read. */
export type WindowsReading = { state: WinState; readers: FirewallReader[] } | { state: null; readers: FirewallReader[] };

export async function readWindowsState(q: { run: CommandRunner; signal?: AbortSignal | undefined }): Promise<WindowsReading> {
  const o = await q.run({ file: 'powershell.exe', args: ['-NoProfile', '-NonInteractive', '-Command', WINDOWS_FIREWALL_SCRIPT], timeoutMs: TIMEOUT_MS, signal: q.signal });
  if (o.kind !== 'exited' || o.exitCode !== 0) {
    const denied = o.kind === 'exited' && /Access is denied|Zugriff verweigert|PermissionDenied/i.test(o.stderr);
    return { state: null, readers: [{ source: 'windows-firewall', state: o.kind === 'not-installed' ? 'not-installed' : denied ? 'needs-elevation' : 'failed', detail: describeOutcome(o, 'powershell.exe') }] };
  }
  const st = parseWindowsFirewallJson(o.stdout);
  return { state: st, readers: [{ source: 'windows-firewall', state: 'read', detail: `${st.rules.length} enabled inbound rules` }] };
}

/** One port's answer from the reading taken once. */
export function windowsAnswer(r: WindowsReading, q: { port: number; protocol: 'tcp' | 'udp'; program: string | null }) {
  if (r.state === null) return { verdict: 'unknown' as const, rules: [], readers: r.readers, caveats: ['The Windows firewall settings could not be read.'] };
  return { ...evaluateWindows(r.state, q), readers: r.readers };
}

export async function readWindowsFirewall(q: { port: number; protocol: 'tcp' | 'udp'; program: string | null; run: CommandRunner; signal?: AbortSignal | undefined }) {
  return windowsAnswer(await readWindowsState(q), q);
}
