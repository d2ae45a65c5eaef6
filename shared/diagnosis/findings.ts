// Findings (what the rules concluded from the evidence) and the verdict (the first blocking one).
import { z } from 'zod';
import { causeCodeSchema, noteCodeSchema } from './cause-codes';
import { diagnosisProtocolSchema } from './plan';

export const confidenceSchema = z.enum(['high', 'medium', 'low']);
export type Confidence = z.infer<typeof confidenceSchema>;

/** Where a fix is applied: the words differ (router admin page vs a terminal). */
export const fixPlaceSchema = z.enum(['server', 'this-computer', 'router', 'isp', 'game', 'friends']);

export const fixStepSchema = z
  .object({
    where: fixPlaceSchema,
    /** For this-computer steps that differ by OS; null = the same everywhere. */
    os: z.enum(['linux', 'darwin', 'win32']).nullable(),
    text: z.string().min(1).max(600),
  })
  .strict();
export type FixStep = z.infer<typeof fixStepSchema>;

export const findingTargetSchema = z.object({ port: z.number().int().min(1).max(65535), protocol: diagnosisProtocolSchema }).strict();

/** What a rule concluded, before words: the cause, how sure, which ports, which facts. */
export const conclusionSchema = z
  .object({
    cause: z.union([causeCodeSchema, noteCodeSchema]),
    /** A cause (something that decides whether friends can join) or a note that accompanies one. */
    kind: z.enum(['cause', 'note']),
    /** This finding alone stops friends from joining. `reachable` and notes never block. */
    blocking: z.boolean(),
    confidence: confidenceSchema,
    targets: z.array(findingTargetSchema),
    /**
     * The facts it rests on, as paths into the evidence (`ports[0].outside.reachedThisComputer`,
     * `network.behindCgnat`), so the UI and the report can show "why we think so".
     */
    evidence: z.array(z.string().max(120)).min(1),
    /** Values the sentences need beyond the evidence (the other protocol, the relay mode's name). */
    params: z.record(z.string(), z.union([z.string(), z.number()])),
  })
  .strict();
export type Conclusion = z.infer<typeof conclusionSchema>;

/** A conclusion in words: one line, a paragraph, and numbered fix steps. */
export const findingSchema = conclusionSchema
  .extend({
    summary: z.string().min(1).max(300),
    explanation: z.string().min(1).max(2000),
    fixSteps: z.array(fixStepSchema),
  })
  .strict();
export type Finding = z.infer<typeof findingSchema>;

/**
 * "What to tell your friends": `public` address:port works; `lan` players at home use the LAN
 * address; `relay` join through the game's relay; `cannot-join` (CGNAT…) with why and alternatives;
 * `not-yet` fix the verdict first.
 */
export const tellFriendsSchema = z
  .object({
    kind: z.enum(['public', 'lan', 'relay', 'cannot-join', 'not-yet']),
    /** address:port for `public`/`lan`; null otherwise. */
    address: z.string().max(80).nullable(),
    text: z.string().min(1).max(600),
  })
  .strict();
export type TellFriends = z.infer<typeof tellFriendsSchema>;

export const verdictSchema = z
  .object({
    cause: causeCodeSchema,
    /** Friends can join directly (only for `reachable`). */
    friendsCanJoin: z.boolean(),
    confidence: confidenceSchema,
    summary: z.string().min(1).max(300),
    /** Index into findings of the finding this verdict is; every verdict is one of the findings. */
    finding: z.number().int().nonnegative(),
    tellFriends: tellFriendsSchema,
  })
  .strict();
export type Verdict = z.infer<typeof verdictSchema>;
