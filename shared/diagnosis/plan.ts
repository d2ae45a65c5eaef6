// The diagnosis plan: what will be checked (pure data, built before any I/O, shown as the checklist).
import { z } from 'zod';
import { transportSchema } from '../protocol/verdict';
import { portRoleSchema } from '../presets/schema';
import { STEP_IDS } from './steps';

export { STEP_IDS, type StepId } from './steps';

/** The one transport schema (shared/protocol/verdict.ts). */
export const diagnosisProtocolSchema = transportSchema;
export type DiagnosisProtocol = z.infer<typeof diagnosisProtocolSchema>;

/** One port of one protocol the diagnosis tests. */
export const targetSchema = z
  .object({
    port: z.number().int().min(1).max(65535),
    protocol: diagnosisProtocolSchema,
    /** Friends need it to join; optional ports (query, RCON) never decide the verdict alone. */
    needed: z.boolean(),
    role: portRoleSchema,
    label: z.string().max(60),
  })
  .strict();
export type Target = z.infer<typeof targetSchema>;

/** Most presets need ≤ 5 ports; 16 keeps a typed list from turning the diagnosis into a scan. */
export const MAX_TARGETS = 16;

export const stepIdSchema = z.enum(STEP_IDS);

export const planSchema = z
  .object({
    /** The preset chosen, or `custom` for typed ports. */
    presetId: z.string(),
    presetName: z.string(),
    targets: z.array(targetSchema).min(1).max(MAX_TARGETS),
    /** The relay mode the user said the server runs in, by its name in the preset; null = none / not said. */
    relayMode: z.string().max(60).nullable(),
    /** The companion used for outside checks; null when none is configured (outside checks are then not-checked). */
    companion: z.string().max(300).nullable(),
    /** STUN servers asked for the public address and NAT mapping (`host:port`). */
    stunServers: z.array(z.string().max(300)).max(3),
    /** The steps that will run, in order. */
    steps: z.array(stepIdSchema),
  })
  .strict();
export type Plan = z.infer<typeof planSchema>;
