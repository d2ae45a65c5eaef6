// macOS and Windows firewall readers on recorded output (Windows with German rule and network names).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandOutcome, CommandRequest } from '../os/command';
import { parseBlockAll, parseGlobalState, parseListApps } from './darwin';
import { readHostFirewall } from './index';
import { evaluateWindows, parseWindowsFirewallJson } from './windows';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');
const ok = (stdout: string): CommandOutcome => ({ kind: 'exited', exitCode: 0, stdout, stderr: '', truncated: false });

describe('macOS application firewall', () => {
  it('parses --listapps, --getglobalstate and --getblockall', () => {
    expect(parseListApps(fixture('socketfilterfw-listapps.txt'))).toEqual([
      { path: '/Applications/Minecraft Server.app', allowed: true },
      { path: '/usr/local/Cellar/openjdk/21.0.2/libexec/openjdk.jdk/Contents/Home/bin/java', allowed: false },
      { path: '/Applications/Steam.app', allowed: true },
    ]);
    expect(parseGlobalState('Firewall is enabled. (State = 1)\n')).toEqual({ enabled: true, essentialOnly: false });
    expect(parseGlobalState('Firewall is disabled. (State = 0)\n')).toEqual({ enabled: false, essentialOnly: false });
    expect(parseGlobalState('Firewall is blocking all non-essential. (State = 2)')).toEqual({ enabled: true, essentialOnly: true });
    expect(parseBlockAll('Block all INCOMING connections is enabled.')).toBe(true);
    expect(parseBlockAll('Firewall has block all state set to disabled.')).toBe(false);
  });

  const mac = (state: string, blockAll: string, pf: CommandOutcome) => async (r: CommandRequest): Promise<CommandOutcome> => {
    if (r.file === 'pfctl') return pf;
    if (r.args[0] === '--getglobalstate') return ok(state);
    if (r.args[0] === '--getblockall') return ok(blockAll);
    return ok(fixture('socketfilterfw-listapps.txt'));
  };
  const pfDenied: CommandOutcome = { kind: 'exited', exitCode: 1, stdout: '', stderr: 'pfctl: /dev/pf: Permission denied\n', truncated: false };

  it('decides per program: allowed, blocked, not listed', async () => {
    const run = mac('Firewall is enabled. (State = 1)', 'Block all INCOMING connections is disabled!', pfDenied);
    const allowed = await readHostFirewall({ port: 25565, protocol: 'tcp', program: '/Applications/Minecraft Server.app/Contents/MacOS/server', platform: 'darwin', run });
    expect(allowed).toMatchObject({ verdict: 'allows', needsElevation: true, rules: [{ source: 'socketfilterfw', effect: 'allows' }] });
    const blocked = await readHostFirewall({ port: 25565, protocol: 'tcp', program: '/usr/local/Cellar/openjdk/21.0.2/libexec/openjdk.jdk/Contents/Home/bin/java', platform: 'darwin', run });
    expect(blocked.verdict).toBe('blocks');
    const unlisted = await readHostFirewall({ port: 25565, protocol: 'tcp', program: '/opt/server', platform: 'darwin', run });
    expect(unlisted.verdict).toBe('unknown');
    expect(unlisted.caveats.join(' ')).toMatch(/asks on its first incoming connection/);
    const noProgram = await readHostFirewall({ port: 25565, protocol: 'tcp', platform: 'darwin', run });
    expect(noProgram.caveats.join(' ')).toMatch(/programs, not ports/);
  });

  it('block-all blocks everything; off allows unless pf is on', async () => {
    expect((await readHostFirewall({ port: 1, protocol: 'udp', platform: 'darwin', run: mac('Firewall is enabled. (State = 1)', 'Block all INCOMING connections is enabled.', pfDenied) })).verdict).toBe('blocks');
    expect((await readHostFirewall({ port: 1, protocol: 'udp', platform: 'darwin', run: mac('Firewall is disabled. (State = 0)', '', ok('Status: Disabled for 0 days 00:00:00')) })).verdict).toBe('allows');
    const pfOn = await readHostFirewall({ port: 1, protocol: 'udp', platform: 'darwin', run: mac('Firewall is disabled. (State = 0)', '', ok('Status: Enabled for 0 days 01:02:03')) });
    expect(pfOn.verdict).toBe('unknown');
    expect(pfOn.readers.find((r) => r.source === 'pf')?.state).toBe('read');
  });
});

describe('Windows Defender Firewall', () => {
  const de = parseWindowsFirewallJson(fixture('windows-firewall-de.json'));

  it('reads profiles, the connected network and rules (German names, English enum values)', () => {
    expect(de.connections).toEqual([{ name: 'FRITZ!Box 7590 – Heimnetz', interfaceAlias: 'WLAN', category: 'Public' }]);
    expect(de.profiles.find((p) => p.name === 'Public')).toEqual({ name: 'Public', enabled: true, defaultInbound: 'Block' });
    expect(de.rules[3]).toEqual({ name: 'Valheim-Server Ports', action: 'Allow', profiles: ['Private', 'Public'], protocol: 'UDP', localPorts: ['2456-2458'], program: 'Any' });
  });

  it('a rule only for Private networks does not help on a Public network, and says so', () => {
    const r = evaluateWindows(de, { port: 25565, protocol: 'tcp', program: null });
    expect(r.verdict).toBe('blocks');
    expect(r.rules[0]!.text).toMatch(/^Default for Public networks: block/);
    expect(r.caveats.join(' ')).toContain('"Minecraft-Server (nur privat)" would allow it, but only on Private networks; this one is Public.');
    expect(r.caveats.join(' ')).toContain('"FRITZ!Box 7590 – Heimnetz" (WLAN) is marked Public');
  });

  it('port ranges, block rules winning over allow rules, and program filters', () => {
    const valheim = 'C:\\Games\\Valheim\\valheim_server.exe';
    expect(evaluateWindows(de, { port: 2457, protocol: 'udp', program: valheim })).toMatchObject({ verdict: 'allows', rules: [{ effect: 'allows', text: expect.stringContaining('Valheim-Server Ports') }] });
    // Without a program, the Java block rule (any UDP port, Public) may apply: that is not a yes.
    const unnamed = evaluateWindows(de, { port: 2457, protocol: 'udp', program: null });
    expect(unnamed.verdict).toBe('unknown');
    expect(unnamed.caveats.join(' ')).toContain('javaw.exe');
    expect(evaluateWindows(de, { port: 7777, protocol: 'tcp', program: null })).toMatchObject({ verdict: 'blocks', rules: [{ text: expect.stringContaining('Terraria blockieren') }] });
    expect(evaluateWindows(de, { port: 2457, protocol: 'udp', program: 'C:\\Program Files\\Java\\jre-1.8\\bin\\javaw.exe' }).verdict).toBe('blocks');
    expect(evaluateWindows(de, { port: 9999, protocol: 'udp', program: null }).verdict).toBe('unknown');
  });

  it('a profile with the firewall off allows; single objects parse like arrays', () => {
    const en = parseWindowsFirewallJson(fixture('windows-firewall-en-private.json'));
    expect(en.rules).toHaveLength(1);
    expect(evaluateWindows(en, { port: 1, protocol: 'udp', program: null })).toMatchObject({ verdict: 'allows', caveats: ['The firewall is turned off for Private networks.'] });
  });

  it('runs one non-interactive PowerShell call and reports failures without guessing', async () => {
    const seen: CommandRequest[] = [];
    const run = async (r: CommandRequest): Promise<CommandOutcome> => {
      seen.push(r);
      return ok(fixture('windows-firewall-de.json'));
    };
    const a = await readHostFirewall({ port: 2456, protocol: 'udp', program: 'C:\\Games\\Valheim\\valheim_server.exe', platform: 'win32', run });
    expect(a.verdict).toBe('allows');
    expect(seen[0]!.args.slice(0, 3)).toEqual(['-NoProfile', '-NonInteractive', '-Command']);
    const broken = await readHostFirewall({ port: 2456, protocol: 'udp', platform: 'win32', run: async () => ({ kind: 'exited', exitCode: 1, stdout: '', stderr: 'Get-NetFirewallRule : Zugriff verweigert', truncated: false }) });
    expect(broken).toMatchObject({ verdict: 'unknown', needsElevation: true });
    expect(() => parseWindowsFirewallJson('Fehler')).toThrow(/not JSON/);
  });
});
