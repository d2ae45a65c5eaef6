// The plan (pure): which ports, from a preset or typed, which steps, which vantage points.
import { MAX_TARGETS, STEP_IDS, type Plan, type Target } from '../../../shared/diagnosis/index';
import { CUSTOM_PRESET, presetById, presetTargets } from '../../../shared/presets/index';

export interface PlanInput {
  /** A preset id; absent or `custom` with `ports`. */
  presetId?: string | undefined;
  /** Typed ports (custom); each is needed. */
  ports?: readonly { port: number; protocol: 'tcp' | 'udp' }[] | undefined;
  /** The relay mode the user says the server runs in (a name from the preset). */
  relayMode?: string | null | undefined;
  companion: string | null;
  stunServers: readonly string[];
}

/** Throws RangeError/TypeError for caller mistakes (unknown preset, no ports, too many). */
export function buildPlan(input: PlanInput): Plan {
  const preset = input.presetId === undefined || input.presetId === 'custom' ? CUSTOM_PRESET : presetById(input.presetId);
  if (!preset) throw new RangeError(`unknown game '${input.presetId}' (port-doctor games lists them)`);
  let targets: Target[];
  if (preset.id === 'custom') {
    if (!input.ports || input.ports.length === 0) throw new TypeError('custom needs at least one port');
    const seen = new Set<string>();
    targets = [];
    for (const p of input.ports) {
      if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) throw new RangeError(`port must be 1–65535, got ${p.port}`);
      const key = `${p.port}/${p.protocol}`;
      if (seen.has(key)) continue;
      seen.add(key);
      targets.push({ port: p.port, protocol: p.protocol, needed: true, role: 'game', label: 'your port' });
    }
  } else {
    targets = presetTargets(preset).map(({ port, protocol, needed, role, label }) => ({ port, protocol, needed, role, label }));
  }
  if (targets.length > MAX_TARGETS) throw new RangeError(`at most ${MAX_TARGETS} ports per diagnosis, got ${targets.length}`);
  const relayMode = input.relayMode ?? null;
  if (relayMode !== null && !preset.relayModes.some((r) => r.name === relayMode)) {
    throw new RangeError(`${preset.name} has no relay mode '${relayMode}'`);
  }
  return {
    presetId: preset.id,
    presetName: preset.name,
    targets,
    relayMode,
    companion: input.companion,
    stunServers: [...input.stunServers],
    steps: [...STEP_IDS],
  };
}
