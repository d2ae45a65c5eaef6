// The WebSocket framing used by `port-doctor serve`: calls, results and events as JSON messages.
// No zod here: the web UI imports these names, and the engine checks calls (wire-call.ts).

/** Engine → renderer. `result` is a Result; events are pushed unprompted. */
export type WireServerMessage =
  | { t: 'result'; id: number; result: unknown }
  | { t: 'event'; event: string; payload: unknown }
  /**
   * A message the engine could not take as a call. `id` is the call's when the message had a readable
   * one (the page fails that call with this error); absent when it had none (the page shows it).
   */
  | { t: 'error'; id?: number; code: string; message: string }
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
