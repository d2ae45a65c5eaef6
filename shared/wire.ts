// The WebSocket framing used by `port-doctor serve`: calls, results and events as JSON messages.
import { z } from 'zod';

/** Renderer → engine. `id` pairs the result with its call. */
export const wireCallSchema = z
  .object({
    t: z.literal('call'),
    id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    channel: z.string().max(100),
    input: z.unknown(),
  })
  .strict();

export type WireCall = z.infer<typeof wireCallSchema>;

/** Engine → renderer. `result` is a Result; events are pushed unprompted. */
export type WireServerMessage =
  | { t: 'result'; id: number; result: unknown }
  | { t: 'event'; event: string; payload: unknown }
  | { t: 'error'; code: string; message: string }
  /** Sent once, first, when the page came with a launch token: the secret for its reconnects. */
  | { t: 'session'; secret: string };

export const WS_PATH = '/ws';
/** Largest message the engine accepts from the page: requests are small; rows flow the other way. */
export const WS_MAX_INBOUND_BYTES = 64 * 1024;

/**
 * The page proves itself on the WebSocket upgrade, never with a cookie (browsers send cookies to
 * every port of 127.0.0.1): it offers this subprotocol plus one credential "protocol" — a launch
 * token from the link, or the session secret it was given. The engine only ever echoes WS_PROTOCOL.
 */
export const WS_PROTOCOL = 'pd.v1';
export const WS_LAUNCH_PREFIX = 'pd.launch.';
export const WS_SESSION_PREFIX = 'pd.session.';

/** Close codes (the 4000s are the application's) telling the page why it was turned away. */
export const WS_CLOSE = {
  /** No credential, or one this engine never issued (e.g. it was restarted since). */
  unknownCredential: 4401,
  /** The launch link was already used once. */
  linkUsed: 4409,
  /** The launch link is older than its lifetime. */
  linkExpired: 4410,
  /** The engine has as many pages connected as it serves at once. */
  tooManyConnections: 4429,
} as const;

/** Query parameter of the launch link; the page takes it and drops it from the address bar at once. */
export const LAUNCH_PARAM = 'launch';
/** sessionStorage key of the page's session secret (per tab and per origin, so per port). */
export const SESSION_STORAGE_KEY = 'pd.session';
