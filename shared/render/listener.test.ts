import { describe, expect, it } from 'vitest';
import { endpointText, ownerText } from './listener';

describe('listener words', () => {
  it.each([
    [{ family: 4 as const, address: '0.0.0.0', port: 25565 }, '0.0.0.0:25565'],
    [{ family: 6 as const, address: '::1', port: 8080 }, '[::1]:8080'],
    [{ family: 6 as const, address: '::ffff:127.0.0.1', port: 53 }, '[::ffff:127.0.0.1]:53'],
  ])('endpoint %j', (r, text) => expect(endpointText(r)).toBe(text));

  it.each<[Parameters<typeof ownerText>[0], boolean, string]>([
    [{ pid: 20, process: 'java', ownerUnknownReason: null }, false, 'java'],
    [{ pid: 20, process: null, ownerUnknownReason: null }, false, 'pid 20'],
    [{ pid: null, process: null, ownerUnknownReason: 'permission' }, false, 'Unknown (another user’s — run elevated to see)'],
    [{ pid: null, process: null, ownerUnknownReason: 'permission' }, true, 'Unknown (hidden by the system)'],
    [{ pid: null, process: null, ownerUnknownReason: 'vanished' }, false, 'Unknown (the program exited)'],
    [{ pid: null, process: null, ownerUnknownReason: 'not-found' }, true, 'Unknown (no visible program)'],
  ])('owner %j (elevated: %s)', (r, elevated, text) => expect(ownerText(r, elevated)).toBe(text));
});
