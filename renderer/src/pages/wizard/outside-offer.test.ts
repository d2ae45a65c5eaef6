// The wizard's phone/friend offer: only without a companion, only for needed ports still untested from outside, TCP first.
import { describe, expect, it } from 'vitest';
import { no, notChecked, yes, type PortEvidence } from '../../../../shared/diagnosis/index';
import { outsideOffer } from './outside-offer';

type Row = Pick<PortEvidence, 'port' | 'protocol' | 'needed' | 'outside'>;
const NONE = notChecked('no-companion', 'no companion configured');
const untested: PortEvidence['outside'] = { vantage: null, state: null, reason: null, reachedThisComputer: NONE, answered: NONE, verifiedBy: null, testListener: NONE, rttMs: null };
const tested = (vantage: 'companion' | 'phone'): PortEvidence['outside'] => ({ vantage, state: 'open', reason: 'syn-ack', reachedThisComputer: yes(), answered: yes(), verifiedBy: 'nonce', testListener: no(), rttMs: null });
const row = (port: number, protocol: 'tcp' | 'udp', outside = untested, needed = true): Row => ({ port, protocol, needed, outside });

describe('outsideOffer', () => {
  it('offers the TCP port first (a phone can open its link), else the first needed UDP port', () => {
    expect(outsideOffer(null, [row(2456, 'udp'), row(25565, 'tcp')])).toEqual({ port: 25565, protocol: 'tcp' });
    expect(outsideOffer(null, [row(2456, 'udp')])).toEqual({ port: 2456, protocol: 'udp' });
  });

  it('keeps offering after a phone test stood in, so the user can test again', () => {
    expect(outsideOffer(null, [row(25565, 'tcp', tested('phone'))])).toEqual({ port: 25565, protocol: 'tcp' });
  });

  it('offers nothing with a companion, for ports not worth testing yet, or for optional ports', () => {
    expect(outsideOffer('http://203.0.113.10:8080/', [row(25565, 'tcp')])).toBeNull();
    expect(outsideOffer(null, [row(25565, 'tcp', tested('companion'))])).toBeNull();
    const fixFirst = { ...untested, reachedThisComputer: notChecked('not-applicable', 'the server does not listen where friends arrive: fix that first') };
    expect(outsideOffer(null, [row(25565, 'tcp', fixFirst)])).toBeNull();
    expect(outsideOffer(null, [row(25565, 'tcp', untested, false)])).toBeNull();
  });
});
