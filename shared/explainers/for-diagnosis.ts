// Which explainer each diagnosis cause and note relies on, so the wizard's findings link to the
// words behind them. Records over the closed code lists: a new code without an entry fails to compile.
import type { CauseCode, NoteCode } from '../diagnosis/cause-codes';
import type { ExplainerId } from './ids';

export const EXPLAINER_FOR_CAUSE: Readonly<Record<CauseCode, ExplainerId | null>> = {
  reachable: 'port-forwarding',
  'not-listening': 'port-states',
  'loopback-only': 'bind-address',
  'wrong-interface': 'bind-address',
  'wrong-protocol': 'tcp-udp',
  'host-firewall': 'host-firewall',
  'no-forward': 'port-forwarding',
  'forward-wrong-device': 'port-forwarding',
  cgnat: 'cgnat',
  'double-nat': 'double-nat',
  'isp-blocked': 'port-states',
  'relay-game': 'nat',
  unknown: null,
};

export const EXPLAINER_FOR_NOTE: Readonly<Record<NoteCode, ExplainerId | null>> = {
  hairpin: 'hairpin-nat',
  'ipv6-available': 'cgnat',
  'optional-port-closed': 'port-forwarding',
  'unexpected-program': 'address-in-use',
  'udp-unconfirmed': 'tcp-udp',
  'path-ready': 'port-forwarding',
};

const isCause = (code: CauseCode | NoteCode): code is CauseCode => Object.prototype.hasOwnProperty.call(EXPLAINER_FOR_CAUSE, code);

/** The explainer behind a finding's code (cause or note); null when none fits. */
export function explainerForFinding(code: CauseCode | NoteCode): ExplainerId | null {
  return isCause(code) ? EXPLAINER_FOR_CAUSE[code] : EXPLAINER_FOR_NOTE[code];
}
