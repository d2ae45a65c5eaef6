// Who can connect to a listening socket, in words the UI, CLI help and copy-as-text share. Honest
// about what the bind address alone cannot tell: a router may forward to any address of this
// computer, and this computer's firewall may still refuse what the bind address accepts.
import type { Exposure } from '../channels/listeners';
import type { FirewallAnswer } from '../network/firewall';
import { firewallHeadline } from './firewall';

export const EXPOSURE_WORDS: Record<Exposure, { label: string; sentence: string; tone: 'ok' | 'info' | 'warn' }> = {
  loopback: { label: 'This computer only', sentence: 'Only programs on this computer can connect; friends and other devices cannot.', tone: 'ok' },
  interface: {
    label: 'One network',
    sentence:
      'Bound to one address: devices that can reach that address can connect — usually the devices on its network, and the internet too if a router forwards a port to it. This computer\'s firewall may still block them.',
    tone: 'info',
  },
  all: {
    label: 'Every network',
    sentence:
      'Bound to every address: any device that can reach this computer on any of its networks can connect, and the internet too if a router forwards a port here — unless this computer\'s firewall blocks it.',
    tone: 'warn',
  },
};

/** The bind address's sentence, completed by the firewall's answer when it was read. */
export function exposureWithFirewall(exposure: Exposure, firewall: FirewallAnswer | null): string {
  const base = EXPOSURE_WORDS[exposure].sentence;
  if (exposure === 'loopback' || firewall === null) return base;
  return `${base} ${firewallHeadline(firewall)}`;
}
