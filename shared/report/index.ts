// Diagnostic reports: the model, redaction and the writers (JSON, Markdown, HTML).
import type { Report, ReportFormat } from './model';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';

export * from './model';
export { redactReport } from './redact';
export { renderMarkdown } from './markdown';
export { renderHtml } from './html';
export { REPORT_CSS } from './style';

/** The report in one format, as the bytes that will be saved or copied. */
export function renderReport(report: Report, format: ReportFormat): string {
  if (format === 'md') return renderMarkdown(report);
  if (format === 'html') return renderHtml(report);
  return `${JSON.stringify(report, null, 2)}\n`;
}
