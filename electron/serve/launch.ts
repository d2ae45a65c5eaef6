// The web UI's secrets. A launch link carries a single-use, short-lived launch token (HMAC-signed
// with this launch's key, so the process that holds the key — this one, or a second `npm start`
// reading the per-user instance file — can mint links without asking). The page exchanges it once,
// on the WebSocket upgrade, for a session secret that only ever lives in that tab's memory and
// sessionStorage: never in a URL, a cookie or the browser history.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { LAUNCH_PARAM } from '../../shared/wire';

/** A link opened later than this is refused ("open the latest link"): it may sit in shell history or a process list. */
export const LAUNCH_LINK_TTL_MS = 5 * 60_000;
/** A link dated this far in the future is forged or from a broken clock: refused. */
const CLOCK_SKEW_MS = 60_000;
/** Sessions alive at once (tabs, reloads); the oldest is forgotten first. */
export const MAX_SESSIONS = 32;

const KEY_BYTES = 32;
const NONCE_BYTES = 16;
const MAC_BYTES = 32;
const TOKEN_BYTES = 8 + NONCE_BYTES + MAC_BYTES;

export function newLaunchKey(): string {
  return randomBytes(KEY_BYTES).toString('base64url');
}

function mac(key: string, body: Buffer): Buffer {
  return createHmac('sha256', Buffer.from(key, 'base64url')).update(body).digest();
}

/** A fresh launch token: issue time, a nonce, and the key's signature over both. */
export function mintLaunchToken(key: string, now: number = Date.now()): string {
  const body = Buffer.alloc(8 + NONCE_BYTES);
  body.writeBigUInt64BE(BigInt(Math.floor(now)), 0);
  randomBytes(NONCE_BYTES).copy(body, 8);
  return Buffer.concat([body, mac(key, body)]).toString('base64url');
}

export function launchUrl(port: number, token: string): string {
  return `http://127.0.0.1:${port}/?${LAUNCH_PARAM}=${token}`;
}

export type LaunchVerdict = { ok: true; nonce: string; expiresAt: number } | { ok: false; reason: 'invalid' | 'expired' | 'used' };

/** Issued launch tokens are checked here; each nonce is honoured once. */
export class LaunchLedger {
  /** nonce → expiry, for tokens already exchanged (kept until they would have expired anyway). */
  private readonly used = new Map<string, number>();

  constructor(
    private readonly key: string,
    private readonly clock: () => number = Date.now,
  ) {}

  check(token: string): LaunchVerdict {
    if (!/^[A-Za-z0-9_-]{1,200}$/.test(token)) return { ok: false, reason: 'invalid' };
    const raw = Buffer.from(token, 'base64url');
    if (raw.length !== TOKEN_BYTES) return { ok: false, reason: 'invalid' };
    const body = raw.subarray(0, 8 + NONCE_BYTES);
    if (!timingSafeEqual(raw.subarray(8 + NONCE_BYTES), mac(this.key, body))) return { ok: false, reason: 'invalid' };
    const issued = Number(body.readBigUInt64BE(0));
    const now = this.clock();
    const expiresAt = issued + LAUNCH_LINK_TTL_MS;
    if (issued > now + CLOCK_SKEW_MS || now >= expiresAt) return { ok: false, reason: 'expired' };
    const nonce = body.subarray(8).toString('hex');
    if (this.used.has(nonce)) return { ok: false, reason: 'used' };
    return { ok: true, nonce, expiresAt };
  }

  /** Checks and, when good, spends the token: a second use is 'used'. */
  redeem(token: string): LaunchVerdict {
    const verdict = this.check(token);
    if (!verdict.ok) return verdict;
    const now = this.clock();
    for (const [n, exp] of this.used) if (exp <= now) this.used.delete(n);
    this.used.set(verdict.nonce, verdict.expiresAt);
    return verdict;
  }
}

const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Session secrets handed to pages; only their hashes are kept. */
export class SessionStore {
  private readonly sessions = new Map<string, true>();

  create(): string {
    const secret = randomBytes(32).toString('base64url');
    this.sessions.set(digest(secret), true);
    while (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
    return secret;
  }

  /** Hash lookup: equal-length digests, so the comparison time says nothing about the secret. */
  has(secret: string): boolean {
    return secret.length > 0 && secret.length <= 200 && this.sessions.has(digest(secret));
  }

  get size(): number {
    return this.sessions.size;
  }
}
