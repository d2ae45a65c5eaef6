// How long a test from outside may run: plain numbers, so the renderer uses them without the schemas (zod).

/** Default life of a test: long enough to fetch a phone and switch off its Wi-Fi, short enough to forget safely. */
export const INVITE_DEFAULT_SECONDS = 180;
export const INVITE_MIN_SECONDS = 5;
export const INVITE_MAX_SECONDS = 3600;
