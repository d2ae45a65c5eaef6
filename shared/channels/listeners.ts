// listeners:* — every listening TCP socket and bound UDP socket, its program, and who can reach it.
import { z } from 'zod';
import { invoke } from '../channel';
import { transportSchema } from '../protocol/verdict';

/** The one transport schema (shared/protocol/verdict.ts), under the name listeners use. */
export const protocolSchema = transportSchema;

/**
 * Who can reach the socket: `loopback` only this computer (127.0.0.0/8, ::1, ::ffff:127.x);
 * `interface` one network (bound to one address of one interface); `all` every network
 * (0.0.0.0, and `::` which on most systems also accepts IPv4: dual-stack).
 */
export const exposureSchema = z.enum(['loopback', 'interface', 'all']);

export const portCategorySchema = z.enum(['well-known', 'registered', 'dynamic']);

/**
 * Why a socket has no owner: `permission` the owning process belongs to another user and we are
 * not elevated; `vanished` a process exited while we looked; `not-found` no visible process holds
 * it (kernel socket, or a process in another PID namespace / container).
 */
export const ownerUnknownReasonSchema = z.enum(['permission', 'vanished', 'not-found']);

export const listenerSchema = z
  .object({
    protocol: protocolSchema,
    family: z.union([z.literal(4), z.literal(6)]),
    /** Canonical text form (RFC 5952 for IPv6, `::ffff:a.b.c.d` for v4-mapped), no brackets or zone. */
    address: z.string(),
    port: z.number().int().min(0).max(65535),
    exposure: exposureSchema,
    pid: z.number().int().nonnegative().nullable(),
    /** Short process name (Linux comm, macOS/Windows image name). */
    process: z.string().nullable(),
    /** Full command line when readable. */
    command: z.string().nullable(),
    /** Owning user's name (the socket's uid on Linux, readable even when the process is not). */
    user: z.string().nullable(),
    category: portCategorySchema,
    /** Short service name: curated home use first, else IANA's; null when unknown. */
    service: z.string().nullable(),
    serviceDescription: z.string().nullable(),
    /** Binding this port needed root/administrator rights on this OS. */
    privileged: z.boolean(),
    /** The program's executable path when readable. */
    exePath: z.string().nullable(),
    /** Set exactly when pid is null. */
    ownerUnknownReason: ownerUnknownReasonSchema.nullable(),
  })
  .strict();

export const listenersListRequestSchema = z
  .object({
    protocol: protocolSchema.optional(),
    port: z.number().int().min(0).max(65535).optional(),
  })
  .strict();

export const listenersListResponseSchema = z
  .object({
    listeners: z.array(listenerSchema),
    /** Which system source produced the rows (the UI names it in "how we know"). */
    source: z.enum(['procfs', 'lsof', 'powershell', 'netstat']),
    /** Whether the engine could see other users' processes; when false, expect unknown owners. */
    elevated: z.boolean(),
    /** ISO time the sockets were read. */
    collectedAt: z.string(),
  })
  .strict();

export type Listener = z.infer<typeof listenerSchema>;
export type ListenerProtocol = z.infer<typeof protocolSchema>;
export type Exposure = z.infer<typeof exposureSchema>;
export type OwnerUnknownReason = z.infer<typeof ownerUnknownReasonSchema>;
export type ListenersListRequest = z.infer<typeof listenersListRequestSchema>;
export type ListenersListResponse = z.infer<typeof listenersListResponseSchema>;

export const listenersChannels = {
  'listeners:list': invoke(
    listenersListRequestSchema,
    listenersListResponseSchema,
    'Every listening TCP socket and bound UDP socket with its program, user and exposure.',
  ),
} as const;

export const listenersEvents = {} as const;
