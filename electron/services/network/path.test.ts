// Path-out parsers on recorded output of each OS's tool (tracert in English and German), plus the
// bounded runner: hop limit, deadline keeps partial output, missing tools fall through.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandOutcome, CommandRequest } from '../os/command';
import { MAX_HOPS, parseTracepath, parseTraceroute, parseTracert, tracePath } from './path';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'latin1');
const addrs = (hops: { address: string | null }[]) => hops.map((h) => h.address);

describe('path parsers', () => {
  it('tracepath -n: one row per hop, "no reply" is a silent hop, [LOCALHOST] is not a hop', () => {
    const hops = parseTracepath(fixture('tracepath.txt'));
    expect(hops).toEqual([
      { hop: 1, address: '192.168.50.1', kind: 'private', rttMs: 0.084 },
      { hop: 2, address: '100.64.0.1', kind: 'cgnat', rttMs: 0.063 },
      { hop: 3, address: null, kind: null, rttMs: null },
      { hop: 4, address: '203.0.113.10', kind: 'public', rttMs: 0.077 },
    ]);
  });

  it('traceroute -n (macOS and Linux)', () => {
    expect(addrs(parseTraceroute(fixture('traceroute-macos.txt')))).toEqual(['192.168.1.1', '10.0.0.1', null, '203.0.113.10']);
    expect(parseTraceroute(fixture('traceroute-macos.txt'))[1]).toEqual({ hop: 2, address: '10.0.0.1', kind: 'private', rttMs: 8.123 });
  });

  it('tracert -d in English and German: the layout, not the words, carries the hops', () => {
    expect(addrs(parseTracert(fixture('tracert-en.txt')))).toEqual(['192.168.178.1', '100.64.0.1', null, '203.0.113.10']);
    const de = parseTracert(fixture('tracert-de.txt'));
    expect(addrs(de)).toEqual(['192.168.178.1', '10.0.0.1', null, '203.0.113.10']);
    expect(de[0]).toEqual({ hop: 1, address: '192.168.178.1', kind: 'private', rttMs: 1 });
  });

  it('ignores hostile and unrelated text', () => {
    for (const text of ['', 'garbage\n\n', ' 1:  $(reboot)  1ms', '99999999999999999999 x']) {
      expect(() => parseTracepath(text)).not.toThrow();
      expect(() => parseTraceroute(text)).not.toThrow();
      expect(parseTracert(text)).toEqual([]);
    }
    expect(parseTracepath(' 1:  $(reboot)  1ms')).toEqual([]);
  });
});

describe('tracePath', () => {
  const exited = (stdout: string): CommandOutcome => ({ kind: 'exited', exitCode: 0, stdout, stderr: '', truncated: false });

  it(`asks for at most ${MAX_HOPS} hops and no name lookups, and falls back from tracepath to traceroute`, async () => {
    const seen: CommandRequest[] = [];
    const run = async (r: CommandRequest): Promise<CommandOutcome> => {
      seen.push(r);
      return r.file === 'tracepath' ? { kind: 'not-installed', file: r.file } : exited(fixture('traceroute-macos.txt'));
    };
    const r = await tracePath('203.0.113.10', { run, platform: 'linux' });
    expect(seen.map((s) => [s.file, ...s.args].join(' '))).toEqual(['tracepath -n -m 4 203.0.113.10', 'traceroute -n -m 4 -w 1 -q 1 203.0.113.10']);
    expect(r.trace).toEqual({ state: 'traced', tool: 'traceroute', target: '203.0.113.10', reason: null });
    expect(r.hops).toHaveLength(4);
  });

  it('keeps the hops printed before the deadline', async () => {
    const run = async (): Promise<CommandOutcome> => ({ kind: 'timed-out', stdout: ' 1:  192.168.50.1   0.1ms\n 2:  no reply\n', stderr: '', timeoutMs: 5000 });
    const r = await tracePath('203.0.113.10', { run, platform: 'linux' });
    expect(addrs(r.hops)).toEqual(['192.168.50.1', null]);
    expect(r.trace.reason).toBe('stopped after 5 s');
  });

  it('uses tracert -d on Windows and says when no tool exists', async () => {
    const seen: string[] = [];
    const run = async (r: CommandRequest): Promise<CommandOutcome> => {
      seen.push([r.file, ...r.args, r.encoding].join(' '));
      return { kind: 'not-installed', file: r.file };
    };
    const r = await tracePath('203.0.113.10', { run, platform: 'win32' });
    expect(seen).toEqual(['tracert -d -h 4 -w 500 203.0.113.10 latin1']);
    expect(r.trace).toMatchObject({ state: 'not-installed', reason: 'tracert is not installed' });
    expect((await tracePath(null, { run, platform: 'linux' })).trace.state).toBe('not-checked');
  });
});
