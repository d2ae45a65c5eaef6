// The risk table: the services the issue names are covered, every note is sourced, and no port and
// protocol has two competing notes.
import { describe, expect, it } from 'vitest';
import { PORT_RISKS, riskFor } from './risk';

describe('risk table', () => {
  it.each([
    [3389, 'tcp', 'rdp', 'attacked'], [445, 'tcp', 'smb', 'attacked'], [139, 'tcp', 'smb', 'attacked'],
    [3306, 'tcp', 'mysql', 'guessable'], [5432, 'tcp', 'postgresql', 'guessable'], [6379, 'tcp', 'redis', 'attacked'],
    [27017, 'tcp', 'mongodb', 'attacked'], [23, 'tcp', 'telnet', 'attacked'], [5900, 'tcp', 'vnc', 'guessable'],
    [2375, 'tcp', 'docker-api', 'attacked'], [22, 'tcp', 'ssh', 'guessable'], [25575, 'tcp', 'rcon', 'guessable'],
    [11211, 'udp', 'memcached', 'reflector'], [53, 'udp', 'dns', 'reflector'], [1900, 'udp', 'ssdp', 'reflector'],
  ] as const)('%i/%s is %s (%s)', (port, protocol, id, kind) => {
    expect(riskFor(port, protocol)).toMatchObject({ id, kind });
  });

  it.each([[53, 'tcp'], [445, 'udp'], [25565, 'tcp'], [443, 'tcp'], [80, 'tcp'], [0, 'udp']] as const)('%i/%s has no note', (port, protocol) => {
    expect(riskFor(port, protocol)).toBeNull();
  });

  it('every note has a risk, a fix and at least one https source; ids are unique', () => {
    expect(new Set(PORT_RISKS.map((r) => r.id)).size).toBe(PORT_RISKS.length);
    for (const r of PORT_RISKS) {
      expect(r.risk.length, r.id).toBeGreaterThan(20);
      expect(r.fix.length, r.id).toBeGreaterThan(10);
      expect(r.risk.endsWith('.') && r.fix.endsWith('.'), r.id).toBe(true);
      for (const s of r.sources) {
        expect(new URL(s.url).protocol, `${r.id} ${s.url}`).toBe('https:');
        expect(s.title.length).toBeGreaterThan(5);
      }
      expect(r.aliases.length, r.id).toBeGreaterThan(0);
      for (const a of r.aliases) expect(a, r.id).toBe(a.toLowerCase());
    }
  });

  it('no port and protocol is claimed by two notes', () => {
    const owner = new Map<string, string>();
    for (const r of PORT_RISKS) {
      for (const p of r.ports) {
        for (const proto of r.protocols) {
          const key = `${p}/${proto}`;
          expect(owner.get(key), `${key}: ${owner.get(key)} and ${r.id}`).toBeUndefined();
          owner.set(key, r.id);
        }
      }
    }
  });
});
