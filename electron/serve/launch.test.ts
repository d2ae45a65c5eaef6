// Launch links and sessions: single use, a short life, forgeries refused, sessions bounded.
import { describe, expect, it } from 'vitest';
import { LAUNCH_LINK_TTL_MS, LaunchLedger, MAX_SESSIONS, SessionStore, launchUrl, mintLaunchToken, newLaunchKey } from './launch';

describe('launch tokens', () => {
  it('a fresh token is redeemed once; the second use is "used"', () => {
    const key = newLaunchKey();
    const ledger = new LaunchLedger(key);
    const token = mintLaunchToken(key);
    expect(ledger.redeem(token)).toMatchObject({ ok: true });
    expect(ledger.redeem(token)).toEqual({ ok: false, reason: 'used' });
    // Another fresh token still works: single use is per link, not per launch.
    expect(ledger.redeem(mintLaunchToken(key))).toMatchObject({ ok: true });
  });

  it('expires after its lifetime, and a token from the future is refused too', () => {
    let now = 1_000_000_000_000;
    const key = newLaunchKey();
    const ledger = new LaunchLedger(key, () => now);
    const token = mintLaunchToken(key, now);
    now += LAUNCH_LINK_TTL_MS - 1;
    expect(ledger.check(token)).toMatchObject({ ok: true });
    now += 1;
    expect(ledger.redeem(token)).toEqual({ ok: false, reason: 'expired' });
    expect(ledger.redeem(mintLaunchToken(key, now + 10 * 60_000))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses tokens signed by another key, altered, truncated, or not base64url', () => {
    const key = newLaunchKey();
    const ledger = new LaunchLedger(key);
    const good = mintLaunchToken(key);
    const flip = (t: string, i: number) => `${t.slice(0, i)}${t[i] === 'A' ? 'B' : 'A'}${t.slice(i + 1)}`;
    for (const bad of [mintLaunchToken(newLaunchKey()), flip(good, 2), flip(good, 20), flip(good, good.length - 2), good.slice(0, -4), `${good}AAAA`, '', 'a b', '../../etc', 'x'.repeat(300)]) {
      expect(ledger.redeem(bad), bad).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(ledger.redeem(good)).toMatchObject({ ok: true });
  });

  it('the link is a loopback URL whose only secret is the token, in the query the page strips', () => {
    const url = new URL(launchUrl(47287, 'TOKEN'));
    expect(url.origin).toBe('http://127.0.0.1:47287');
    expect([...url.searchParams.keys()]).toEqual(['launch']);
    expect(url.hash).toBe('');
  });
});

describe('sessions', () => {
  it('knows the secrets it issued and nothing else; keeps at most MAX_SESSIONS', () => {
    const store = new SessionStore();
    const first = store.create();
    expect(store.has(first)).toBe(true);
    expect(store.has(`${first}x`)).toBe(false);
    expect(store.has('')).toBe(false);
    for (let i = 0; i < MAX_SESSIONS; i++) store.create();
    expect(store.size).toBe(MAX_SESSIONS);
    expect(store.has(first)).toBe(false);
  });
});
