// How many NATs sit between this computer and the internet, from the facts gathered (pure rules).
// The router's own WAN address (NAT-PMP) outranks the path: ISPs number some core routers privately,
// so a private hop only says "double NAT" when the router could not tell us its WAN address.
import { natEvidence } from '../render/network';
import type { Hop, NatKind, NatReason, NatVerdict } from './facts';
import { addressKind } from './address-kind';

export interface NatInputs {
  /** Addresses on this computer's interfaces. */
  localAddresses: readonly string[];
  gateway: string | null;
  routerWan: string | null;
  publicAddress: string | null;
  path: readonly Hop[];
}

export function decideNat(i: NatInputs): NatVerdict {
  const { kind, reasons } = decide(i);
  return { kind, reasons, evidence: natEvidence(reasons) };
}

function decide(i: NatInputs): { kind: NatKind; reasons: NatReason[] } {
  const pub = i.publicAddress;
  if (pub && i.localAddresses.includes(pub)) return { kind: 'none', reasons: [{ code: 'this-computer-public', address: pub }] };

  // Hops after the gateway (the gateway is hop 1 on a normal home network).
  const beyond = i.path.filter((h) => h.address && h.address !== i.gateway && h.hop >= 2);
  const hopCgnat = beyond.find((h) => addressKind(h.address!) === 'cgnat');
  const hopPrivate = beyond.find((h) => addressKind(h.address!) === 'private');
  const hopPublic = beyond.find((h) => addressKind(h.address!) === 'public');

  if (i.routerWan) {
    const wanKind = addressKind(i.routerWan);
    if (wanKind === 'cgnat') return { kind: 'cgnat', reasons: [{ code: 'router-wan-cgnat', address: i.routerWan }] };
    if (wanKind === 'private') {
      const reasons: NatReason[] = [{ code: 'router-wan-private', address: i.routerWan }];
      if (hopCgnat) return { kind: 'cgnat', reasons: [...reasons, { code: 'hop-cgnat', hop: hopCgnat.hop, address: hopCgnat.address! }] };
      return { kind: 'double', reasons };
    }
    if (wanKind === 'public') {
      if (pub && pub !== i.routerWan) return { kind: 'cgnat', reasons: [{ code: 'router-wan-differs', address: i.routerWan, publicAddress: pub }] };
      return { kind: 'single', reasons: [{ code: 'router-wan-is-public-address', address: i.routerWan }] };
    }
  }
  if (hopCgnat) return { kind: 'cgnat', reasons: [{ code: 'hop-cgnat', hop: hopCgnat.hop, address: hopCgnat.address! }] };
  if (hopPrivate && (!hopPublic || hopPrivate.hop < hopPublic.hop)) {
    return { kind: 'double', reasons: [{ code: 'hop-private', hop: hopPrivate.hop, address: hopPrivate.address! }] };
  }
  if (hopPublic) return { kind: 'single', reasons: [{ code: 'hop-public', hop: hopPublic.hop, address: hopPublic.address! }] };
  const local = i.localAddresses.find((a) => addressKind(a) === 'private' || addressKind(a) === 'cgnat');
  if (pub && local) return { kind: 'unknown', reasons: [{ code: 'behind-some-nat', localAddress: local, publicAddress: pub }] };
  return { kind: 'unknown', reasons: [{ code: 'too-little-known' }] };
}
