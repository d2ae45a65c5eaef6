// resolveHost refuses what cannot be a host before any lookup, and the shared host reader agrees
// with Node's own address parser (net.isIP) on what is an IPv4 or IPv6 address.
import net from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHostInput } from '../../../shared/host-input';
import { resolveHost, type Lookup } from './resolve';

function recordingLookup() {
  const asked: string[] = [];
  const lookup: Lookup = async (host) => {
    asked.push(host);
    return { address: '127.0.0.1', family: 4 };
  };
  return { asked, lookup };
}

describe('resolveHost', () => {
  it.each(['999.1.1.1', '1.2.3', '', '   ', 'a b', '127.0.0.1:25565', 'http://127.0.0.1'])('refuses %j as INVALID_INPUT without a lookup', async (host) => {
    const { asked, lookup } = recordingLookup();
    await expect(resolveHost(host, lookup)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(asked).toEqual([]);
  });

  it('takes addresses as they are and looks names up once', async () => {
    const { asked, lookup } = recordingLookup();
    expect(await resolveHost('[::1]', lookup)).toEqual({ address: '::1', family: 6 });
    expect(await resolveHost(' 10.1.2.3 ', lookup)).toEqual({ address: '10.1.2.3', family: 4 });
    expect(await resolveHost('NAS.local', lookup)).toEqual({ address: '127.0.0.1', family: 4 });
    expect(asked).toEqual(['nas.local']);
  });
});

describe('parseHostInput against net.isIP', () => {
  const v4ish = fc.array(fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.constantFrom('', '01', '256', 'x')), { minLength: 1, maxLength: 5 }).map((p) => p.join('.'));
  const v6ish = fc.oneof(
    fc.ipV6(),
    fc.array(fc.oneof(fc.string({ unit: fc.constantFrom(...'0123456789abcdefg'), maxLength: 5 }), fc.constant('')), { minLength: 2, maxLength: 10 }).map((p) => p.join(':')),
  );
  it('an accepted IPv4 or IPv6 is one Node accepts, and Node\'s addresses are accepted', () => {
    fc.assert(
      fc.property(fc.oneof(v4ish, v6ish, fc.ipV4()), (s) => {
        const r = parseHostInput(s);
        const node = net.isIP(s);
        if (r.ok && r.family !== 'name') expect(node, s).toBe(r.family);
        // Node reads `::` forms and dotted quads; leading zeros are refused by both.
        if (node === 6) expect(r, s).toMatchObject({ ok: true, family: 6 });
        if (node === 4) expect(r, s).toMatchObject({ ok: true, family: 4 });
      }),
      { numRuns: 3000 },
    );
  });
});
