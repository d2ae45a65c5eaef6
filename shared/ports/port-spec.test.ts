import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatPortList, parsePortAndProtocol, parsePortAndProtocolList, parsePortList } from './port-spec';

describe('parsePortAndProtocol', () => {
  it.each([
    ['25565', 25565, null],
    ['19132/udp', 19132, 'udp'],
    ['443/TCP', 443, 'tcp'],
    [' 7777 / Udp ', 7777, 'udp'],
    ['1', 1, null],
    ['65535/tcp', 65535, 'tcp'],
    ['00080', 80, null],
  ])('reads %j', (text, port, protocol) => {
    expect(parsePortAndProtocol(text)).toEqual({ ok: true, port, protocol });
  });

  it.each([
    ['', 'empty', 'No port given: write a port from 1 to 65535, optionally with /tcp or /udp (for example 25565 or 19132/udp).'],
    ['   ', 'empty', 'No port given: write a port from 1 to 65535, optionally with /tcp or /udp (for example 25565 or 19132/udp).'],
    ['/udp', 'empty', 'No port given: write a port from 1 to 65535, optionally with /tcp or /udp (for example 25565 or 19132/udp).'],
    ['http', 'not-a-number', "'http' is not a port number: write a port from 1 to 65535, optionally with /tcp or /udp (for example 25565 or 19132/udp)."],
    ['80.5', 'not-a-number', "'80.5' is not a port number: write a port from 1 to 65535, optionally with /tcp or /udp (for example 25565 or 19132/udp)."],
    ['-1', 'negative', '-1 is not a port: ports go from 1 to 65535, never below.'],
    ['0', 'port-zero', 'Port 0 means "any free port": a program that asks for port 0 is given some free port by the system, so no program ever holds port 0. Look up the port number the program reports instead.'],
    ['0/udp', 'port-zero', 'Port 0 means "any free port": a program that asks for port 0 is given some free port by the system, so no program ever holds port 0. Look up the port number the program reports instead.'],
    ['65536', 'too-large', '65536 is not a port: ports go from 1 to 65535.'],
    ['99999999999999', 'too-large', '999999999… is not a port: ports go from 1 to 65535.'],
    ['80/', 'no-protocol', "Nothing follows the '/' in '80/': write /tcp or /udp, or leave it out."],
    ['80/sctp', 'bad-protocol', "'/sctp' is not a protocol Port Doctor checks: write /tcp or /udp."],
    ['80/tcp/udp', 'two-protocols', "'80/tcp/udp' names more than one protocol: write one, like 80/tcp."],
  ])('refuses %j as %s, saying exactly what is wrong', (text, error, message) => {
    expect(parsePortAndProtocol(text)).toEqual({ ok: false, error, message });
  });

  it('hostile input: either a valid port 1–65535 with tcp/udp/null, or a refusal with a message', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const r = parsePortAndProtocol(s);
        if (r.ok) {
          expect(Number.isInteger(r.port) && r.port >= 1 && r.port <= 65535).toBe(true);
          expect([null, 'tcp', 'udp']).toContain(r.protocol);
        } else expect(r.message.length).toBeGreaterThan(10);
      }),
    );
  });
});

describe('parsePortAndProtocolList', () => {
  it('reads commas and spaces, keeping each protocol as written', () => {
    expect(parsePortAndProtocolList('7777/udp, 25565  2456/UDP')).toEqual({
      ok: true,
      ports: [
        { port: 7777, protocol: 'udp' },
        { port: 25565, protocol: null },
        { port: 2456, protocol: 'udp' },
      ],
    });
  });
  it('the first mistake wins, in the same words as for one port', () => {
    expect(parsePortAndProtocolList('25565, 70000/udp')).toEqual({ ok: false, error: 'too-large', message: '70000 is not a port: ports go from 1 to 65535.' });
    expect(parsePortAndProtocolList(' , ')).toMatchObject({ ok: false, error: 'empty' });
  });
});

describe('parsePortList (probe lists)', () => {
  it('reads lists, ranges and all', () => {
    expect(parsePortList('22,80,8000-8003')).toEqual([22, 80, 8000, 8001, 8002, 8003]);
    expect(parsePortList(' 80 , 22,22 ')).toEqual([22, 80]);
    expect(parsePortList('all')).toHaveLength(65535);
    expect(parsePortList('-')[0]).toBe(1);
    expect(parsePortList('65535')).toEqual([65535]);
  });
  it.each([
    ['', 'no ports given'],
    ['0', 'Port 0 means "any free port"'],
    ['65536', '65536 is not a port: ports go from 1 to 65535.'],
    ['80-70', "range '80-70' runs backwards: write the smaller port first (70-80)"],
    ['http', "'http' is not a port or a range like 8000-8100"],
    ['1,,2', "'' is not a port or a range like 8000-8100"],
    ['-5', "'-5' is not a port or a range like 8000-8100"],
    ['1-2-3', "'1-2-3' is not a port or a range like 8000-8100"],
    ['99999999', '99999999 is not a port: ports go from 1 to 65535.'],
  ])('rejects %j: %s', (spec, message) => {
    expect(() => parsePortList(spec)).toThrow(RangeError);
    expect(() => parsePortList(spec)).toThrow(message);
  });
  it('round-trips through formatPortList', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { maxLength: 300 }), (ports) => {
        fc.pre(ports.length > 0);
        const sorted = [...ports].sort((a, b) => a - b);
        expect(parsePortList(formatPortList(ports))).toEqual(sorted);
      }),
    );
  });
  it('either parses to valid ports or throws RangeError on hostile input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        try {
          const ports = parsePortList(s);
          expect(ports.every((p) => Number.isInteger(p) && p >= 1 && p <= 65535)).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(RangeError);
        }
      }),
    );
  });
});
