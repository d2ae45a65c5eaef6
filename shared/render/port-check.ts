// A companion check in words: what the internet saw at the public address, and whether it was
// proven to reach this computer ('not checked' is said as such, never as "not verified").
import type { PortCheckResult, VerifiedBy } from '../channels/companion';

export const VERIFIED_BY_WORDS: Record<VerifiedBy, string> = {
  nonce: 'Port Doctor\'s own listener answered the companion with a fresh code',
  'socket-table': 'the companion\'s connection showed up in this computer\'s socket table',
  protocol: 'the service that answered the companion is the one running here',
};

/** The lines `port-doctor check` prints, in order. */
export function portCheckLines(r: PortCheckResult): string[] {
  const lines = [`${r.publicAddress} port ${r.port}/${r.protocol}: ${r.state} (${r.reason}${r.rttMs !== null ? `, ${r.rttMs} ms` : ''})`];
  const v = r.verified;
  if (v.state === 'yes') lines.push(`Verified: ${r.verifiedBy ? VERIFIED_BY_WORDS[r.verifiedBy] : (v.detail ?? 'it reached this computer')}.`);
  else if (v.state === 'not-checked') lines.push(`Not checked whether it reached this computer: ${v.reason}.`);
  else if (r.state === 'open') {
    lines.push(`NOT verified: something answered, but it was not this computer${v.detail ? ` (${v.detail})` : ''}. Check which LAN address the port forward points at.`);
  }
  if (r.mode === 'port-held') lines.push(`Port ${r.port}/${r.protocol} is held by a program on this computer; it was tested as it runs.`);
  if (r.mode === 'listener-denied') lines.push(`Port ${r.port} needs more rights to open a test listener; tested without one.`);
  return lines;
}
