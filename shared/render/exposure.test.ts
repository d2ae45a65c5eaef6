import { describe, expect, it } from 'vitest';
import type { FirewallFact } from '../channels/audit';
import type { Exposure } from '../channels/listeners';
import { EXPOSURE_WORDS, exposureShort, exposureWords } from './exposure';

const v4 = (exposure: Exposure, address = exposure === 'all' ? '0.0.0.0' : exposure === 'loopback' ? '127.0.0.1' : '192.168.1.10') => ({ exposure, family: 4 as const, address });
const allows: FirewallFact = { state: 'allows' };
const blocks: FirewallFact = { state: 'blocks' };
const unread: FirewallFact = { state: 'not-checked', reason: 'the rules need administrator rights to read' };

describe('exposure words (issue 16 item 20)', () => {
  it('"one network" does not promise that other networks cannot connect (a router may forward to it)', () => {
    for (const fw of [null, allows, blocks, unread]) {
      expect(exposureWords(v4('interface'), fw).sentence).not.toMatch(/other networks cannot/);
    }
    expect(EXPOSURE_WORDS.interface.sentence).toMatch(/router forwards/);
    expect(exposureWords(v4('interface'), allows).sentence).toMatch(/router forwards/);
  });

  it('before the firewall is read, the words say it may still block', () => {
    expect(exposureWords(v4('all'), null).sentence).toMatch(/unless this computer's firewall blocks it/);
    expect(exposureWords(v4('interface'), null).sentence).toMatch(/firewall may still block/);
    expect(exposureWords(v4('all'), null).firewall).toBeNull();
  });

  it('"every network" with the firewall blocking: only this computer can connect, calm tone', () => {
    const w = exposureWords(v4('all'), blocks);
    expect(w.label).toBe('Every network');
    expect(w.tone).toBe('ok');
    expect(w.firewall).toEqual({ label: 'firewall blocks', tone: 'ok' });
    expect(w.sentence).toMatch(/firewall blocks new connections/);
    expect(w.sentence).toMatch(/only programs on this computer can connect/);
    expect(w.sentence).not.toMatch(/unless|may still/);
    expect(exposureWords(v4('interface'), blocks).sentence).toMatch(/^Bound to one address, but this computer's firewall blocks/);
  });

  it('"every network" with the firewall letting it in: a warning, no "unless"', () => {
    const w = exposureWords(v4('all'), allows);
    expect(w.tone).toBe('warn');
    expect(w.firewall).toEqual({ label: 'firewall allows', tone: 'warn' });
    expect(w.sentence).toMatch(/firewall lets new connections in/);
    expect(w.sentence).not.toMatch(/unless|may still/);
    expect(exposureWords(v4('interface'), allows).tone).toBe('info');
  });

  it('a firewall that could not be read keeps the hedge and says why', () => {
    const w = exposureWords(v4('all'), unread);
    expect(w.sentence).toMatch(/unless this computer's firewall blocks it\. Whether it does is not known: the rules need administrator rights to read\.$/);
    expect(w.firewall).toBeNull();
    expect(w.tone).toBe('warn');
  });

  it('a reason written as its own sentence continues the sentence in lower case', () => {
    const w = exposureWords(v4('interface'), { state: 'not-checked', reason: 'The firewall rules can only be read with root rights' });
    expect(w.sentence).toMatch(/Whether it does is not known: the firewall rules can only be read with root rights\.$/);
  });

  it('loopback ignores the firewall: nothing else can connect anyway', () => {
    for (const fw of [null, allows, blocks, unread]) expect(exposureWords(v4('loopback'), fw)).toEqual({ ...EXPOSURE_WORDS.loopback, firewall: null });
  });

  it('a socket on :: is told the answer covers IPv4 connections only', () => {
    expect(exposureWords({ exposure: 'all', family: 6, address: '::' }, blocks).sentence).toMatch(/answer for IPv4 connections; rules for IPv6 were not checked/);
    expect(exposureWords(v4('all'), blocks).sentence).not.toMatch(/IPv6/);
  });

  it('the CLI column joins the two', () => {
    expect(exposureShort(v4('all'), blocks)).toBe('every network; firewall blocks');
    expect(exposureShort(v4('interface'), allows)).toBe('one network; firewall allows');
    expect(exposureShort(v4('all'), unread)).toBe('every network');
    expect(exposureShort(v4('loopback'), blocks)).toBe('this computer only');
  });
});
