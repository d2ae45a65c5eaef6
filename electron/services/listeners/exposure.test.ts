// Exposure must follow the bind address.
import { describe, expect, it } from 'vitest';
import { exposureOf } from './exposure';

describe('exposureOf', () => {
  it.each([
    [4, '0.0.0.0', 'all'], [4, '127.0.0.1', 'loopback'], [4, '127.0.0.53', 'loopback'], [4, '10.1.2.3', 'interface'],
    [6, '::', 'all'], [6, '::1', 'loopback'], [6, '::ffff:127.0.0.1', 'loopback'], [6, '::ffff:0.0.0.0', 'all'],
    [6, 'fe80::1', 'interface'], [6, '2001:db8::5', 'interface'], [6, '::ffff:10.0.0.1', 'interface'],
  ] as const)('IPv%i %s is %s', (family, address, exposure) => {
    expect(exposureOf(family, address)).toBe(exposure);
  });
});
