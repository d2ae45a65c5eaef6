// The port reference's facts in words, once, for the page, the CLI and reports alike.
import type { Exposure } from '../channels/listeners';
import type { BindRights, GameUse, ListeningNow, PortEntry } from '../channels/ports';
import type { PortCategory } from './numbers';
import type { RiskKind } from './risk';

export const CATEGORY_TEXT: Record<PortCategory, { label: string; range: string; meaning: string }> = {
  'well-known': { label: 'Well-known', range: '0–1023', meaning: 'IANA keeps these for standard services such as web, mail and SSH.' },
  registered: { label: 'Registered', range: '1024–49151', meaning: 'IANA assigns these to applications on request; most game servers live here.' },
  dynamic: { label: 'Dynamic', range: '49152–65535', meaning: 'Never assigned: operating systems pick short-lived source ports from here.' },
};

export const RISK_KIND_TEXT: Record<RiskKind, string> = {
  attacked: 'Attacked when exposed',
  guessable: 'Password guessing when exposed',
  reflector: 'Used to amplify floods when exposed',
};

export const EXPOSURE_TEXT: Record<Exposure, string> = {
  loopback: 'this computer only',
  interface: 'one network',
  all: 'every network',
};

const RIGHTS_TEXT = {
  admin: 'needs administrator (root) rights',
  'wildcard-only': 'any user on every address (0.0.0.0 or ::); root for one address',
  anyone: 'any user',
} as const;

/** One line per OS: who may bind the port. */
export function bindRightsLines(r: BindRights): Array<{ os: string; text: string }> {
  return [
    { os: 'Linux', text: RIGHTS_TEXT[r.linux] + (r.linux === 'admin' ? ' (or CAP_NET_BIND_SERVICE)' : '') },
    { os: 'macOS', text: RIGHTS_TEXT[r.darwin] + (r.darwin === 'wildcard-only' ? ' (macOS 10.14 and later; older: root)' : '') },
    { os: 'Windows', text: RIGHTS_TEXT[r.win32] },
  ];
}

export function categoryLine(e: Pick<PortEntry, 'category' | 'linuxEphemeral'>): string {
  const c = CATEGORY_TEXT[e.category];
  const ephemeral = e.linuxEphemeral ? ' Linux also hands out ports in 32768–60999 as temporary source ports, so a program may find it taken for a moment.' : '';
  return `${c.label} range (${c.range}). ${c.meaning}${ephemeral}`;
}

export function holderText(l: ListeningNow): string {
  const who = l.pid === null ? 'a program we cannot name' : `${l.process ?? 'a program'} (pid ${l.pid})`;
  const at = l.family === 6 ? `[${l.address}]` : l.address;
  return `${who} on ${at} — ${EXPOSURE_TEXT[l.exposure]}`;
}

/** The one-line name of an entry: our home use first, then IANA's, else a plain "nothing". */
export function entryTitle(e: PortEntry): string {
  if (e.commonUse) return `${e.commonUse.name} — ${e.commonUse.description}`;
  if (e.iana) return e.iana.description === e.iana.name ? e.iana.name : `${e.iana.name} — ${e.iana.description}`;
  return 'Nothing registered or commonly known';
}

/** "Valheim (game; friends need it)", "Palworld (Steam query; optional)". */
export function gameText(g: GameUse): string {
  return `${g.name} (${g.label}; ${g.needed ? 'friends need it' : 'optional'})`;
}
