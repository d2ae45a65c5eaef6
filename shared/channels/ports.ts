// ports:* — the port reference: what a port, a range or a name is for, the range it falls in, who
// may bind it, what is known to go wrong when it is exposed, and whether this computer listens on it.
import { z } from 'zod';
import { invoke } from '../channel';
import { exposureSchema, portCategorySchema, protocolSchema } from './listeners';

/** Who may bind the port on each OS. `wildcard-only`: any user on 0.0.0.0/::, root for one address. */
export const bindRightsSchema = z
  .object({
    linux: z.enum(['admin', 'anyone']),
    darwin: z.enum(['admin', 'wildcard-only', 'anyone']),
    win32: z.enum(['anyone']),
  })
  .strict();

export const riskSourceSchema = z.object({ title: z.string(), url: z.string().url() }).strict();

export const portRiskSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    kind: z.enum(['attacked', 'guessable', 'reflector']),
    risk: z.string(),
    fix: z.string(),
    sources: z.array(riskSourceSchema).min(1),
  })
  .strict();

export const namedServiceSchema = z.object({ name: z.string(), description: z.string() }).strict();

/** A game whose server uses this port and protocol (from the game presets). */
export const gameUseSchema = z
  .object({
    /** Preset id, e.g. `minecraft-java` (the wizard's `--game`). */
    id: z.string(),
    name: z.string(),
    /** The preset's label for the port ("game", "Steam query", "RCON"). */
    label: z.string(),
    /** Friends need it forwarded (true) or it only helps (server list, admin). */
    needed: z.boolean(),
  })
  .strict();

/** A socket on this computer bound to the entry's port and protocol, as the Listeners page shows it. */
export const listeningNowSchema = z
  .object({
    family: z.union([z.literal(4), z.literal(6)]),
    address: z.string(),
    exposure: exposureSchema,
    pid: z.number().int().nonnegative().nullable(),
    process: z.string().nullable(),
  })
  .strict();

export const portEntrySchema = z
  .object({
    port: z.number().int().min(0).max(65535),
    protocol: protocolSchema,
    category: portCategorySchema,
    /** Inside Linux's default ephemeral range (32768–60999): Linux may hand it out as a source port. */
    linuxEphemeral: z.boolean(),
    /** IANA's registration; null when IANA lists the port unassigned or reserved. */
    iana: namedServiceSchema.nullable(),
    /** Port Doctor's own list of home uses (games, media servers, VPNs, dev tools). */
    commonUse: namedServiceSchema.nullable(),
    /** Game servers that use it, from the game presets. */
    games: z.array(gameUseSchema),
    bindRights: bindRightsSchema,
    risk: portRiskSchema.nullable(),
    /** Sockets on this computer on this port and protocol right now; empty when listening is not 'yes'. */
    listeningNow: z.array(listeningNowSchema),
  })
  .strict();

export const portsLookupRequestSchema = z.object({ query: z.string().max(200) }).strict();

export const portsLookupResponseSchema = z
  .object({
    /** The question as understood, e.g. "27015-27030/udp" or "minecraft". */
    understood: z.string(),
    kind: z.enum(['port', 'range', 'name']),
    entries: z.array(portEntrySchema),
    /** For a range: how many of its port/protocol pairs have nothing to say (not listed). */
    quietCount: z.number().int().nonnegative(),
    /** For a name search: more matches exist than are listed; the user should narrow it. */
    truncated: z.boolean(),
    /** Whether listeningNow was filled in: 'not-checked' with the reason when the socket table was unreadable. */
    listening: z.discriminatedUnion('state', [
      z.object({ state: z.literal('yes'), collectedAt: z.string() }).strict(),
      z.object({ state: z.literal('not-checked'), reason: z.string() }).strict(),
    ]),
  })
  .strict();

export type BindRights = z.infer<typeof bindRightsSchema>;
export type GameUse = z.infer<typeof gameUseSchema>;
export type PortEntry = z.infer<typeof portEntrySchema>;
export type ListeningNow = z.infer<typeof listeningNowSchema>;
export type PortsLookupResponse = z.infer<typeof portsLookupResponseSchema>;

export const portsChannels = {
  'ports:lookup': invoke(
    portsLookupRequestSchema,
    portsLookupResponseSchema,
    'What a port, range or name is for, who may bind it, its risk when exposed, and whether this computer listens on it.',
  ),
} as const;

export const portsEvents = {} as const;
