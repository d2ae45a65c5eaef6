// probe:* — TCP/UDP port probes of one host: verdicts with nmap's reasons, streamed progress, cancel.
import { z } from 'zod';
import { event, invoke } from '../channel';
import { portStateSchema, probeReasonSchema, transportSchema } from '../protocol/verdict';

export { PORT_STATES, PROBE_REASONS, portStateSchema, probeReasonSchema, transportSchema } from '../protocol/verdict';
export type { PortState, ProbeReason, Transport } from '../protocol/verdict';

/** What a protocol-aware check learned from the service itself ("your Minecraft 1.21 server"). */
export const serviceInfoSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('minecraft-java'),
      version: z.string(),
      protocolVersion: z.number().int(),
      playersOnline: z.number().int(),
      playersMax: z.number().int(),
      motd: z.string(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('minecraft-bedrock'),
      edition: z.string(),
      version: z.string(),
      protocolVersion: z.number().int(),
      playersOnline: z.number().int(),
      playersMax: z.number().int(),
      motd: z.string(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('steam-a2s'),
      name: z.string(),
      map: z.string(),
      game: z.string(),
      appId: z.number().int(),
      players: z.number().int(),
      maxPlayers: z.number().int(),
      version: z.string(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('banner'),
      /** Which protocol the first bytes look like. */
      protocol: z.enum(['ssh', 'http', 'unknown']),
      /** First line the service sent, printable characters only, at most 200. */
      text: z.string().max(200),
    })
    .strict(),
]);
export type ServiceInfo = z.infer<typeof serviceInfoSchema>;

export const probeResultSchema = z
  .object({
    port: z.number().int().min(0).max(65535),
    protocol: transportSchema,
    state: portStateSchema,
    reason: probeReasonSchema,
    /** Round trip of the deciding exchange; null when nothing came back. */
    rttMs: z.number().nonnegative().nullable(),
    service: serviceInfoSchema.nullable(),
  })
  .strict();
export type ProbeResult = z.infer<typeof probeResultSchema>;

/** A runId ties progress events and probe:cancel to one run; chosen by the caller. */
export const runIdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const probeRunRequestSchema = z
  .object({
    runId: runIdSchema,
    /** IPv4, IPv6 or a host name (resolved once; the address used is reported). */
    host: z.string().min(1).max(253),
    /** Port spec: `22,80,8000-8100` or `all`. */
    ports: z.string().min(1).max(2000),
    protocol: transportSchema.default('tcp'),
    /** Per-attempt deadline ceiling; the scanner tightens it from measured round trips. */
    timeoutMs: z.number().int().min(50).max(30_000).optional(),
    concurrency: z.number().int().min(1).max(4096).optional(),
    /** Ask open ports what they are (Minecraft, Steam, SSH/HTTP banner). */
    confirm: z.boolean().default(true),
  })
  .strict();

export const probeRunResponseSchema = z
  .object({
    host: z.string(),
    address: z.string(),
    family: z.union([z.literal(4), z.literal(6)]),
    /** Sorted by port; when cancelled, only the ports decided before the cancel. */
    results: z.array(probeResultSchema),
    cancelled: z.boolean(),
    durationMs: z.number().nonnegative(),
  })
  .strict();
export type ProbeRunResponse = z.infer<typeof probeRunResponseSchema>;

export const probeProgressSchema = z
  .object({
    runId: runIdSchema,
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    /** Estimated time left, null until enough ports are decided to say. */
    etaMs: z.number().nonnegative().nullable(),
    /** Results decided since the previous event, in the order they were decided. */
    results: z.array(probeResultSchema),
  })
  .strict();
export type ProbeProgress = z.infer<typeof probeProgressSchema>;

export const probeChannels = {
  'probe:run': invoke(probeRunRequestSchema, probeRunResponseSchema, 'Probe ports of one host over TCP or UDP.'),
  'probe:cancel': invoke(
    z.object({ runId: runIdSchema }).strict(),
    z.object({ cancelled: z.boolean() }).strict(),
    'Stop a running probe; its probe:run answers with what was decided so far.',
  ),
} as const;

export const probeEvents = {
  'probe:progress': event(probeProgressSchema, 'Progress of a probe run, with the results decided since the last event.'),
} as const;
