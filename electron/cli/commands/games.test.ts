// `port-doctor games`: lists, searches, shows one game, JSON is the preset data, no match exits 1.
import { describe, expect, it } from 'vitest';
import { GAME_PRESETS } from '../../../shared/presets/index';
import { runCli } from '../main';
import { memoryIo } from '../memory-io.test-util';

async function cli(args: string[]) {
  const m = memoryIo();
  const code = await runCli(args, m.io);
  return { code, out: m.out(), err: m.err() };
}

describe('port-doctor games', () => {
  it('lists every game and custom, one per line, ⚠ on disputed ones', async () => {
    const r = await cli(['games']);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(GAME_PRESETS.length + 1);
    expect(lines.find((l) => l.startsWith('valheim'))).toMatch(/2456–2457\/udp.*⚠$/);
    expect(lines.find((l) => l.startsWith('minecraft-java'))).toContain('25565/tcp; optional 25565/udp (query (enable-query)), 25575/tcp (RCON)');
  });

  it('shows one game in full by id, and searches by words', async () => {
    const one = await cli(['games', 'valheim']);
    expect(one.out).toContain('relay     -crossplay');
    expect(one.out).toContain('⚠         Some guides also forward 2458/udp');
    const search = await cli(['games', 'ark']);
    expect(search.out.trim().split('\n').map((l) => l.split(' ')[0])).toEqual(['ark-survival-evolved', 'ark-survival-ascended']);
  });

  it('--json is the preset data; no match exits 1 with a pointer', async () => {
    const r = await cli(['games', '--json', 'factorio']);
    expect(JSON.parse(r.out)).toEqual([GAME_PRESETS.find((p) => p.id === 'factorio')]);
    const none = await cli(['games', 'no such game']);
    expect(none.code).toBe(1);
    expect(none.err).toContain("no game matches 'no such game'");
    expect((await cli(['games', '--bogus'])).code).toBe(2);
  });
});
