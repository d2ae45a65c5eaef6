// Test-from-outside words: arrivals, what a test cannot see, and the friend's result. One place for
// these sentences: the "Test from outside" panel, `port-doctor invite` / `reach` and the wizard.
import type { Arrival, ArrivalPath, InviteNote, InviteOutcome, ReachResult } from '../channels/vantage';

/** `21:14:03` in the viewer's local time. */
export function clockTime(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

export const PATH_LABELS: Record<ArrivalPath, string> = {
  lan: 'your network',
  internet: 'the internet',
  hairpin: 'inside, through your public address',
};

/** What each path proves, said once. */
export const PATH_MEANING: Record<ArrivalPath, string> = {
  lan: 'This computer\'s firewall lets devices on your network in.',
  internet: 'Your router, its port forward and your internet provider let it in: friends can reach this port.',
  hairpin: 'Your router looped the public address back inside (hairpin NAT). That is NOT proof friends can connect: test from a phone on mobile data or ask a friend.',
};

/** "a device at 203.0.113.77 — outside your network — reached this computer at 21:14:03, over the internet" */
export function arrivalSentence(a: Arrival): string {
  const where = a.path === 'internet' ? 'outside your network' : 'on your network';
  const how = a.path === 'internet' ? 'over the internet' : a.path === 'lan' ? 'over your network' : 'through your public address, looped back by your router (hairpin)';
  const seen = a.via === 'socket-table' ? ' (seen connecting to the program that holds the port)' : '';
  return `A device at ${a.address} — ${where} — reached this computer at ${clockTime(a.at)}, ${how}${seen}.`;
}

export const NOTE_SENTENCES: Record<InviteNote, string> = {
  'udp-held-invisible':
    'A program on this computer already holds this UDP port, and UDP leaves no trace Port Doctor can watch, so arrivals cannot be seen. Stop the server for a moment and test again: then Port Doctor answers on the port itself.',
  'tcp-held-page-not-served':
    'A program on this computer already holds this port, so the link reaches that program, not a test page (the page may not load). Arrivals still show here: Port Doctor watches for new connections to the port.',
  'tcp-held-unwatched':
    'A program on this computer already holds this port, and Port Doctor could not read this system\'s connection table, so arrivals cannot be seen. Stop the server for a moment and test again.',
  'no-lan-address': 'This computer has no network address a phone could use, so there is no LAN link.',
  'no-public-address': 'The public address is unknown, so there is no public link or friend code.',
};

export function endSentence(o: Pick<InviteOutcome, 'endedBy' | 'arrivals' | 'watchError'>): string {
  const n = o.arrivals.length;
  switch (o.endedBy) {
    case 'count':
      return `Test ended after ${n} arrival${n === 1 ? '' : 's'}.`;
    case 'timeout':
      return n === 0 ? 'Time is up and nothing arrived: the way in is closed for that path, or nobody opened the link.' : `Time is up: ${n} arrival${n === 1 ? '' : 's'}.`;
    case 'cancelled':
      return 'Test cancelled.';
    case 'unobservable':
      return 'The test ended at once: nothing could be watched on this port.';
    case 'watch-failed':
      return `Port Doctor stopped watching: this system's connection table could no longer be read${o.watchError ? ` (${o.watchError})` : ''}. ${n === 0 ? 'Nothing had arrived before.' : `${n} arrival${n === 1 ? '' : 's'} before that.`} Stop the server for a moment and test again.`;
  }
}

export function reachSentence(r: ReachResult): string {
  switch (r.outcome) {
    case 'acknowledged':
      return `Reached your friend's computer at ${r.target} (${r.protocol.toUpperCase()}): its Port Doctor test answered with the code's proof${r.rttMs !== null ? ` in ${r.rttMs} ms` : ''}. Their port forward works for you.`;
    case 'connected':
      return `Something at ${r.target} accepted the connection but did not answer as the test: your friend's game may hold the port. Ask your friend whether their screen shows your arrival.`;
    case 'answered-wrong':
      return `Something at ${r.target} answered, but not your friend's test: the port forward may point at another device.`;
    case 'refused':
      return `${r.target} answered that nothing listens on ${r.protocol.toUpperCase()} ${r.target.split(':').at(-1)}: the test is not running (or has ended), or the router refuses the port.`;
    case 'no-answer':
      return `No answer from ${r.target}: the router or a firewall drops it, or the test has ended.`;
  }
}
