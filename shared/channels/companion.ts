// companion:* and nat:* — the internet vantage point: public address, verified port checks, NAT mapping.
import { z } from 'zod';
import { invoke } from '../channel';
import { portSchema, portStateSchema, probeProtocolSchema, probeReasonSchema } from '../companion-protocol';
import { factSchema } from '../diagnosis/fact';

/** http(s) only; the engine applies its default (setting, PD_COMPANION_URL, public default) when absent. */
const companionUrlSchema = z.string().max(300).regex(/^https?:\/\/[^\s]+$/, 'an http:// or https:// URL');
/** `host:port` or `[v6]:port`; the engine's public defaults are used when absent. */
const stunServerListSchema = z.array(z.string().max(300)).min(1).max(3);

/**
 * How a test from outside was proven to reach this computer: nonce = Port Doctor's own listener
 * read the fresh code; socket-table = the companion's connection showed up here; protocol = the
 * server that answered outside is the one running here (same banner or game-server identity).
 */
export const verifiedBySchema = z.enum(['nonce', 'socket-table', 'protocol']);
export type VerifiedBy = z.infer<typeof verifiedBySchema>;

const mappedSchema = z.object({ family: z.enum(['ipv4', 'ipv6']), address: z.string(), port: z.number().int() }).strict();

export const natReportSchema = z
  .object({
    /** The public address the first answering server saw. */
    publicAddress: z.string().nullable(),
    /** easy = endpoint-independent mapping (cone); hard = a new mapping per destination (symmetric). */
    mapping: z.enum(['easy', 'hard', 'unknown']),
    /** The local port survived the NAT unchanged (port-preserving); not-checked when no STUN server answered. */
    portPreserved: factSchema,
    localPort: z.number().int(),
    samples: z.array(z.object({ server: z.string(), mapped: mappedSchema.nullable(), rttMs: z.number().nullable() }).strict()),
  })
  .strict();

export const whoamiResultSchema = z
  .object({
    publicAddress: z.string(),
    port: z.number().int(),
    family: z.enum(['ipv4', 'ipv6']),
    companionVersion: z.string(),
    /** null = NAT detection not asked for. */
    nat: natReportSchema.nullable(),
  })
  .strict();

export const portCheckResultSchema = z
  .object({
    publicAddress: z.string(),
    protocol: probeProtocolSchema,
    port: portSchema,
    state: portStateSchema,
    reason: probeReasonSchema,
    /**
     * The probe provably reached this computer (not just "something answered"): yes = proven,
     * no = it did not (or something else answered), not-checked = this OS or this port gave no way
     * to tell (no socket-table reader, a held UDP port whose program answers no query we compare).
     */
    verified: factSchema,
    /** How arrival was proven; null unless verified is yes. */
    verifiedBy: verifiedBySchema.nullable(),
    mode: z.enum(['temporary-listener', 'port-held', 'listener-denied']),
    rttMs: z.number().nullable(),
    banner: z.string().nullable(),
  })
  .strict();

export type NatReport = z.infer<typeof natReportSchema>;
export type PortCheckResult = z.infer<typeof portCheckResultSchema>;

export const companionChannels = {
  'companion:whoami': invoke(
    z.object({ companionUrl: companionUrlSchema.optional(), detectNat: z.boolean().default(false) }).strict(),
    whoamiResultSchema,
    'This computer\'s public address as the companion sees it; optionally NAT mapping via the companion\'s STUN ports.',
  ),
  'companion:check': invoke(
    z.object({ companionUrl: companionUrlSchema.optional(), port: portSchema, protocol: probeProtocolSchema }).strict(),
    portCheckResultSchema,
    'Asks the companion to connect back to this port from the internet and proves the connection reached this computer.',
  ),
  'nat:detect': invoke(
    z.object({ stunServers: stunServerListSchema.optional() }).strict(),
    natReportSchema,
    'Public address and NAT mapping (easy vs hard) from one UDP socket and two STUN servers.',
  ),
} as const;

export const companionEvents = {} as const;
