// What people type into the port reference: each form, and every mistake told apart in words.
import { describe, expect, it } from 'vitest';
import { MAX_RANGE_PORTS, parsePortQuery } from './query';

describe('parsePortQuery: accepted', () => {
  it.each([
    ['25565', { kind: 'port', port: 25565, protocol: null }],
    [' 0 ', { kind: 'port', port: 0, protocol: null }],
    ['65535', { kind: 'port', port: 65535, protocol: null }],
    ['25565/TCP', { kind: 'port', port: 25565, protocol: 'tcp' }],
    ['27015 / udp', { kind: 'port', port: 27015, protocol: 'udp' }],
    ['27015-27030', { kind: 'range', from: 27015, to: 27030, protocol: null }],
    ['2456–2458/udp', { kind: 'range', from: 2456, to: 2458, protocol: 'udp' }],
    ['7777-7777', { kind: 'port', port: 7777, protocol: null }],
    [`1-${MAX_RANGE_PORTS}`, { kind: 'range', from: 1, to: MAX_RANGE_PORTS, protocol: null }],
    ['minecraft', { kind: 'name', name: 'minecraft' }],
    ['RDP', { kind: 'name', name: 'rdp' }],
    ['7-days-to-die', { kind: 'name', name: '7-days-to-die' }],
    ['Remote   Desktop', { kind: 'name', name: 'remote desktop' }],
  ] as const)('%j', (text, query) => {
    expect(parsePortQuery(text)).toEqual({ ok: true, query });
  });
});

describe('parsePortQuery: refused with a specific sentence', () => {
  it.each([
    ['', /^Type a port \(25565\), a range/],
    ['-1', /^-1 is not a port: ports go from 0 to 65535, never below 0\.$/],
    ['65536', /^Port 65536 is too large: ports go from 0 to 65535\.$/],
    ['99999999999999999999', /is too large/],
    ['abc-', /^'abc-' is not a port \(25565\), a range \(27015-27030\) or a name \(minecraft, rdp\): names are letters, digits and inner dashes\.$/],
    ['100-', /^'100-' is half a range: write both ends/],
    ['-', /is half a range/],
    ['1-65535', /^The range 1-65535 has 65,535 ports; look up at most 1,024 at a time\.$/],
    [`0-${MAX_RANGE_PORTS}`, /has 1,025 ports/],
    ['30000-20000', /ends before it starts: write the smaller port first \(20000-30000\)/],
    ['1-70000', /^The range end 70000 is too large/],
    ['25565/sctp', /^'\/sctp' is not a protocol: write \/tcp or \/udp/],
    ['25565/', /^'\/' is not a protocol/],
    ['minecraft/udp', /A protocol goes after a port or range/],
    ['x', /too short to search for/],
    ['drop table;', /is not a port/],
    ['a'.repeat(61), /^That is 61 characters/],
  ])('%j', (text, message) => {
    const r = parsePortQuery(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});
