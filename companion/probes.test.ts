// The companion's errno table is the app prober's: the same socket error gets the same verdict at both ends.
import { describe, expect, it } from 'vitest';
import { failureOf } from './probes';

describe('failureOf', () => {
  it.each([
    ['ECONNREFUSED', 'tcp', 'closed', 'conn-refused'],
    ['ECONNREFUSED', 'udp', 'closed', 'port-unreach'],
    ['ECONNRESET', 'tcp', 'closed', 'conn-refused'],
    ['EHOSTUNREACH', 'tcp', 'filtered', 'host-unreach'],
    ['ENETDOWN', 'udp', 'filtered', 'net-unreach'],
    ['EPERM', 'tcp', 'filtered', 'admin-prohibited'],
    // Out of sockets says nothing about the caller's port: reported as silence, not as a verdict.
    ['EMFILE', 'tcp', 'filtered', 'no-response'],
    ['EMFILE', 'udp', 'open|filtered', 'no-response'],
    [undefined, 'tcp', 'filtered', 'no-response'],
    [undefined, 'udp', 'open|filtered', 'no-response'],
  ] as const)('%s over %s → %s (%s)', (code, protocol, state, reason) => {
    expect(failureOf(code, protocol)).toEqual({ state, reason });
  });
});
