// audit:* — the exposure audit: what other devices could reach on this computer, grouped by how
// far, with risky services flagged and the fix in words.
import { z } from 'zod';
import { invoke } from '../channel';
import { exposureSchema, protocolSchema } from './listeners';
import { portRiskSchema } from './ports';

/**
 * `this-computer`: bound to loopback, or the host firewall blocks everyone else. `your-network`:
 * bound to one private address and not blocked. `internet-if-forwarded`: bound to every network or
 * to a public address — a router forward (or no router firewall for IPv6) carries it to the internet.
 */
export const auditGroupSchema = z.enum(['this-computer', 'your-network', 'internet-if-forwarded']);

/** What the host firewall does to a new connection from another device to this port. */
export const firewallFactSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('allows') }).strict(),
  z.object({ state: z.literal('blocks') }).strict(),
  z.object({ state: z.literal('not-checked'), reason: z.string() }).strict(),
]);

export const auditItemSchema = z
  .object({
    protocol: protocolSchema,
    family: z.union([z.literal(4), z.literal(6)]),
    address: z.string(),
    port: z.number().int().min(0).max(65535),
    exposure: exposureSchema,
    pid: z.number().int().nonnegative().nullable(),
    process: z.string().nullable(),
    /** Short service name as the Listeners page shows it. */
    service: z.string().nullable(),
    group: auditGroupSchema,
    firewall: firewallFactSchema,
    risk: portRiskSchema.nullable(),
    /** A known-risky service that other devices can reach. */
    flagged: z.boolean(),
    /** For flagged items: what is wrong and the fix, in one sentence. */
    advice: z.string().nullable(),
  })
  .strict();

export const auditSchema = z
  .object({
    items: z.array(auditItemSchema),
    counts: z.object({ 'this-computer': z.number().int(), 'your-network': z.number().int(), 'internet-if-forwarded': z.number().int() }).strict(),
    flaggedCount: z.number().int().nonnegative(),
    /** Whether firewall facts were read; 'not-checked' with the reason when none could be. */
    firewall: z.discriminatedUnion('state', [
      z.object({ state: z.literal('checked') }).strict(),
      z.object({ state: z.literal('not-checked'), reason: z.string() }).strict(),
    ]),
    /** ISO time the sockets were read. */
    collectedAt: z.string(),
  })
  .strict();

export type AuditGroup = z.infer<typeof auditGroupSchema>;
export type FirewallFact = z.infer<typeof firewallFactSchema>;
export type AuditItem = z.infer<typeof auditItemSchema>;
export type Audit = z.infer<typeof auditSchema>;

export const auditChannels = {
  'audit:run': invoke(
    z.object({}).strict(),
    auditSchema,
    'What other devices could reach on this computer, grouped by how far, with risky services flagged and the fix.',
  ),
} as const;

export const auditEvents = {} as const;
