import { describe, expect, it } from 'vitest';
import type { PortCheckResult } from '../channels/companion';
import { portCheckLines } from './port-check';

const base: PortCheckResult = {
  publicAddress: '203.0.113.7',
  protocol: 'tcp',
  port: 25565,
  state: 'open',
  reason: 'syn-ack',
  verified: { state: 'yes', detail: null },
  verifiedBy: 'nonce',
  mode: 'temporary-listener',
  rttMs: 12,
  banner: null,
};

describe('portCheckLines', () => {
  it.each<[string, Partial<PortCheckResult>, string[]]>([
    ['proven by the nonce', {}, ['203.0.113.7 port 25565/tcp: open (syn-ack, 12 ms)', "Verified: Port Doctor's own listener answered the companion with a fresh code."]],
    [
      'something else answered',
      { verified: { state: 'no', detail: 'connected, but not to this computer' }, verifiedBy: null, mode: 'port-held' },
      [
        '203.0.113.7 port 25565/tcp: open (syn-ack, 12 ms)',
        'NOT verified: something answered, but it was not this computer (connected, but not to this computer). Check which LAN address the port forward points at.',
        'Port 25565/tcp is held by a program on this computer; it was tested as it runs.',
      ],
    ],
    [
      'no socket-table reader: not checked, not "not verified"',
      { verified: { state: 'not-checked', why: 'unsupported-os', reason: 'no socket-table reader on this OS' }, verifiedBy: null, mode: 'port-held' },
      [
        '203.0.113.7 port 25565/tcp: open (syn-ack, 12 ms)',
        'Not checked whether it reached this computer: no socket-table reader on this OS.',
        'Port 25565/tcp is held by a program on this computer; it was tested as it runs.',
      ],
    ],
    [
      'filtered: nothing to verify, no extra line',
      { state: 'filtered', reason: 'no-response', rttMs: null, verified: { state: 'no', detail: 'our test listener saw nothing' }, verifiedBy: null },
      ['203.0.113.7 port 25565/tcp: filtered (no-response)'],
    ],
    [
      'listener denied',
      { protocol: 'udp', port: 80, state: 'open|filtered', reason: 'no-response', rttMs: null, verified: { state: 'no', detail: null }, verifiedBy: null, mode: 'listener-denied' },
      ['203.0.113.7 port 80/udp: open|filtered (no-response)', 'Port 80 needs more rights to open a test listener; tested without one.'],
    ],
  ])('%s', (_name, over, lines) => {
    expect(portCheckLines({ ...base, ...over })).toEqual(lines);
  });
});
