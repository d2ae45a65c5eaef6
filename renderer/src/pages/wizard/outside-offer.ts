// Which port the wizard offers the phone/friend test for: the diagnosis had no companion, so a needed
// port's outside check did not run (or a person's test already stands in for it).
import type { PortEvidence } from '../../../../shared/diagnosis/index';

export interface OutsideOffer {
  port: number;
  protocol: 'tcp' | 'udp';
}

/**
 * The first needed port the internet side is still open for, TCP first: a phone's browser can open
 * a TCP link, while UDP needs a friend running Port Doctor with the code. Null when a companion
 * tested (or nothing needs testing: e.g. the server is bound to loopback, fix that first).
 */
export function outsideOffer(companion: string | null, ports: readonly Pick<PortEvidence, 'port' | 'protocol' | 'needed' | 'outside'>[]): OutsideOffer | null {
  if (companion !== null) return null;
  const open = ports.filter((p) => {
    const o = p.outside;
    if (!p.needed || o.vantage === 'companion') return false;
    return o.vantage !== null || (o.reachedThisComputer.state === 'not-checked' && o.reachedThisComputer.why === 'no-companion');
  });
  const pick = open.find((p) => p.protocol === 'tcp') ?? open[0];
  return pick ? { port: pick.port, protocol: pick.protocol } : null;
}
