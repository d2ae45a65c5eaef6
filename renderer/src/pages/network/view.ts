// The Network page's picture as data: this computer → router → (second NAT / carrier NAT) → internet.
// Pure, so the boxes a user sees are table-tested without a browser.
import type { NetworkFacts } from '../../../../shared/network/facts';
import { ADDRESS_KIND_WORDS } from '../../../../shared/render/network';

export type Tone = 'ok' | 'warn' | 'bad' | 'neutral';

export interface PictureBox {
  id: 'computer' | 'router' | 'second-nat' | 'internet';
  title: string;
  lines: string[];
  meaning: string;
  tone: Tone;
}

export function networkPicture(f: NetworkFacts): PictureBox[] {
  const def = f.interfaces.find((i) => i.isDefaultRoute);
  const v4 = def?.addresses.find((a) => a.family === 'ipv4');
  const boxes: PictureBox[] = [
    {
      id: 'computer',
      title: 'This computer',
      lines: v4 ? [`${v4.address}${v4.prefixLength !== null ? `/${v4.prefixLength}` : ''} on ${def!.name}`] : ['no IPv4 address on the default route'],
      meaning: v4 ? `Address: ${ADDRESS_KIND_WORDS[v4.kind]}.` : 'Not connected to a router.',
      tone: f.nat.kind === 'none' ? 'ok' : 'neutral',
    },
  ];
  if (f.nat.kind !== 'none') {
    const wan = f.routerWan.address;
    boxes.push({
      id: 'router',
      title: 'Your router',
      lines: [
        `LAN side: ${f.gateway.address ?? 'unknown'}`,
        wan ? `Internet side: ${wan}` : `Internet side: not told (${f.routerWan.natPmp === 'refused' ? 'NAT-PMP refused' : 'no NAT-PMP answer'})`,
      ],
      meaning: wan && f.routerWan.kind ? `Its internet-side address is ${ADDRESS_KIND_WORDS[f.routerWan.kind]}.` : 'Translates addresses (NAT) between your home network and what lies beyond.',
      tone: f.routerWan.kind === 'cgnat' ? 'bad' : f.routerWan.kind === 'private' ? 'warn' : 'neutral',
    });
  }
  if (f.nat.kind === 'double' || f.nat.kind === 'cgnat') {
    const beyond = f.path.find((h) => h.hop >= 2 && h.address && h.address !== f.gateway.address && (h.kind === 'private' || h.kind === 'cgnat'));
    boxes.push(
      f.nat.kind === 'cgnat'
        ? { id: 'second-nat', title: 'Carrier-grade NAT (your provider)', lines: beyond ? [`Seen on the way out: ${beyond.address}`] : ['Not on the path trace'], meaning: 'Shares one public address among many customers: port forwards on your router cannot reach you.', tone: 'bad' }
        : { id: 'second-nat', title: 'Second router (another NAT)', lines: beyond ? [`Seen on the way out: ${beyond.address}`] : ['Not on the path trace'], meaning: 'Translates again: a forward is needed here too, or bridge mode on one of the routers.', tone: 'warn' },
    );
  }
  boxes.push({
    id: 'internet',
    title: 'The internet',
    lines: [f.publicAddress ? `Your public address: ${f.publicAddress}` : `Public address unknown${f.public.reason ? ` (${f.public.reason})` : ''}`],
    meaning: f.publicAddress ? (f.nat.kind === 'cgnat' ? 'Shared with other customers: friends cannot use it to reach you.' : 'The address friends use to reach you.') : 'Configure a companion or STUN server to see it.',
    tone: f.publicAddress ? (f.nat.kind === 'cgnat' ? 'bad' : 'ok') : 'neutral',
  });
  return boxes;
}
