// Presets: every one valid, ids unique, DOMAIN.md's table transcribed independently and compared.
import { describe, expect, it } from 'vitest';
import { GAME_PRESETS, PRESETS, formatPresetPort, isUsualProcess, presetById, presetSchema, presetTargets, searchPresets } from './index';

/**
 * DOMAIN.md's "Game presets" table, typed out by hand from the document (not generated from the
 * data under test): game id → the needed ports as `port/proto` strings.
 */
const DOMAIN_NEEDED: Record<string, string[]> = {
  'minecraft-java': ['25565/tcp'],
  'minecraft-bedrock': ['19132/udp', '19133/udp'],
  terraria: ['7777/tcp'],
  valheim: ['2456/udp', '2457/udp'],
  palworld: ['8211/udp'],
  factorio: ['34197/udp'],
  satisfactory: ['7777/udp', '7777/tcp', '8888/tcp'],
  'counter-strike-2': ['27015/udp'],
  'ark-survival-evolved': ['7777/udp', '7778/udp', '27015/udp'],
  'ark-survival-ascended': ['7777/udp'],
  rust: ['28015/udp'],
  'project-zomboid': ['16261/udp', '16262/udp'],
  '7-days-to-die': ['26900/tcp', '26900/udp', '26901/udp', '26902/udp'],
  enshrouded: ['15636/udp', '15637/udp'],
  'v-rising': ['9876/udp', '9877/udp'],
  'garrys-mod': ['27015/udp', '27015/tcp'],
  unturned: ['27015/udp', '27016/udp'],
  'dont-starve-together': ['10999/udp'],
  starbound: ['21025/tcp'],
  'space-engineers': ['27016/udp'],
  'conan-exiles': ['7777/udp', '7778/udp', '27015/udp'],
};
/** Optional ports from the same table. */
const DOMAIN_OPTIONAL: Record<string, string[]> = {
  'minecraft-java': ['25565/udp', '25575/tcp'],
  palworld: ['27015/udp', '25575/tcp'],
  factorio: ['27015/tcp'],
  'counter-strike-2': ['27015/tcp', '27020/udp'],
  'ark-survival-evolved': ['27020/tcp'],
  rust: ['28016/tcp', '28082/tcp'],
  'conan-exiles': ['25575/tcp'],
};
/** Rows the table marks ⚠: the preset must carry a warning for the user. */
const DOMAIN_WARNED = ['valheim', 'satisfactory', 'ark-survival-ascended', 'project-zomboid', '7-days-to-die', 'enshrouded', 'v-rising', 'dont-starve-together'];
/** Relay modes the domain notes name. */
const DOMAIN_RELAY = { valheim: '-crossplay', unturned: 'Server Code', 'v-rising': 'HideIPAddress', 'team-fortress-2': '-enablefakeip' };

const keys = (id: string, needed: boolean) =>
  presetTargets(presetById(id)!)
    .filter((t) => t.needed === needed)
    .map((t) => `${t.port}/${t.protocol}`);

describe('game presets', () => {
  it('every preset parses against the schema and ids are unique', () => {
    for (const p of PRESETS) expect(presetSchema.safeParse(p).success, p.id).toBe(true);
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
    expect(PRESETS.at(-1)?.id).toBe('custom');
  });

  it('covers every game of DOMAIN.md with its needed and optional ports', () => {
    expect(GAME_PRESETS.length).toBeGreaterThanOrEqual(21);
    for (const [id, ports] of Object.entries(DOMAIN_NEEDED)) {
      expect(presetById(id), id).toBeDefined();
      expect(keys(id, true).sort(), id).toEqual([...ports].sort());
      expect(keys(id, false).sort(), id).toEqual([...(DOMAIN_OPTIONAL[id] ?? [])].sort());
    }
  });

  it('shows the ⚠ where sources disagree, and names the relay modes', () => {
    for (const id of DOMAIN_WARNED) expect(presetById(id)!.warnings.length, id).toBeGreaterThan(0);
    for (const [id, name] of Object.entries(DOMAIN_RELAY)) expect(presetById(id)!.relayModes.map((r) => r.name), id).toContain(name);
  });

  it('every game names its server programs and at least one needed port', () => {
    for (const p of GAME_PRESETS) {
      expect(p.needed.length, p.id).toBeGreaterThan(0);
      expect(p.processNames.length, p.id).toBeGreaterThan(0);
      expect(p.sources.length, p.id).toBeGreaterThan(0);
    }
  });

  it('a confirm port is one of the preset ports on that protocol', () => {
    for (const p of GAME_PRESETS) {
      const all = presetTargets(p).map((t) => `${t.port}/${t.protocol}`);
      for (const c of p.confirm) expect(all, p.id).toContain(`${c.port}/${c.protocol}`);
    }
  });

  it('search finds games by name, alias and partial words, best match first', () => {
    expect(searchPresets('cs2')[0]?.id).toBe('counter-strike-2');
    expect(searchPresets('gmod').map((p) => p.id)).toEqual(['garrys-mod']);
    expect(searchPresets("don't starve")[0]?.id).toBe('dont-starve-together');
    expect(searchPresets('MINECRAFT').map((p) => p.id)).toEqual(['minecraft-java', 'minecraft-bedrock']);
    expect(searchPresets('ark surv').map((p) => p.id)).toEqual(['ark-survival-evolved', 'ark-survival-ascended']);
    expect(searchPresets('zzz-no-such-game')).toEqual([]);
    expect(searchPresets('  ')).toHaveLength(PRESETS.length);
  });

  it('recognises server programs with .exe, case and Linux 15-character comm truncation', () => {
    const pal = presetById('palworld')!;
    expect(isUsualProcess(pal, 'PalServer-Linux')).toBe(true); // comm of PalServer-Linux-Shipping
    expect(isUsualProcess(pal, 'palserver.exe')).toBe(true);
    expect(isUsualProcess(pal, 'PalServer-Linu')).toBe(false); // 14 characters: not a truncated comm
    expect(isUsualProcess(pal, '')).toBe(false);
    expect(isUsualProcess(presetById('custom')!, 'java')).toBe(false);
  });

  it('formats ranges', () => {
    expect(formatPresetPort({ from: 2456, to: 2457, protocol: 'udp' })).toBe('2456–2457/udp');
    expect(formatPresetPort({ from: 25565, to: 25565, protocol: 'tcp' })).toBe('25565/tcp');
  });
});
