// Port check view logic (pure): presets, plain-word explanations, progress text, which rows to show.
import type { PortState, ProbeReason, ProbeResult, Transport } from '../../../../shared/channels/probe';
import { summarisedState } from '../../../../shared/render/probe';
import type { ResultLog } from '../../store/result-log';

export interface PortPreset {
  id: string;
  label: string;
  ports: string;
  protocol: Transport;
}

/** Ports home users most often ask about: remote access, web, mail, file sharing, games. */
export const COMMON_PRESET: PortPreset = { id: 'common', label: 'Common ports', ports: '21,22,23,25,53,80,110,143,443,445,3389,5900,8080,8443,25565,27015', protocol: 'tcp' };

/** The game presets from the product's domain notes (defaults; some games vary by version). */
export const GAME_PRESETS: readonly PortPreset[] = [
  { id: 'minecraft-java', label: 'Minecraft Java', ports: '25565', protocol: 'tcp' },
  { id: 'minecraft-bedrock', label: 'Minecraft Bedrock', ports: '19132,19133', protocol: 'udp' },
  { id: 'terraria', label: 'Terraria', ports: '7777', protocol: 'tcp' },
  { id: 'valheim', label: 'Valheim', ports: '2456-2458', protocol: 'udp' },
  { id: 'palworld', label: 'Palworld', ports: '8211,27015', protocol: 'udp' },
  { id: 'factorio', label: 'Factorio', ports: '34197', protocol: 'udp' },
  { id: 'cs2', label: 'Counter-Strike 2 / Source', ports: '27015,27020', protocol: 'udp' },
  { id: 'ark', label: 'ARK: Survival Evolved', ports: '7777,7778,27015', protocol: 'udp' },
  { id: 'rust', label: 'Rust', ports: '28015', protocol: 'udp' },
  { id: 'starbound', label: 'Starbound', ports: '21025', protocol: 'tcp' },
];

export const ALL_PRESETS: readonly PortPreset[] = [COMMON_PRESET, ...GAME_PRESETS, { id: 'all', label: 'Every port (1–65535)', ports: 'all', protocol: 'tcp' }];

export const STATE_WORDS: Record<PortState, string> = {
  open: 'Open',
  closed: 'Closed',
  filtered: 'Blocked',
  'open|filtered': 'No answer',
};

export const STATE_TONE: Record<PortState, 'ok' | 'bad' | 'warn' | 'muted'> = {
  open: 'ok',
  closed: 'bad',
  filtered: 'warn',
  'open|filtered': 'muted',
};

/** What each verdict means for the user, in plain words. */
export function explain(state: PortState, reason: ProbeReason, protocol: Transport): string {
  switch (reason) {
    case 'syn-ack':
      return 'A program accepted the connection: this port is reachable from here.';
    case 'udp-response':
      return 'A program answered: this UDP port is reachable from here.';
    case 'conn-refused':
    case 'port-unreach':
      return 'The computer answered, but nothing is listening on this port. Start the server, or check the port number it uses.';
    case 'host-unreach':
      return 'Something on the way said the host cannot be reached — usually a firewall rejecting this port.';
    case 'net-unreach':
      return 'A router said it has no way to that network.';
    case 'admin-prohibited':
      return 'A firewall refused the traffic on purpose.';
    case 'no-response':
      return state === 'open|filtered' || protocol === 'udp'
        ? 'No answer. For UDP that proves little: many servers only answer their own game\'s messages. Nothing refused it, so it may be open.'
        : 'Nothing came back: a firewall is silently dropping the traffic, or the host is off.';
  }
}

export function progressText(done: number, total: number, etaMs: number | null): string {
  const base = `${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} ports`;
  if (done >= total) return base;
  if (etaMs === null) return `${base} · estimating time left…`;
  // A scan still running has at least a moment left: never "about 0 s".
  const s = Math.max(1, Math.ceil(etaMs / 1000));
  return `${base} · about ${s < 60 ? `${s} s` : `${Math.ceil(s / 60)} min`} left`;
}

/** What a cancelled scan got through: "Cancelled after 3 of 12 ports — …". */
export function cancelledText(done: number, total: number): string {
  return `Cancelled after ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} ports — showing what was checked before you stopped.`;
}

/** The rows a table lists, and the most common state summarised instead (the shared rule, shared/render/probe.ts). */
export function visibleResults(log: ResultLog, showAll: boolean): { rows: ProbeResult[]; hidden: { state: PortState; count: number } | null } {
  const counts = { open: log.count('open'), closed: log.count('closed'), filtered: log.count('filtered'), 'open|filtered': log.count('open|filtered') };
  const state = showAll ? null : summarisedState(counts);
  if (state === null) return { rows: log.sortedExcept(null), hidden: null };
  return { rows: log.sortedExcept(state), hidden: { state, count: counts[state] } };
}
