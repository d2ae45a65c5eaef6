// Wire contract between the companion endpoint and the app: HTTP bodies, greetings, nonces, limits.
import { z } from 'zod';
import { PROBE_REASONS, portStateSchema, transportSchema, type PortState, type Transport } from './protocol/verdict';

/** Bumped when a field changes meaning; every companion response carries it as `protocol`. */
export const COMPANION_PROTOCOL_VERSION = 1;

/** DOMAIN.md: at most four ports per request keeps one request from becoming a scan. */
export const MAX_PROBES_PER_CHECK = 4;
/** DOMAIN.md: a check body is a few dozen bytes; 4 KiB leaves room and nothing more. */
export const MAX_CHECK_BODY_BYTES = 4 * 1024;
/** UDP datagrams the companion sends per probe, and their largest size (DOMAIN.md). */
export const MAX_UDP_PROBE_DATAGRAMS = 3;
export const MAX_UDP_PROBE_BYTES = 64;
/** Longest greeting the companion reads from a TCP connect-back; a nonce greeting fits twice. */
export const MAX_TCP_GREETING_BYTES = 128;

/** App-chosen nonce: URL-safe, long enough to be unguessable, short enough to fit a greeting. */
export const nonceSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'nonce must be 16–64 URL-safe characters');

/** The one transport schema (shared/protocol/verdict.ts), under the name the wire uses. */
export const probeProtocolSchema = transportSchema;
export type ProbeProtocol = Transport;

export const portSchema = z.number().int().min(1).max(65535);

/**
 * What a UDP probe sends: the companion's nonce datagram (default), or a fixed game-server query
 * (built by the companion, never from client bytes) for a port a running game server holds.
 */
export const udpQuerySchema = z.enum(['nonce', 'a2s-info', 'raknet-ping']);
export type UdpQuery = z.infer<typeof udpQuerySchema>;

/** Largest UDP reply the companion hands back (base64) for the app's protocol-aware comparison. */
export const MAX_UDP_REPLY_BYTES = 256;

export const checkProbeRequestSchema = z
  .object({
    protocol: probeProtocolSchema,
    port: portSchema,
    /** TCP: the greeting the app's listener will send. UDP: what the app's reply must carry. */
    nonce: nonceSchema.optional(),
    query: udpQuerySchema.optional(),
  })
  .strict()
  .refine((p) => p.protocol === 'udp' || p.query === undefined, { message: 'query is for UDP probes only', path: ['query'] });

/** POST /v1/check. Deliberately has no address field: the target is always the caller. */
export const checkRequestSchema = z
  .object({ probes: z.array(checkProbeRequestSchema).min(1).max(MAX_PROBES_PER_CHECK) })
  .strict();
export type CheckRequest = z.infer<typeof checkRequestSchema>;

/** nmap's vocabulary, the same schema as the app's own probes (shared/protocol/verdict.ts). */
export { portStateSchema };
export type { PortState };

/** The app's probe reasons, plus `aborted` for a check the companion gave up (shutdown). */
export const probeReasonSchema = z.enum([...PROBE_REASONS, 'aborted']);
export type ProbeReason = z.infer<typeof probeReasonSchema>;

export const transportAddressSchema = z.object({ address: z.string().max(64), port: portSchema }).strict();

/** One connect-back as the companion reports it (the app's own probe results: shared/channels/probe.ts). */
export const companionProbeResultSchema = z
  .object({
    protocol: probeProtocolSchema,
    port: portSchema,
    state: portStateSchema,
    reason: probeReasonSchema,
    /** Connect (TCP) or first-reply (UDP) round trip; null when nothing answered. */
    rttMs: z.number().nonnegative().nullable(),
    /** TCP: the greeting read equals the app's nonce greeting. UDP: the reply carried both nonces. */
    nonceMatched: z.boolean(),
    /** TCP only: printable prefix of what the caller's service sent first (its own data, for protocol-aware checks). */
    banner: z.string().max(MAX_TCP_GREETING_BYTES).nullable(),
    /** The companion's end of the probe, so the app can find this exact connection in its socket table. */
    from: transportAddressSchema.nullable(),
    /** UDP game queries only: the caller's own server's first answer, base64, ≤ 256 bytes. */
    reply: z.string().max(Math.ceil(MAX_UDP_REPLY_BYTES / 3) * 4).nullable(),
  })
  .strict();
export type CompanionProbeResult = z.infer<typeof companionProbeResultSchema>;

const envelope = { service: z.literal('port-doctor-companion'), version: z.string().max(32), protocol: z.number().int() };

export const checkResponseSchema = z
  .object({ ...envelope, target: z.string().max(64), results: z.array(companionProbeResultSchema).max(MAX_PROBES_PER_CHECK) })
  .strict();
export type CheckResponse = z.infer<typeof checkResponseSchema>;

/** GET /v1/whoami: the caller's transport address as the companion sees it (`::ffff:` stripped). */
export const whoamiResponseSchema = z
  .object({
    ...envelope,
    address: z.string().max(64),
    port: portSchema,
    family: z.enum(['ipv4', 'ipv6']),
    /**
     * The UDP ports its STUN server answers on, primary first (a second one lets one client socket
     * tell easy from hard NAT). Absent from companions older than this field: the client then
     * assumes the defaults.
     */
    stunPorts: z.array(portSchema).min(1).max(2).optional(),
  })
  .strict();
export type WhoamiResponse = z.infer<typeof whoamiResponseSchema>;

export const healthResponseSchema = z.object({ ...envelope, status: z.literal('ok') }).strict();

export const COMPANION_ERROR_CODES = [
  'not-found',
  'method-not-allowed',
  'unsupported-media-type',
  'body-too-large',
  'invalid-request',
  'target-refused',
  'rate-limited',
  'destination-busy',
  'overloaded',
  'shutting-down',
  'timeout',
] as const;
export type CompanionErrorCode = (typeof COMPANION_ERROR_CODES)[number];

export const errorResponseSchema = z
  .object({ ...envelope, error: z.object({ code: z.enum(COMPANION_ERROR_CODES), message: z.string().max(300) }).strict() })
  .strict();
export type CompanionErrorResponse = z.infer<typeof errorResponseSchema>;

// --- Greetings and datagrams (ASCII, so a person reading a capture understands them) ---------

const TCP_GREETING_PREFIX = 'PORT-DOCTOR ';
/** What the app's temporary TCP listener writes on accept. */
export function tcpGreeting(nonce: string): string {
  return `${TCP_GREETING_PREFIX}${nonce}\n`;
}

/** The nonce in a greeting the companion read, or null if the bytes are not a Port Doctor greeting. */
export function parseTcpGreeting(bytes: Uint8Array): string | null {
  const text = asciiPrefix(bytes, MAX_TCP_GREETING_BYTES);
  if (text === null || !text.startsWith(TCP_GREETING_PREFIX)) return null;
  const end = text.indexOf('\n');
  if (end < 0) return null;
  const nonce = text.slice(TCP_GREETING_PREFIX.length, end);
  return nonceSchema.safeParse(nonce).success ? nonce : null;
}

const UDP_PROBE_PREFIX = 'PDP1 ';
const UDP_REPLY_PREFIX = 'PDR1 ';
/** Server-generated nonces are 32 hex characters (128 bits). */
const SERVER_NONCE = /^[0-9a-f]{32}$/;

/** Companion → app datagram: only the server's nonce; never a client byte (no reflection). */
export function udpProbeDatagram(serverNonce: string): string {
  if (!SERVER_NONCE.test(serverNonce)) throw new RangeError('server nonce must be 32 lower-case hex characters');
  return `${UDP_PROBE_PREFIX}${serverNonce}`;
}

export function parseUdpProbeDatagram(bytes: Uint8Array): string | null {
  const text = asciiPrefix(bytes, MAX_UDP_PROBE_BYTES);
  if (text === null || !text.startsWith(UDP_PROBE_PREFIX)) return null;
  const nonce = text.slice(UDP_PROBE_PREFIX.length);
  return SERVER_NONCE.test(nonce) ? nonce : null;
}

/** App → companion reply: the server's nonce proves it is a reply, the app's nonce proves who. */
export function udpReplyDatagram(serverNonce: string, appNonce: string): string {
  return `${UDP_REPLY_PREFIX}${serverNonce} ${appNonce}`;
}

export function parseUdpReplyDatagram(bytes: Uint8Array): { serverNonce: string; appNonce: string } | null {
  const text = asciiPrefix(bytes, 128);
  if (text === null || !text.startsWith(UDP_REPLY_PREFIX)) return null;
  const [serverNonce, appNonce, ...rest] = text.slice(UDP_REPLY_PREFIX.length).split(' ');
  if (rest.length > 0 || serverNonce === undefined || appNonce === undefined) return null;
  if (!SERVER_NONCE.test(serverNonce) || !nonceSchema.safeParse(appNonce).success) return null;
  return { serverNonce, appNonce };
}

/** Printable ASCII (plus newline) of at most `max` bytes, or null when anything else is present. */
function asciiPrefix(bytes: Uint8Array, max: number): string | null {
  if (bytes.length > max) return null;
  let s = '';
  for (const b of bytes) {
    if (b !== 0x0a && (b < 0x20 || b > 0x7e)) return null;
    s += String.fromCharCode(b);
  }
  return s;
}

/** Printable rendering of a service's first bytes: non-printables become '.', at most `max` chars. */
export function bannerText(bytes: Uint8Array, max = MAX_TCP_GREETING_BYTES): string {
  let s = '';
  for (const b of bytes.subarray(0, max)) s += b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : '.';
  return s;
}

/**
 * JSON.parse that refuses prototype-polluting keys anywhere in the document. Strict schemas would
 * drop them too, but refusing at parse time means no code ever holds such an object.
 */
export function parseJsonRefusingProto(text: string): unknown {
  return JSON.parse(text, (key, value: unknown) => {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
      throw new SyntaxError(`forbidden key ${key}`);
    }
    return value;
  });
}
