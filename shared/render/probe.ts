// A probe's results in words, once for the Port check page and `port-doctor probe`: what the
// service that answered said about itself, and when a long list is summarised instead of listed.
import type { PortState, ServiceInfo } from '../channels/probe';
import { groupDigits } from './digits';

/** "Minecraft Java 1.21.4 — 3/20 players — “Lab Minecraft”": what a protocol-aware check learned. */
export function serviceLine(s: ServiceInfo): string {
  switch (s.kind) {
    case 'minecraft-java':
      return `Minecraft Java ${s.version} — ${s.playersOnline}/${s.playersMax} players — “${s.motd}”`;
    case 'minecraft-bedrock':
      return `Minecraft Bedrock ${s.version} — ${s.playersOnline}/${s.playersMax} players — “${s.motd}”`;
    case 'steam-a2s':
      return `${s.game || 'Steam game'} “${s.name}” — ${s.players}/${s.maxPlayers} players — map ${s.map}`;
    case 'banner':
      return s.text;
  }
}

/**
 * Past this many results the most common state is summarised instead of listed, as nmap does
 * ("Not shown: 997 closed ports"): a screen or a terminal of identical rows hides the few that differ.
 */
export const LIST_ALL_UP_TO = 30;

/** nmap's order of states, for ties between equally common ones. */
const STATE_ORDER: readonly PortState[] = ['open', 'closed', 'filtered', 'open|filtered'];

/** The state to summarise for results counted per state, or null when everything is listed. */
export function summarisedState(counts: Readonly<Record<PortState, number>>): PortState | null {
  const total = STATE_ORDER.reduce((n, s) => n + counts[s], 0);
  if (total <= LIST_ALL_UP_TO) return null;
  return [...STATE_ORDER].sort((a, b) => counts[b] - counts[a])[0]!;
}

/** The line standing in for the summarised rows; `stateWord` is the surface's word for the state. */
export function notListedText(count: number, stateWord: string): string {
  return `${groupDigits(count)} ${count === 1 ? 'port' : 'ports'} “${stateWord}” not listed.`;
}
