// Preset lookups without the zod schema, so the renderer can bundle them: list, search, targets, names.
import { CUSTOM_PRESET, GAME_PRESETS } from './games';
import type { PortRole, Preset, PresetPort, PresetProtocol } from './schema';

export { CUSTOM_PRESET, GAME_PRESETS } from './games';

/** Every game, then "custom" last (the wizard's list order). */
export const PRESETS: readonly Preset[] = [...GAME_PRESETS, CUSTOM_PRESET];

const byId = new Map(PRESETS.map((p) => [p.id, p]));

export function presetById(id: string): Preset | undefined {
  return byId.get(id);
}

export const PRESET_IDS: readonly string[] = PRESETS.map((p) => p.id);

function fold(text: string): string {
  // Apostrophes and punctuation vary in how people type game names ("dont starve", "cs:go").
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, ' ').trim();
}

/**
 * Presets matching every word the user typed, in the name, id or an alias; best first (a name or
 * alias that starts with the query beats one that only contains it). An empty query lists all.
 */
export function searchPresets(query: string): Preset[] {
  const q = fold(query);
  if (q === '') return [...PRESETS];
  const words = q.split(' ');
  const scored: { preset: Preset; score: number; order: number }[] = [];
  PRESETS.forEach((preset, order) => {
    const haystacks = [preset.name, preset.id, ...preset.aliases].map(fold);
    const all = haystacks.join(' ');
    if (!words.every((w) => all.includes(w))) return;
    const score = haystacks.some((h) => h === q) ? 0 : haystacks.some((h) => h.startsWith(q)) ? 1 : 2;
    scored.push({ preset, score, order });
  });
  return scored.sort((a, b) => a.score - b.score || a.order - b.order).map((s) => s.preset);
}

/** One port of one protocol, as the diagnosis tests it. */
export interface PresetTarget {
  port: number;
  protocol: PresetProtocol;
  role: PortRole;
  label: string;
  /** Friends need it (true) or it only helps (server list, admin). */
  needed: boolean;
}

/** A preset's ranges expanded into single ports, needed first, each (port, protocol) once. */
export function presetTargets(preset: Preset): PresetTarget[] {
  const out: PresetTarget[] = [];
  const seen = new Set<string>();
  const add = (p: PresetPort, needed: boolean) => {
    for (let port = p.from; port <= p.to; port++) {
      const key = `${port}/${p.protocol}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ port, protocol: p.protocol, role: p.role, label: p.label, needed });
    }
  };
  preset.needed.forEach((p) => add(p, true));
  preset.optional.forEach((p) => add(p, false));
  return out;
}

/** `25565/tcp`, `2456–2457/udp`. */
export function formatPresetPort(p: Pick<PresetPort, 'from' | 'to' | 'protocol'>): string {
  return p.from === p.to ? `${p.from}/${p.protocol}` : `${p.from}–${p.to}/${p.protocol}`;
}

/** Linux keeps only the first 15 bytes of a program name in `comm` (TASK_COMM_LEN 16 with NUL). */
const LINUX_COMM_LENGTH = 15;

/**
 * Whether a process name the OS reported is one of the preset's usual server programs:
 * case-insensitive, with or without `.exe`, and tolerating Linux's truncated `comm`.
 */
export function isUsualProcess(preset: Preset, reported: string): boolean {
  const r = reported.toLowerCase().replace(/\.exe$/, '');
  if (r === '') return false;
  return preset.processNames.some((name) => {
    const n = name.toLowerCase().replace(/\.exe$/, '');
    return n === r || (r.length === LINUX_COMM_LENGTH && n.startsWith(r));
  });
}
