// diagnose:* — "why can't my friends join?": the whole diagnosis, its live checklist, cancel.
import { z } from 'zod';
import { event, invoke } from '../channel';
import { diagnosisDocumentSchema } from '../diagnosis/document';
import { MAX_TARGETS, diagnosisProtocolSchema, stepIdSchema } from '../diagnosis/plan';
import { stepRecordSchema } from '../diagnosis/evidence';
import { runIdSchema } from './probe';
import { arrivalSchema, inviteOutcomeSchema, inviteReadySchema } from './vantage';
import { MAX_OUTSIDE_TEST_ARRIVALS } from './diagnose-limits';

export const diagnoseRunRequestSchema = z
  .object({
    runId: runIdSchema,
    /** A preset id (`port-doctor games`); `custom` or absent with `ports`. */
    presetId: z.string().max(60).optional(),
    ports: z.array(z.object({ port: z.number().int().min(1).max(65535), protocol: diagnosisProtocolSchema }).strict()).max(MAX_TARGETS).optional(),
    /** The relay mode the user says the server runs in (a name from the preset). */
    relayMode: z.string().max(60).nullable().optional(),
    /** http(s) companion; absent = PD_COMPANION_URL or none (outside checks then not-checked). */
    companionUrl: z.string().max(300).regex(/^https?:\/\/[^\s]+$/, 'an http:// or https:// URL').optional(),
    /** `host:port`; absent = the companion's STUN ports, else PD_STUN_SERVERS, else public defaults. */
    stunServers: z.array(z.string().max(300)).min(1).max(3).optional(),
  })
  .strict()
  .refine((r) => (r.presetId !== undefined && r.presetId !== 'custom') || (r.ports?.length ?? 0) > 0, { message: 'pick a game or type at least one port', path: ['ports'] });

export const diagnoseProgressSchema = z
  .object({
    runId: runIdSchema,
    step: stepIdSchema,
    state: z.union([z.literal('running'), stepRecordSchema.shape.state]),
    /** The step's one-line result (empty while running). */
    note: z.string().max(300),
  })
  .strict();
export type DiagnoseProgress = z.infer<typeof diagnoseProgressSchema>;

export { MAX_OUTSIDE_TEST_ARRIVALS };

/**
 * The user's own test from outside (phone link or friend code, `vantage:invite`) of one port of a
 * diagnosis that had no companion: what it saw so far (arrivals) or in the end (endedBy).
 */
export const outsideTestSchema = z
  .object({
    port: z.number().int().min(1).max(65535),
    protocol: diagnosisProtocolSchema,
    /** test-listener = Port Doctor answered on the port; port-held = the server held it. */
    mode: inviteReadySchema.shape.mode,
    /** null while the test still listens. */
    endedBy: inviteOutcomeSchema.shape.endedBy.nullable(),
    /** How long the test listened, for the words ("nothing arrived in 3 minutes"). */
    listenedSeconds: z.number().int().min(0).max(24 * 3600),
    arrivals: z.array(arrivalSchema).max(MAX_OUTSIDE_TEST_ARRIVALS),
  })
  .strict();
export type OutsideTest = z.infer<typeof outsideTestSchema>;

export const diagnoseReconsiderRequestSchema = z
  .object({
    /** The diagnosis (`diagnose:run`'s runId) the test belongs to; the engine keeps its evidence. */
    runId: runIdSchema,
    test: outsideTestSchema,
  })
  .strict();

export const diagnoseChannels = {
  'diagnose:run': invoke(diagnoseRunRequestSchema, diagnosisDocumentSchema, 'Runs the whole diagnosis for a game or ports: evidence, findings and the verdict, with fix steps.'),
  'diagnose:reconsider': invoke(diagnoseReconsiderRequestSchema, diagnosisDocumentSchema, "Takes the user's own phone or friend test of one port into a finished diagnosis: the same evidence with that test as the outside check, findings and verdict drawn again."),
  'diagnose:cancel': invoke(z.object({ runId: runIdSchema }).strict(), z.object({ cancelled: z.boolean() }).strict(), 'Stops a running diagnosis; it returns with what it gathered so far.'),
} as const;

export const diagnoseEvents = {
  'diagnose:progress': event(diagnoseProgressSchema, 'One checklist step started or finished, with its one-line result.'),
} as const;
