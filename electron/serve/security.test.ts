// The serve transport's gate checks on their own: Host and Origin allowlists, token comparison, cookies.
import { describe, expect, it } from 'vitest';
import { TOKEN_COOKIE, cookieValue, isAllowedHost, isAllowedOrigin, newToken, tokenCookie, tokenMatches } from './security';

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

describe('tokens', () => {
  it('newToken draws 32 random bytes as base64url, fresh each time', () => {
    const tokens = new Set(Array.from({ length: 50 }, newToken));
    expect(tokens.size).toBe(50);
    for (const t of tokens) {
      expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(t, 'base64url')).toHaveLength(32);
    }
  });

  it('tokenMatches accepts the token and nothing else', () => {
    const t = newToken();
    expect(tokenMatches(t, t)).toBe(true);
    for (const wrong of [newToken(), t.slice(0, -1), `${t}x`, t.toUpperCase() === t ? t.toLowerCase() : t.toUpperCase(), ` ${t}`, '', 'x'.repeat(600), undefined, null]) {
      expect(tokenMatches(wrong, t), String(wrong)).toBe(false);
    }
  });

  it('the cookie is HttpOnly, SameSite=Strict, for the whole site', () => {
    expect(tokenCookie('abc')).toBe(`${TOKEN_COOKIE}=abc; HttpOnly; SameSite=Strict; Path=/`);
  });
});

describe('cookieValue', () => {
  it.each<[string | undefined, string | undefined]>([
    [undefined, undefined],
    ['', undefined],
    ['pd_token=abc', 'abc'],
    ['a=1; pd_token=abc; b=2', 'abc'],
    ['a=1;pd_token=abc', 'abc'],
    ['xpd_token=abc', undefined],
    ['pd_token_old=abc', undefined],
    ['pd_token', undefined],
    ['pd_token=', ''],
    ['pd_token=a=b', 'a=b'],
    ['pd_token=first; pd_token=second', 'first'],
  ])('%j → %j', (header, value) => expect(cookieValue(header, TOKEN_COOKIE)).toBe(value));
});
