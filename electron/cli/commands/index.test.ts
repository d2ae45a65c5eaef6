// The lazy command table: every entry loads the command it names, and `--help` still lists them all.
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../memory-io.test-util';
import { runCli } from '../main';
import { COMMANDS } from './index';

describe('COMMANDS', () => {
  it('each entry loads the command of the same name, once per name', async () => {
    const loaded = await Promise.all(COMMANDS.map((c) => c.load()));
    expect(loaded.map((c) => c.name)).toEqual(COMMANDS.map((c) => c.name));
    expect(new Set(COMMANDS.map((c) => c.name)).size).toBe(COMMANDS.length);
  });

  it('--help lists every command with its summary, in table order', async () => {
    const m = memoryIo();
    expect(await runCli(['--help'], m.io)).toBe(0);
    const listed = m.out().split('\n').filter((l) => /^ {2}[a-z]/.test(l) && !l.trimStart().startsWith('--'));
    const loaded = await Promise.all(COMMANDS.map((c) => c.load()));
    expect(listed.map((l) => l.trim().split(/\s+/)[0])).toEqual(COMMANDS.map((c) => c.name));
    for (const [i, c] of loaded.entries()) expect(listed[i]).toContain(c.summary);
  });
});
