// vantage:* — testing from outside without a server: a test listener with links and a friend code,
// arrivals streamed as they happen, and the friend's side ("reach") of a code.
import { z } from 'zod';
import { event, invoke } from '../channel';
import { runIdSchema, transportSchema } from './probe';
import { INVITE_DEFAULT_SECONDS, INVITE_MAX_SECONDS, INVITE_MIN_SECONDS } from './vantage-limits';

/**
 * How an arrival got here. lan = from a device on this computer's own network (the LAN link):
 * proves this computer's firewall lets it in. internet = from outside this network: proves the
 * router, its forward and the ISP let it in. hairpin = through the public address but from inside
 * (the router looped it back): NOT proof that friends can connect.
 */
export const ARRIVAL_PATHS = ['lan', 'internet', 'hairpin'] as const;
export const arrivalPathSchema = z.enum(ARRIVAL_PATHS);
export type ArrivalPath = z.infer<typeof arrivalPathSchema>;

/**
 * How the arrival was seen. link = the test page's secret path was opened; code = a friend's
 * `reach` datagram or request carried the test's nonce; socket-table = a new inbound connection to
 * the port a program here already holds (no proof of who sent it, only that it reached this computer).
 */
export const arrivalViaSchema = z.enum(['link', 'code', 'socket-table']);
export type ArrivalVia = z.infer<typeof arrivalViaSchema>;

export const arrivalSchema = z
  .object({
    /** `IP:port` (IPv6 in brackets) of the device as this computer saw it. */
    from: z.string().max(60),
    address: z.string().max(45),
    port: z.number().int().min(0).max(65535),
    path: arrivalPathSchema,
    via: arrivalViaSchema,
    /** ISO 8601 time the arrival was seen. */
    at: z.string().max(40),
  })
  .strict();
export type Arrival = z.infer<typeof arrivalSchema>;

/**
 * What the test can and cannot see, stated once. udp-held-invisible: a program holds the UDP
 * port, and a UDP datagram leaves no trace in any socket table, so arrivals cannot be seen (stop
 * the server for a moment and test again). tcp-held-page-not-served: a program holds the TCP
 * port, so the link reaches that program, not the test page; arrivals still show. no-lan-address
 * / no-public-address: that link cannot be made (the reason is in publicAddressError).
 * tcp-held-unwatched: a program holds the TCP port and this system's connection table cannot be
 * read (watchError says why).
 */
export const INVITE_NOTES = ['udp-held-invisible', 'tcp-held-page-not-served', 'tcp-held-unwatched', 'no-lan-address', 'no-public-address'] as const;
export const inviteNoteSchema = z.enum(INVITE_NOTES);
export type InviteNote = z.infer<typeof inviteNoteSchema>;

export const inviteReadySchema = z
  .object({
    testId: runIdSchema,
    port: z.number().int().min(1).max(65535),
    protocol: transportSchema,
    /** test-listener = Port Doctor answers on the port; port-held = a program here already holds it. */
    mode: z.enum(['test-listener', 'port-held']),
    /** http://<LAN IP>:<port>/<secret> for a phone on the same Wi-Fi (TCP only). */
    lan: z.string().nullable(),
    /** http://<public address>:<port>/<secret> for a phone on mobile data or a friend (TCP only). */
    public: z.string().nullable(),
    /** The friend code for `port-doctor reach` (needs the public address). */
    code: z.string().nullable(),
    lanAddress: z.string().nullable(),
    publicAddress: z.string().nullable(),
    /** Why the public address is unknown (e.g. no STUN server answered); null when known. */
    publicAddressError: z.string().nullable(),
    notes: z.array(inviteNoteSchema),
    /** Why the connection table of a held TCP port cannot be read (note tcp-held-unwatched); null otherwise. */
    watchError: z.string().max(500).nullable(),
    /** ISO 8601: the listener closes then. */
    expiresAt: z.string(),
  })
  .strict();
export type InviteReady = z.infer<typeof inviteReadySchema>;

/** http(s) only; its STUN ports give the public address. */
const companionUrlSchema = z.string().max(300).regex(/^https?:\/\/[^\s]+$/, 'an http:// or https:// URL');

export { INVITE_DEFAULT_SECONDS, INVITE_MAX_SECONDS, INVITE_MIN_SECONDS };

export const inviteRequestSchema = z
  .object({
    testId: runIdSchema,
    port: z.number().int().min(1).max(65535),
    protocol: transportSchema.default('tcp'),
    timeoutSeconds: z.number().int().min(INVITE_MIN_SECONDS).max(INVITE_MAX_SECONDS).default(INVITE_DEFAULT_SECONDS),
    /** End after this many arrivals; absent = run until the time is up or cancelled. */
    count: z.number().int().min(1).max(1000).optional(),
    /** `host:port` STUN servers for the public address (the engine's defaults when absent). */
    stunServers: z.array(z.string().max(300)).min(1).max(3).optional(),
    companionUrl: companionUrlSchema.optional(),
  })
  .strict();

export const inviteOutcomeSchema = z
  .object({
    testId: runIdSchema,
    /**
     * unobservable = the port is held in a way no arrival can be seen (see the ready notes): ended
     * at once. watch-failed = the connection table of the held port stopped being readable mid-test.
     */
    endedBy: z.enum(['count', 'timeout', 'cancelled', 'unobservable', 'watch-failed']),
    arrivals: z.array(arrivalSchema),
    /** Why the watch failed (watch-failed); null otherwise. */
    watchError: z.string().max(500).nullable(),
  })
  .strict();
export type InviteOutcome = z.infer<typeof inviteOutcomeSchema>;

/**
 * The friend's side. acknowledged = the host's test answered with proof it holds the code's secret;
 * connected = a TCP connection was accepted but nothing proved it was the host's test (the host's
 * game holds the port, or a forward points at another device: the host's screen tells);
 * answered-wrong = something answered but without the proof (another device or program);
 * refused = the address answered that nothing listens there; no-answer = silence.
 */
export const REACH_OUTCOMES = ['acknowledged', 'connected', 'answered-wrong', 'refused', 'no-answer'] as const;
export const reachOutcomeSchema = z.enum(REACH_OUTCOMES);
export type ReachOutcome = z.infer<typeof reachOutcomeSchema>;

export const reachResultSchema = z
  .object({
    /** `IP:port` the code pointed at. */
    target: z.string(),
    protocol: transportSchema,
    outcome: reachOutcomeSchema,
    /** Round trip of the deciding exchange; null when nothing came back. */
    rttMs: z.number().nonnegative().nullable(),
  })
  .strict();
export type ReachResult = z.infer<typeof reachResultSchema>;

export const vantageChannels = {
  'vantage:invite': invoke(
    inviteRequestSchema,
    inviteOutcomeSchema,
    'Listen on a port for a test from outside (a phone or a friend): links, a QR-ready link and a friend code come as vantage:ready, each arrival as vantage:arrival; answers when the test ends.',
  ),
  'vantage:cancel': invoke(
    z.object({ testId: runIdSchema }).strict(),
    z.object({ cancelled: z.boolean() }).strict(),
    'Stop a running test from outside; its vantage:invite answers with the arrivals so far.',
  ),
  'vantage:reach': invoke(
    z.object({ code: z.string().min(1).max(200) }).strict(),
    reachResultSchema,
    'The friend\'s side of a friend code: send the code\'s nonce to the host and wait for its acknowledgement.',
  ),
} as const;

export const vantageEvents = {
  'vantage:ready': event(inviteReadySchema, 'A test from outside is listening: its links, friend code and what it can see.'),
  'vantage:arrival': event(
    z.object({ testId: runIdSchema, arrival: arrivalSchema }).strict(),
    'Someone reached this computer during a test from outside.',
  ),
} as const;
