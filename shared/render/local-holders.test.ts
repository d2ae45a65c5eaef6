import { describe, expect, it } from 'vitest';
import type { Listener } from '../channels/listeners';
import type { ProbeResult } from '../channels/probe';
import { isThisComputer, localHolderNote } from './local-holders';

const listener = (over: Partial<Listener>): Listener => ({
  protocol: 'tcp', family: 4, address: '127.0.0.1', port: 25565, exposure: 'loopback', pid: 42, process: 'java', command: null,
  exePath: null, user: 'me', ownerUnknownReason: null, category: 'registered', privileged: false, service: null, serviceDescription: null,
  ...over,
} as Listener);
const result = (over: Partial<ProbeResult>): ProbeResult => ({ port: 25565, protocol: 'tcp', state: 'closed', reason: 'conn-refused', rttMs: 0.1, service: null, ...over });

describe('localHolderNote', () => {
  it('::1 closed while the server listens on IPv4 only says so, and what to connect to', () => {
    const note = localHolderNote(result({}), { address: '::1', family: 6 }, [listener({})]);
    expect(note).toBe('A program on this computer (java, pid 42) listens on port 25565 over IPv4 only (127.0.0.1): connect to 127.0.0.1 instead of ::1, or make the program listen on every address.');
  });
  it('a silent UDP port held by a local game is "held but did not answer"', () => {
    const note = localHolderNote(result({ protocol: 'udp', state: 'open|filtered', reason: 'no-response' }), { address: '127.0.0.1', family: 4 }, [listener({ protocol: 'udp', address: '0.0.0.0', process: 'valheim' })]);
    expect(note).toMatch(/^A program on this computer \(valheim, pid 42\) holds this port but did not answer the probe/);
  });
  it('no note for ports nothing here holds, or for other protocols', () => {
    expect(localHolderNote(result({}), { address: '127.0.0.1', family: 4 }, [listener({ protocol: 'udp' })])).toBeNull();
    expect(localHolderNote(result({}), { address: '127.0.0.1', family: 4 }, [])).toBeNull();
  });
  it('wildcards and v4-mapped sockets reach the target', () => {
    for (const address of ['0.0.0.0', '::', '::ffff:127.0.0.1']) {
      expect(localHolderNote(result({ state: 'open', reason: 'syn-ack' }), { address: '127.0.0.1', family: 4 }, [listener({ address, family: address.includes(':') ? 6 : 4 })])).toBe('Answered by java, pid 42 on this computer.');
    }
  });
  it('this computer: loopback in both families, or an address a local socket is bound to', () => {
    expect(isThisComputer({ address: '127.0.0.2', family: 4 }, [])).toBe(true);
    expect(isThisComputer({ address: '::1', family: 6 }, [])).toBe(true);
    expect(isThisComputer({ address: '192.168.1.5', family: 4 }, [])).toBe(false);
    expect(isThisComputer({ address: '192.168.1.5', family: 4 }, [listener({ address: '192.168.1.5' })])).toBe(true);
  });
});
