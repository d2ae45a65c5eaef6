// The diagnosis document: what `diagnose --json` prints, `diagnose:run` returns and the report embeds.
import { z } from 'zod';
import { evidenceSchema } from './evidence';
import { findingSchema, verdictSchema } from './findings';
import { planSchema } from './plan';

/**
 * Bumped when a field changes meaning or goes away (adding an optional field does not bump it).
 * Readers check it before trusting the rest.
 */
export const DIAGNOSIS_VERSION = 1;

export const diagnosisDocumentSchema = z
  .object({
    version: z.literal(DIAGNOSIS_VERSION),
    plan: planSchema,
    evidence: evidenceSchema,
    /** Causes first (in rule order), then notes; never empty (the verdict is one of them). */
    findings: z.array(findingSchema).min(1),
    verdict: verdictSchema,
  })
  .strict()
  .refine((d) => d.verdict.finding < d.findings.length && d.findings[d.verdict.finding]?.cause === d.verdict.cause, {
    message: 'the verdict must be one of the findings',
    path: ['verdict', 'finding'],
  });
export type DiagnosisDocument = z.infer<typeof diagnosisDocumentSchema>;
