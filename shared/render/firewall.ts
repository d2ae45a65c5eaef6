// Host-firewall facts → the sentences the CLI, the Network page and the report show.
import type { FirewallAnswer, FirewallReader, FirewallSource } from '../network/firewall';

export const FIREWALL_SOURCE_NAMES: Record<FirewallSource, string> = {
  nftables: 'nftables',
  iptables: 'iptables',
  ufw: 'ufw',
  firewalld: 'firewalld',
  socketfilterfw: 'the macOS application firewall',
  pf: 'pf (the macOS packet filter)',
  'windows-firewall': 'Windows Defender Firewall',
};

/** The one-line answer: "The firewall lets new connections to 25565/tcp in." */
export function firewallHeadline(a: FirewallAnswer): string {
  const what = `${a.port}/${a.protocol}`;
  switch (a.verdict) {
    case 'allows':
      return `This computer's firewall lets new connections to ${what} in.`;
    case 'blocks': {
      const last = a.rules.at(-1);
      return last?.effect === 'refuses'
        ? `This computer's firewall refuses new connections to ${what}: other devices get "connection refused".`
        : `This computer's firewall drops new connections to ${what}: other devices see no answer at all.`;
    }
    case 'unknown':
      return a.needsElevation
        ? `Port Doctor could not read the firewall rules for ${what} without administrator rights.`
        : `Port Doctor cannot tell for sure whether the firewall lets ${what} in.`;
  }
}

export function readerSentence(r: FirewallReader): string {
  const name = FIREWALL_SOURCE_NAMES[r.source];
  const detail = r.detail ? ` (${r.detail})` : '';
  switch (r.state) {
    case 'read':
      return `${name}: read${detail}.`;
    case 'not-installed':
      return `${name}: not on this computer.`;
    case 'inactive':
      return `${name}: installed but off${detail}.`;
    case 'needs-elevation':
      return `${name}: needs administrator rights to read${detail}.`;
    case 'failed':
      return `${name}: could not be read${detail}.`;
  }
}
