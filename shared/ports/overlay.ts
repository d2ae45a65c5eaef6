// Curated names for ports people meet at home that IANA leaves unassigned or names unhelpfully
// (game servers from DOMAIN.md's presets, VPNs, media servers, dev tools). Checked before IANA.
import type { TransportProtocol } from './iana';

export interface CommonUse {
  /** Short label shown in tables, e.g. "minecraft". Lower-case, like IANA names. */
  readonly name: string;
  /** What the port is usually for, in words; ⚠ marks ports that sources disagree on. */
  readonly description: string;
}

type Entry = readonly [from: number, to: number, protocols: 'tcp' | 'udp' | 'both', name: string, description: string];

const GAME_UNSURE = ' (⚠ sources disagree; check the game\'s own docs)';

// Ordered by port; a port may have different meanings per protocol.
const ENTRIES: readonly Entry[] = [
  [80, 80, 'tcp', 'http', 'Web server (HTTP)'],
  [3000, 3000, 'tcp', 'dev-server', 'Development web server (Node, React, Grafana use 3000)'],
  [3389, 3389, 'both', 'rdp', 'Windows Remote Desktop (RDP)'],
  [5173, 5173, 'tcp', 'vite', 'Vite development server'],
  [7777, 7777, 'tcp', 'terraria', 'Terraria server; also Satisfactory (1.0+)'],
  [7777, 7778, 'udp', 'ark', 'ARK: Survival Evolved/Ascended, Conan Exiles, Satisfactory game port'],
  [2456, 2458, 'udp', 'valheim', `Valheim server (2456–2457; 2458 in some guides)${GAME_UNSURE}`],
  [8096, 8096, 'tcp', 'jellyfin', 'Jellyfin media server'],
  [8123, 8123, 'tcp', 'home-assistant', 'Home Assistant web UI'],
  [8211, 8211, 'udp', 'palworld', 'Palworld server'],
  [8888, 8888, 'tcp', 'satisfactory', `Satisfactory server API${GAME_UNSURE}`],
  [9876, 9877, 'udp', 'v-rising', `V Rising server${GAME_UNSURE}`],
  [10999, 10999, 'udp', 'dont-starve', `Don't Starve Together shard${GAME_UNSURE}`],
  [11434, 11434, 'tcp', 'ollama', 'Ollama local AI model server'],
  [15636, 15637, 'udp', 'enshrouded', `Enshrouded server${GAME_UNSURE}`],
  [16261, 16262, 'udp', 'project-zomboid', `Project Zomboid server${GAME_UNSURE}`],
  [19132, 19132, 'udp', 'minecraft-bedrock', 'Minecraft Bedrock server (IPv4)'],
  [19133, 19133, 'udp', 'minecraft-bedrock', 'Minecraft Bedrock server (IPv6)'],
  [21025, 21025, 'tcp', 'starbound', 'Starbound server'],
  [25565, 25565, 'tcp', 'minecraft', 'Minecraft Java server'],
  [25565, 25565, 'udp', 'minecraft-query', 'Minecraft Java query port'],
  [25575, 25575, 'tcp', 'rcon', 'Remote console (RCON) of Minecraft, Palworld, Conan Exiles'],
  [26900, 26900, 'tcp', '7-days-to-die', '7 Days to Die server'],
  [26900, 26902, 'udp', '7-days-to-die', `7 Days to Die server${GAME_UNSURE}`],
  [27015, 27015, 'udp', 'steam-game', 'Steam game/query port: Counter-Strike 2, Garry\'s Mod, ARK, Palworld query, Unturned, Conan Exiles'],
  [27015, 27015, 'tcp', 'source-rcon', 'Source engine RCON (Counter-Strike 2, Garry\'s Mod); Factorio RCON'],
  [27016, 27016, 'udp', 'steam-game', 'Unturned, Space Engineers server'],
  [27020, 27020, 'udp', 'sourcetv', 'SourceTV (Counter-Strike 2 spectators)'],
  [27020, 27020, 'tcp', 'ark-rcon', 'ARK: Survival Evolved RCON'],
  [28015, 28015, 'udp', 'rust', 'Rust server'],
  [28016, 28016, 'tcp', 'rust-rcon', 'Rust RCON'],
  [28082, 28082, 'tcp', 'rust-plus', 'Rust+ companion app'],
  [32400, 32400, 'tcp', 'plex', 'Plex media server'],
  [34197, 34197, 'udp', 'factorio', 'Factorio server'],
  [47287, 47287, 'tcp', 'port-doctor', 'Port Doctor\'s own browser UI (port-doctor serve)'],
  [51820, 51820, 'udp', 'wireguard', 'WireGuard VPN'],
];

// Keyed by port * 2 + (udp ? 1 : 0): listing 12,500 sockets looks this up 12,500 times.
let index: Map<number, CommonUse> | undefined;

function build(): Map<number, CommonUse> {
  const map = new Map<number, CommonUse>();
  for (const [from, to, protocols, name, description] of ENTRIES) {
    const use = { name, description };
    for (let port = from; port <= to; port++) {
      if (protocols !== 'udp') map.set(port * 2, use);
      if (protocols !== 'tcp') map.set(port * 2 + 1, use);
    }
  }
  return map;
}

/** The curated meaning of port/protocol at home, or null when we have nothing better than IANA. */
export function commonUse(port: number, protocol: TransportProtocol): CommonUse | null {
  index ??= build();
  return index.get(port * 2 + (protocol === 'udp' ? 1 : 0)) ?? null;
}

/** Curated entries named the needle, then those whose name has it, or whose description has it as a word ("minecraft"). */
export function findCommonUseByName(needle: string): Array<{ from: number; to: number; protocols: readonly TransportProtocol[]; use: CommonUse }> {
  const n = needle.trim().toLowerCase();
  if (n === '') return [];
  const word = new RegExp(`(^|[^a-z0-9])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^a-z0-9])`, 'i');
  const exact: ReturnType<typeof findCommonUseByName> = [];
  const byName: ReturnType<typeof findCommonUseByName> = [];
  const byWord: ReturnType<typeof findCommonUseByName> = [];
  for (const [from, to, protocols, name, description] of ENTRIES) {
    const hit = { from, to, protocols: protocols === 'both' ? (['tcp', 'udp'] as const) : [protocols], use: { name, description } };
    if (name === n) exact.push(hit);
    else if (name.includes(n)) byName.push(hit);
    else if (word.test(description)) byWord.push(hit);
  }
  return [...exact, ...byName, ...byWord];
}
