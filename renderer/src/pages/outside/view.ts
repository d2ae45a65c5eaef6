// Pure helpers for the Test from outside panel: countdown text, path badges, which link the QR shows.
import type { ArrivalPath, InviteReady } from '../../../../shared/channels/vantage';

export const PATH_TONE: Record<ArrivalPath, 'ok' | 'info' | 'warn'> = { internet: 'ok', lan: 'info', hairpin: 'warn' };
export const PATH_BADGE: Record<ArrivalPath, string> = { internet: 'Internet', lan: 'LAN', hairpin: 'Hairpin' };

/** `2:59` left; `0:00` once expired. */
export function countdown(expiresAt: string, nowMs: number): string {
  const left = Math.max(0, Math.ceil((Date.parse(expiresAt) - nowMs) / 1000));
  return `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
}

/** The QR code carries the public link when there is one (the test that matters), else the LAN link. */
export function qrLink(r: InviteReady): { url: string; which: 'public' | 'lan' } | null {
  if (r.public) return { url: r.public, which: 'public' };
  if (r.lan) return { url: r.lan, which: 'lan' };
  return null;
}

/** A port the form can send, or null (1–65535, digits only). */
export function portOf(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,5}$/.test(t)) return null;
  const n = Number(t);
  return n >= 1 && n <= 65535 ? n : null;
}
