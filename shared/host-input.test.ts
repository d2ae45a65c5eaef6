import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHostInput } from './host-input';

const ok = (host: string, family: 4 | 6 | 'name', port: number | null) => ({ ok: true, host, family, port });

describe('parseHostInput', () => {
  it.each([
    ['127.0.0.1:25565', ok('127.0.0.1', 4, 25565)],
    ['  192.168.1.20  ', ok('192.168.1.20', 4, null)],
    ['http://127.0.0.1', ok('127.0.0.1', 4, 80)],
    ['https://NAS.local:8443/admin?x=1', ok('nas.local', 'name', 8443)],
    ['minecraft://play.example.org:25566', ok('play.example.org', 'name', 25566)],
    ['http://user:pw@10.0.0.2:81/', ok('10.0.0.2', 4, 81)],
    ['[::1]:25565', ok('::1', 6, 25565)],
    ['[::1]', ok('::1', 6, null)],
    ['::1', ok('::1', 6, null)],
    ['http://[fe80::1]:8080', ok('fe80::1', 6, 8080)],
    ['fe80::1%eth0', ok('fe80::1%eth0', 6, null)],
    ['localhost', ok('localhost', 'name', null)],
    ['my_server.lan.', ok('my_server.lan', 'name', null)],
  ])('reads %s', (input, expected) => {
    expect(parseHostInput(input)).toEqual(expected);
  });

  it.each([
    ['', /enter a host/],
    ['   ', /enter a host/],
    ['999.1.1.1', /each of the four numbers must be 0 to 255/],
    ['http://999.1.1.1', /each of the four numbers must be 0 to 255/],
    ['1.2.3', /needs four numbers/],
    ['http://1.2.3', /needs four numbers/],
    ['127.0.0.1:0', /outside 1–65535/],
    ['127.0.0.1:70000', /outside 1–65535/],
    ['127.0.0.1:http', /not a port number/],
    [':25565', /names no host/],
    ['http://', /names no host/],
    ['[::1', /not an IPv6 address/],
    ['::g', /not an IPv6 address/],
    ['a b', /space/],
    ['bad..name', /not a host name/],
    ['-lead.example', /not a host name/],
    [`${'a'.repeat(64)}.example`, /not a host name/],
    [`${'a.'.repeat(130)}b`, /at most 253/],
  ])('refuses %j with a reason', (input, reason) => {
    const r = parseHostInput(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(reason);
  });

  it('round-trips any IPv4 address and port written as host:port and as a URL', () => {
    const octet = fc.integer({ min: 0, max: 255 });
    fc.assert(
      fc.property(fc.tuple(octet, octet, octet, octet), fc.integer({ min: 1, max: 65535 }), (o, port) => {
        const ip = o.join('.');
        expect(parseHostInput(`${ip}:${port}`)).toEqual(ok(ip, 4, port));
        expect(parseHostInput(`http://${ip}:${port}/path`)).toEqual(ok(ip, 4, port));
      }),
    );
  });

  it('never throws on hostile text, and every accepted host is free of spaces, brackets and ports', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const r = parseHostInput(s);
        if (r.ok) {
          expect(r.host).not.toMatch(/[\s[\]/]/);
          if (r.family !== 6) expect(r.host).not.toContain(':');
        }
      }),
      { numRuns: 2000 },
    );
  });
});
