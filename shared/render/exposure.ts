// Who can connect to a listening socket, in words the UI, CLI help and copy-as-text share. Honest
// about what the bind address alone cannot tell: a router may forward to any address of this
// computer, and this computer's firewall may refuse what the bind address accepts — so once the
// firewall has been read, its answer (allows / blocks / not checked) completes the words.
import type { FirewallFact } from '../channels/audit';
import type { Exposure, Listener } from '../channels/listeners';

type Tone = 'ok' | 'info' | 'warn';

export const EXPOSURE_WORDS: Record<Exposure, { label: string; sentence: string; tone: Tone }> = {
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

export interface ExposureWords {
  /** The bind address's label (the filter's words): This computer only / One network / Every network. */
  label: string;
  sentence: string;
  tone: Tone;
  /** A second, short badge with the firewall's answer; null when it adds nothing (loopback, not read). */
  firewall: { label: string; tone: Tone } | null;
}

/** A reason written as a sentence of its own, continued mid-sentence ("The rules…" → "the rules…"; "IPv4…" stays). */
const midSentence = (reason: string) => reason.replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase());

const BLOCKED =
  'this computer\'s firewall blocks new connections to this port from other devices, so only programs on this computer can connect until a firewall rule lets the port in.';

/**
 * The words for one socket, given the firewall's answer for its port (null: not read yet). The
 * answer is for IPv4 connections; a socket on `::` also takes IPv6 ones, which the words say.
 */
export function exposureWords(l: Pick<Listener, 'exposure' | 'family' | 'address'>, firewall: FirewallFact | null): ExposureWords {
  const base = EXPOSURE_WORDS[l.exposure];
  if (l.exposure === 'loopback' || firewall === null) return { ...base, firewall: null };
  const v6 = l.family === 6 && l.address === '::' ? ' (That is the answer for IPv4 connections; rules for IPv6 were not checked.)' : '';
  if (firewall.state === 'not-checked') {
    return { ...base, sentence: `${base.sentence} Whether it does is not known: ${midSentence(firewall.reason)}.`, firewall: null };
  }
  const bound = l.exposure === 'all' ? 'Bound to every address' : 'Bound to one address';
  if (firewall.state === 'blocks') {
    return { label: base.label, tone: 'ok', sentence: `${bound}, but ${BLOCKED}${v6}`, firewall: { label: 'firewall blocks', tone: 'ok' } };
  }
  const sentence =
    l.exposure === 'all'
      ? `Bound to every address, and this computer's firewall lets new connections in: any device that can reach this computer on any of its networks can connect, and the internet too if a router forwards a port here.${v6}`
      : `Bound to one address, and this computer's firewall lets new connections in: devices that can reach that address can connect — usually the devices on its network, and the internet too if a router forwards a port to it.${v6}`;
  return { label: base.label, tone: base.tone, sentence, firewall: { label: 'firewall allows', tone: base.tone } };
}

/** One line for the CLI's REACHABLE FROM column: "every network; firewall blocks". */
export function exposureShort(l: Pick<Listener, 'exposure' | 'family' | 'address'>, firewall: FirewallFact | null): string {
  const w = exposureWords(l, firewall);
  return w.firewall ? `${w.label.toLowerCase()}; ${w.firewall.label}` : w.label.toLowerCase();
}
