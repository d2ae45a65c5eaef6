// The diagnostic report model: one versioned document built from a diagnosis (and optionally the
// listeners and network facts); every format (JSON, Markdown, HTML, PDF) is rendered from it.
import { z } from 'zod';
import { diagnosisDocumentSchema } from '../diagnosis/document';
import { listenerSchema } from '../channels/listeners';
import { auditSchema } from '../channels/audit';

/** Bumped when a field changes meaning or goes away; adding an optional field does not bump it. */
export const REPORT_VERSION = 1;

/** A paste-sized report: the listeners table beyond this many rows is summarised, not listed. */
export const REPORT_MAX_LISTENERS = 300;

export const placeholderKindSchema = z.enum(['public-address', 'mac', 'computer', 'user', 'home']);
export type PlaceholderKind = z.infer<typeof placeholderKindSchema>;

/** What the redaction replaced, by kind and placeholder only: never the original value. */
export const redactionSchema = z
  .object({
    applied: z.boolean(),
    placeholders: z.array(z.object({ placeholder: z.string(), kind: placeholderKindSchema }).strict()),
  })
  .strict();
export type Redaction = z.infer<typeof redactionSchema>;

/** The listeners section: the rows as the Listeners page showed them, cut to a paste-sized count. */
export const reportListenersSchema = z
  .object({
    collectedAt: z.string(),
    total: z.number().int().nonnegative(),
    /** Whether they were read with elevated rights: says why a program could not be named. */
    elevated: z.boolean(),
    rows: z.array(listenerSchema).max(REPORT_MAX_LISTENERS),
  })
  .strict();

/** Network facts as label/value rows: the report shows them as the Network page names them. */
export const reportNetworkSchema = z
  .object({
    collectedAt: z.string(),
    rows: z.array(z.object({ label: z.string().max(80), value: z.string().max(500) }).strict()).max(200),
  })
  .strict();

/** The exposure audit as the Exposure page showed it (its items cut to a paste-sized count). */
export const reportAuditSchema = auditSchema.extend({ items: auditSchema.shape.items.max(REPORT_MAX_LISTENERS) });
export type ReportAudit = z.infer<typeof reportAuditSchema>;

export const reportSchema = z
  .object({
    reportVersion: z.literal(REPORT_VERSION),
    /** ISO time the report was built. */
    generatedAt: z.string(),
    app: z.object({ name: z.string(), version: z.string() }).strict(),
    os: z.object({ platform: z.enum(['linux', 'darwin', 'win32', 'other']), release: z.string(), arch: z.string() }).strict(),
    /** Private by nature: replaced by pseudonyms when redaction is on. */
    computer: z.object({ name: z.string(), user: z.string().nullable(), home: z.string().nullable() }).strict(),
    /** What the report is about, for the title and the file name. */
    subject: z.object({ presetId: z.string().nullable(), title: z.string().max(120) }).strict(),
    redaction: redactionSchema,
    diagnosis: diagnosisDocumentSchema.nullable(),
    listeners: reportListenersSchema.nullable(),
    network: reportNetworkSchema.nullable(),
    /** What other devices could reach on this computer; added in report format 1 (absent = not included). */
    audit: reportAuditSchema.nullable().optional(),
  })
  .strict()
  .refine((r) => r.diagnosis !== null || r.listeners !== null || r.network !== null || (r.audit ?? null) !== null, {
    message: 'a report needs a diagnosis, listeners, network facts or the exposure audit',
  });
export type Report = z.infer<typeof reportSchema>;
export type ReportListeners = z.infer<typeof reportListenersSchema>;
export type ReportNetwork = z.infer<typeof reportNetworkSchema>;

export const REPORT_FORMATS = ['md', 'html', 'json'] as const;
export const reportFormatSchema = z.enum(REPORT_FORMATS);
export type ReportFormat = z.infer<typeof reportFormatSchema>;

/** `port-doctor-report-minecraft-java-2026-12-02.md`: the subject and the day, nothing private. */
export function reportFileName(report: Pick<Report, 'subject' | 'generatedAt'>, format: ReportFormat | 'pdf'): string {
  const slug =
    (report.subject.presetId ?? report.subject.title)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'ports';
  const day = report.generatedAt.slice(0, 10);
  return `port-doctor-report-${slug}-${day}.${format}`;
}

/** The format a file name asks for, from its extension; null when it names none we write. */
export function formatFromFileName(name: string): ReportFormat | null {
  const m = /\.([a-z]+)$/i.exec(name);
  const ext = m?.[1]?.toLowerCase();
  if (ext === 'md' || ext === 'markdown') return 'md';
  if (ext === 'html' || ext === 'htm') return 'html';
  if (ext === 'json') return 'json';
  return null;
}
