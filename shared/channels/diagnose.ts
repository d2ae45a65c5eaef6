// diagnose:* — "why can't my friends join?": the whole diagnosis, its live checklist, cancel.
import { z } from 'zod';
import { event, invoke } from '../channel';
import { diagnosisDocumentSchema } from '../diagnosis/document';
import { MAX_TARGETS, diagnosisProtocolSchema, stepIdSchema } from '../diagnosis/plan';
import { stepRecordSchema } from '../diagnosis/evidence';
import { runIdSchema } from './probe';

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

export const diagnoseChannels = {
  'diagnose:run': invoke(diagnoseRunRequestSchema, diagnosisDocumentSchema, 'Runs the whole diagnosis for a game or ports: evidence, findings and the verdict, with fix steps.'),
  'diagnose:cancel': invoke(z.object({ runId: runIdSchema }).strict(), z.object({ cancelled: z.boolean() }).strict(), 'Stops a running diagnosis; it returns with what it gathered so far.'),
} as const;

export const diagnoseEvents = {
  'diagnose:progress': event(diagnoseProgressSchema, 'One checklist step started or finished, with its one-line result.'),
} as const;
