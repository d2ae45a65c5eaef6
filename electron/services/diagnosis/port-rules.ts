// Rules for one needed port: from its facts (and the network's) to the one cause that decides it.
import { ISP_COMMONLY_BLOCKED_TCP, type CauseCode, type Confidence, type Evidence, type PortEvidence } from '../../../shared/diagnosis/index';

export interface PortCause {
  cause: CauseCode;
  confidence: Confidence;
  /** Evidence paths the cause rests on. */
  evidence: string[];
  params: Record<string, string | number>;
}

const at = (i: number, field: string) => `ports[${i}].${field}`;

/**
 * Friends' traffic arrives on this port, as the path rule judges it: proven, or a UDP reply from
 * the public address on a port our server holds (see pathCause). Not recursive on purpose.
 */
export function arrives(p: PortEvidence): boolean {
  const o = p.outside;
  return o.reachedThisComputer.state === 'yes' || (p.protocol === 'udp' && o.state === 'open' && o.testListener.state !== 'yes');
}
const yes = (f: { state: string }) => f.state === 'yes';
const no = (f: { state: string }) => f.state === 'no';

/** What a listening (or not-yet-listening) port's path from the internet says. */
export function pathCause(ev: Evidence, i: number): PortCause {
  const p = ev.ports[i] as PortEvidence;
  const o = p.outside;
  const net = ev.network;
  const base = (cause: CauseCode, confidence: Confidence, evidence: string[], params: Record<string, string | number> = {}): PortCause => ({
    cause,
    confidence,
    evidence,
    params,
  });

  if (yes(o.reachedThisComputer)) return base('reachable', 'high', [at(i, 'outside.reachedThisComputer')]);

  const firewallBlocks = no(p.firewallAllows);
  if (o.vantage === null || o.state === null) {
    // No outside test: only what this computer and the network facts can say on their own.
    if (firewallBlocks) return base('host-firewall', 'high', [at(i, 'firewallAllows')]);
    if (yes(net.behindCgnat)) return base('cgnat', 'high', ['network.behindCgnat']);
    if (yes(net.doubleNat)) return base('double-nat', 'medium', ['network.doubleNat']);
    return base('unknown', 'low', [at(i, 'outside.reachedThisComputer')], { missing: 'outside-test' });
  }

  if (o.state === 'open') {
    // Something at the public address accepted the connection or replied, and it was not proven to be us.
    if (yes(o.testListener)) return base('forward-wrong-device', 'high', [at(i, 'outside.answered'), at(i, 'outside.testListener'), at(i, 'outside.reachedThisComputer')]);
    if (p.protocol === 'udp') {
      // A UDP reply from the public address on the port our server holds, but the server speaks no
      // query we can compare: most likely ours (another device rarely serves the same UDP port).
      return base('reachable', 'medium', [at(i, 'outside.answered'), at(i, 'listening')], { unproven: 'udp-reply' });
    }
    return base('forward-wrong-device', 'medium', [at(i, 'outside.answered'), at(i, 'outside.reachedThisComputer')]);
  }

  if (firewallBlocks) return base('host-firewall', 'high', [at(i, 'firewallAllows'), at(i, 'outside.reachedThisComputer')]);

  if (o.state === 'closed') {
    // Refused: by the router itself (it refuses anything unforwarded), or by a device/port the
    // forward leads to. A control port nobody forwards tells the two apart.
    if (no(net.routerRefusesUnforwarded)) return base('forward-wrong-device', 'high', [at(i, 'outside.answered'), 'network.routerRefusesUnforwarded']);
    const conf: Confidence = yes(net.routerRefusesUnforwarded) ? 'high' : 'medium';
    return base('no-forward', conf, [at(i, 'outside.answered'), 'network.routerRefusesUnforwarded', at(i, 'firewallAllows')], { refused: 1 });
  }

  // Silence from outside.
  if (yes(net.behindCgnat)) return base('cgnat', 'high', ['network.behindCgnat', at(i, 'outside.reachedThisComputer')]);
  if (yes(net.doubleNat)) return base('double-nat', 'high', ['network.doubleNat', at(i, 'outside.reachedThisComputer')]);
  if (yes(p.otherProtocolReached)) {
    return base('wrong-protocol', 'high', [at(i, 'otherProtocolReached'), at(i, 'outside.reachedThisComputer')], {
      forwarded: p.protocol === 'tcp' ? 'udp' : 'tcp',
    });
  }
  const othersReached = ev.ports.some((q, j) => j !== i && q.needed && arrives(q));
  if (p.protocol === 'tcp' && ISP_COMMONLY_BLOCKED_TCP.includes(p.port) && othersReached) {
    return base('isp-blocked', 'medium', [at(i, 'outside.reachedThisComputer'), 'ports[*].outside.reachedThisComputer']);
  }
  const firewallUnknown = p.firewallAllows.state === 'not-checked';
  // UDP silence at a port our server holds proves little (the server may ignore unknown datagrams).
  const udpHeld = p.protocol === 'udp' && !yes(o.testListener);
  // A phone or friend test that ended with nothing may mean nobody opened the link in time.
  const byPerson = o.vantage === 'phone' || o.vantage === 'friend';
  const confidence: Confidence = udpHeld ? 'low' : firewallUnknown || byPerson ? 'medium' : 'high';
  return base('no-forward', confidence, [at(i, 'outside.reachedThisComputer'), at(i, 'firewallAllows')], byPerson ? { by: 'person' } : {});
}

/** The local causes come first: a server that is not listening, or not where friends arrive. */
export function localCause(ev: Evidence, i: number): PortCause | null {
  const p = ev.ports[i] as PortEvidence;
  if (no(p.listening)) return { cause: 'not-listening', confidence: 'high', evidence: [at(i, 'listening')], params: {} };
  if (yes(p.loopbackOnly)) return { cause: 'loopback-only', confidence: 'high', evidence: [at(i, 'loopbackOnly'), at(i, 'sockets')], params: {} };
  if (no(p.boundWhereFriendsArrive)) {
    return { cause: 'wrong-interface', confidence: ev.network.lanAddress ? 'high' : 'medium', evidence: [at(i, 'boundWhereFriendsArrive'), at(i, 'sockets'), 'network.lanAddress'], params: {} };
  }
  return null;
}
