import { describe, expect, it } from 'vitest';
import { classifyTcp, classifyUdp } from './classify';

describe('classifyTcp / classifyUdp', () => {
  it.each([
    ['ECONNREFUSED', 'closed conn-refused', 'closed port-unreach'],
    ['ECONNRESET', 'closed conn-refused', 'closed conn-refused'],
    ['ETIMEDOUT', 'filtered no-response', 'filtered no-response'],
    ['EHOSTUNREACH', 'filtered host-unreach', 'filtered host-unreach'],
    ['EHOSTDOWN', 'filtered host-unreach', 'filtered host-unreach'],
    ['ENETUNREACH', 'filtered net-unreach', 'filtered net-unreach'],
    ['ENETDOWN', 'filtered net-unreach', 'filtered net-unreach'],
    ['EACCES', 'filtered admin-prohibited', 'filtered admin-prohibited'],
    ['EPERM', 'filtered admin-prohibited', 'filtered admin-prohibited'],
    ['EPROTO', 'filtered no-response', 'filtered no-response'],
  ])('%s → TCP %s, UDP %s', (code, tcp, udp) => {
    const t = classifyTcp({ kind: 'error', code });
    const u = classifyUdp({ kind: 'error', code });
    expect(`${t?.state} ${t?.reason}`).toBe(tcp);
    expect(`${u?.state} ${u?.reason}`).toBe(udp);
  });
  it('answers and silence', () => {
    expect(classifyTcp({ kind: 'connected' })).toEqual({ state: 'open', reason: 'syn-ack' });
    expect(classifyTcp({ kind: 'self-connect' })).toEqual({ state: 'closed', reason: 'conn-refused' });
    expect(classifyTcp({ kind: 'timeout' })).toEqual({ state: 'filtered', reason: 'no-response' });
    expect(classifyUdp({ kind: 'response' })).toEqual({ state: 'open', reason: 'udp-response' });
    expect(classifyUdp({ kind: 'silence' })).toEqual({ state: 'open|filtered', reason: 'no-response' });
  });
  it.each(['EMFILE', 'ENFILE', 'ENOBUFS', 'EAGAIN', 'EADDRNOTAVAIL', 'ENOMEM'])('%s says nothing about the port (retry later)', (code) => {
    expect(classifyTcp({ kind: 'error', code })).toBeNull();
    expect(classifyUdp({ kind: 'error', code })).toBeNull();
  });
});
