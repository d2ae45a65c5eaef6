// Game preset schema: the ports friends need, the optional ones, the server's usual program names,
// relay modes where a port test says nothing, and the places where sources disagree (⚠).
import { z } from 'zod';
import { transportSchema } from '../protocol/verdict';

/** The one transport schema (shared/protocol/verdict.ts). */
export const presetProtocolSchema = transportSchema;

/**
 * What a port is for. `game` is what clients connect to; `query` is the server-browser / Steam
 * query port (a server missing from the browser usually has this one closed); `rcon` and `web` are
 * for admins and never needed by friends; `voice`/`stream` are extras some games use.
 */
export const portRoleSchema = z.enum(['game', 'query', 'rcon', 'web', 'stream', 'other']);

/** One port or an inclusive range of one protocol. */
export const presetPortSchema = z
  .object({
    protocol: presetProtocolSchema,
    from: z.number().int().min(1).max(65535),
    to: z.number().int().min(1).max(65535),
    role: portRoleSchema,
    /** Short label shown next to the port ("game", "IPv6 clients", "Steam query"). */
    label: z.string().min(1).max(60),
  })
  .strict()
  .refine((p) => p.to >= p.from, { message: 'range end before its start', path: ['to'] });

/**
 * A way to host where friends connect through a relay (join code, Steam Datagram Relay, …): the
 * router and port forwards do not matter, so a port test answers the wrong question.
 */
export const relayModeSchema = z
  .object({
    /** What the user knows it by: a launch option, a setting, a menu entry. */
    name: z.string().min(1).max(60),
    /** One sentence: how friends join in this mode. */
    howFriendsJoin: z.string().min(1).max(300),
    /**
     * A launch option that turns the mode on, matched against the server's command line when the
     * listeners engine can read it; null when the mode lives in a config file or a menu.
     */
    commandLineFlag: z.string().min(2).max(40).nullable(),
  })
  .strict();

/** A protocol-aware check the probe engine can speak to confirm it is really this game answering. */
export const confirmKindSchema = z.enum(['minecraft-java', 'raknet', 'a2s']);

export const presetSchema = z
  .object({
    /** Stable, kebab-case: used by `--game`, in reports and in links. */
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
    name: z.string().min(1).max(60),
    /** Other names people search for ("mc", "cs2", "gmod"). */
    aliases: z.array(z.string().min(1).max(40)),
    /** Ports friends need forwarded and open (per protocol). Empty only for `custom`. */
    needed: z.array(presetPortSchema),
    /** Ports that help (server browser, admin) but friends can join without. */
    optional: z.array(presetPortSchema),
    /**
     * The dedicated server's usual program names as the OS reports them (Linux `comm`, Windows
     * image name). Matching also tolerates Linux's 15-character `comm` truncation.
     */
    processNames: z.array(z.string().min(1).max(80)),
    relayModes: z.array(relayModeSchema),
    /** ⚠ Where sources disagree or the answer depends on the version: shown to the user as is. */
    warnings: z.array(z.string().min(1).max(300)),
    confirm: z.array(z.object({ kind: confirmKindSchema, protocol: presetProtocolSchema, port: z.number().int().min(1).max(65535) }).strict()),
    /** Where the defaults come from, so a reader can check them. */
    sources: z.array(z.string().url()),
  })
  .strict();

export type PresetProtocol = z.infer<typeof presetProtocolSchema>;
export type PortRole = z.infer<typeof portRoleSchema>;
export type PresetPort = z.infer<typeof presetPortSchema>;
export type RelayMode = z.infer<typeof relayModeSchema>;
export type ConfirmKind = z.infer<typeof confirmKindSchema>;
export type Preset = z.infer<typeof presetSchema>;
