// The serve transport's gate checks on their own: Host and Origin allowlists.
import { describe, expect, it } from 'vitest';
import { isAllowedHost, isAllowedOrigin } from './security';

const PORT = 47287;

describe('isAllowedHost', () => {
  it.each(['127.0.0.1:47287', 'localhost:47287', 'LOCALHOST:47287', '[::1]:47287'])('accepts %s', (h) => expect(isAllowedHost(h, PORT)).toBe(true));
  it.each([undefined, '', '127.0.0.1', 'localhost', '127.0.0.1:47288', '127.0.0.1:047287', 'evil.example:47287', '127.0.0.1.nip.io:47287', 'localhost.attacker.com:47287', '[::1]', '::1:47287', '0.0.0.0:47287', ' 127.0.0.1:47287'])(
    'refuses %j',
    (h) => expect(isAllowedHost(h, PORT)).toBe(false),
  );
});

describe('isAllowedOrigin', () => {
  it.each(['http://127.0.0.1:47287', 'http://localhost:47287', 'http://[::1]:47287'])('accepts %s', (o) => expect(isAllowedOrigin(o, PORT)).toBe(true));
  it.each([undefined, '', 'null', 'https://127.0.0.1:47287', 'http://127.0.0.1', 'http://127.0.0.1:47287/', 'http://evil.example', 'ws://127.0.0.1:47287', 'http://127.0.0.1:47287.evil.example'])(
    'refuses %j',
    (o) => expect(isAllowedOrigin(o, PORT)).toBe(false),
  );
});
