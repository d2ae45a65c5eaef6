// Test from outside view helpers.
import { describe, expect, it } from 'vitest';
import type { InviteReady } from '../../../../shared/channels/vantage';
import { countdown, portOf, qrLink } from './view';

describe('outside view', () => {
  it('counts down in minutes and seconds, never below zero', () => {
    const t = Date.parse('2026-01-01T00:03:00Z');
    expect(countdown('2026-01-01T00:03:00Z', t - 180_000)).toBe('3:00');
    expect(countdown('2026-01-01T00:03:00Z', t - 59_500)).toBe('1:00');
    expect(countdown('2026-01-01T00:03:00Z', t - 9_000)).toBe('0:09');
    expect(countdown('2026-01-01T00:03:00Z', t + 5_000)).toBe('0:00');
  });

  it('the QR code shows the public link, else the LAN link, else none', () => {
    const base = { lan: 'http://192.168.1.5:80/x', public: 'http://198.51.100.1:80/x' } as InviteReady;
    expect(qrLink(base)).toEqual({ url: base.public, which: 'public' });
    expect(qrLink({ ...base, public: null })).toEqual({ url: base.lan, which: 'lan' });
    expect(qrLink({ ...base, public: null, lan: null })).toBeNull();
  });

  it('ports: 1–65535, digits only', () => {
    expect(portOf(' 7777 ')).toBe(7777);
    for (const bad of ['', '0', '65536', '-1', '7e3', '80/tcp', '1.5']) expect(portOf(bad)).toBeNull();
  });
});
