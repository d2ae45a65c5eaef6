import { describe, expect, it } from 'vitest';
import type { ServiceInfo } from '../channels/probe';
import { LIST_ALL_UP_TO, notListedText, serviceLine, summarisedState } from './probe';

describe('serviceLine', () => {
  it.each<[ServiceInfo, string]>([
    [{ kind: 'minecraft-java', version: '1.21.4', protocolVersion: 769, playersOnline: 3, playersMax: 20, motd: 'Lab Minecraft' }, 'Minecraft Java 1.21.4 — 3/20 players — “Lab Minecraft”'],
    [{ kind: 'minecraft-bedrock', edition: 'MCPE', version: '1.21.50', protocolVersion: 766, playersOnline: 1, playersMax: 8, motd: 'Lab Bedrock' }, 'Minecraft Bedrock 1.21.50 — 1/8 players — “Lab Bedrock”'],
    [{ kind: 'steam-a2s', name: 'Lab Valheim', map: 'Midgard', game: 'Valheim', appId: 0, players: 2, maxPlayers: 10, version: '0.218.15' }, 'Valheim “Lab Valheim” — 2/10 players — map Midgard'],
    [{ kind: 'steam-a2s', name: 'x', map: 'de_dust2', game: '', appId: 730, players: 0, maxPlayers: 16, version: '1' }, 'Steam game “x” — 0/16 players — map de_dust2'],
    [{ kind: 'banner', protocol: 'ssh', text: 'SSH-2.0-OpenSSH_9.6' }, 'SSH-2.0-OpenSSH_9.6'],
  ])('%j', (s, text) => expect(serviceLine(s)).toBe(text));
});

describe('which state a long list summarises', () => {
  const counts = (open: number, closed: number, filtered: number, openFiltered = 0) => ({ open, closed, filtered, 'open|filtered': openFiltered });
  it('lists everything up to 30 results, the CLI and the page alike', () => {
    expect(LIST_ALL_UP_TO).toBe(30);
    expect(summarisedState(counts(1, 29, 0))).toBeNull();
    expect(summarisedState(counts(1, 30, 0))).toBe('closed');
  });
  it('summarises the most common state; ties go in nmap\'s order', () => {
    expect(summarisedState(counts(2, 10, 40))).toBe('filtered');
    expect(summarisedState(counts(0, 20, 20))).toBe('closed');
    expect(summarisedState(counts(0, 0, 0, 65535))).toBe('open|filtered');
  });
  it('says how many, in the surface\'s word for the state', () => {
    expect(notListedText(65534, 'Blocked')).toBe('65,534 ports “Blocked” not listed.');
    expect(notListedText(1, 'closed')).toBe('1 port “closed” not listed.');
  });
});
