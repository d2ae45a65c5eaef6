// report:* — build a diagnostic report (redacted by default) in every format, and save it through
// the desktop app's own dialog. Under `port-doctor serve` the page downloads the built text instead.
import { z } from 'zod';
import { invoke } from '../channel';
import { diagnosisDocumentSchema } from '../diagnosis/document';
import { networkFactsSchema } from '../network/facts';
import { redactionSchema } from '../report/model';

export const reportBuildRequestSchema = z
  .object({
    /** The wizard's diagnosis; null for a listeners- or network-only report. */
    diagnosis: diagnosisDocumentSchema.nullable().default(null),
    /** Add this computer's listening programs (read fresh when the report is built). */
    includeListeners: z.boolean().default(false),
    /** Add the exposure audit: what other devices could reach here (read fresh, with the firewall). */
    includeAudit: z.boolean().default(false),
    /** The Network page's facts (`network:facts`), shown as rows in the report. */
    networkFacts: networkFactsSchema.nullable().default(null),
    /** On by default: public addresses, MACs, computer/user names and home paths become placeholders. */
    redact: z.boolean().default(true),
    /** A title when there is no diagnosis ("Listening programs", "Network"). */
    title: z.string().min(1).max(120).optional(),
  })
  .strict()
  .refine((r) => r.diagnosis !== null || r.includeListeners || r.includeAudit || r.networkFacts !== null, {
    message: 'a report needs a diagnosis, listeners, network facts or the exposure audit',
  });

export const builtReportSchema = z
  .object({
    markdown: z.string(),
    html: z.string(),
    json: z.string(),
    /** Suggested file names per format (`port-doctor-report-<game>-<date>.<ext>`). */
    fileNames: z.object({ md: z.string(), html: z.string(), json: z.string(), pdf: z.string() }).strict(),
    redaction: redactionSchema,
  })
  .strict();
export type BuiltReport = z.infer<typeof builtReportSchema>;
export type ReportBuildRequest = z.input<typeof reportBuildRequestSchema>;

export const reportSaveRequestSchema = z
  .object({
    build: reportBuildRequestSchema,
    format: z.enum(['md', 'html', 'json', 'pdf']),
  })
  .strict();

export const reportSaveResponseSchema = z.discriminatedUnion('saved', [
  z.object({ saved: z.literal(true), path: z.string() }).strict(),
  /** The user closed the dialog: not an error. */
  z.object({ saved: z.literal(false) }).strict(),
]);
export type ReportSaveResponse = z.infer<typeof reportSaveResponseSchema>;

export const reportChannels = {
  'report:build': invoke(reportBuildRequestSchema, builtReportSchema, 'Build a diagnostic report (redacted by default) as Markdown, HTML and JSON.'),
  'report:save': invoke(reportSaveRequestSchema, reportSaveResponseSchema, 'Save a report through the desktop app\'s save dialog (atomic write; PDF via the app\'s own renderer).'),
} as const;

export const reportEvents = {} as const;
