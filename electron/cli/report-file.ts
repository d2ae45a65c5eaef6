// `--report FILE [--no-redact]` for CLI commands: the format comes from the extension (checked before
// any work starts), the report is built like the app builds it, and saved atomically.
import type { DiagnosisDocument } from '../../shared/diagnosis/document';
import { AppError } from '../../shared/errors';
import { formatFromFileName, type ReportFormat } from '../../shared/report/model';
import { buildReportModel, readHostFacts, renderAllFormats } from '../services/report/build';
import { ReportSaveError, saveFileAtomic } from '../services/report/save';
import { APP_NAME, APP_VERSION } from '../version';
import { UsageError } from './command';

export const REPORT_FLAGS = { report: { type: 'string' }, 'no-redact': { type: 'boolean' } } as const;

export const REPORT_HELP = [
  '  --report FILE       also save a report: FILE.md (Markdown), FILE.html (one self-contained page) or FILE.json',
  '  --no-redact         keep public addresses, MACs, computer/user names and home paths in the report',
  '                      (hidden by default: check the file before sharing it without this)',
].join('\n');

/** The report's format from `--report FILE`, or null when no report was asked for. */
export function reportFormatArg(file: string | undefined, noRedact: boolean | undefined): ReportFormat | null {
  if (file === undefined) {
    if (noRedact) throw new UsageError('--no-redact only applies together with --report FILE');
    return null;
  }
  if (file.trim() === '') throw new UsageError('--report needs a file name, e.g. --report report.md');
  const format = formatFromFileName(file);
  if (!format) throw new UsageError(`--report ${file}: the name must end in .md, .html or .json (for PDF, print the .html file)`);
  return format;
}

/** Build and save the report; a failed save is SAVE_FAILED naming the path (exit code 1). */
export async function saveDiagnosisReport(doc: DiagnosisDocument, file: string, format: ReportFormat, redact: boolean, signal: AbortSignal): Promise<string> {
  const model = await buildReportModel(
    { diagnosis: doc, includeListeners: false, networkFacts: null },
    {
      now: () => new Date(),
      host: readHostFacts,
      appName: APP_NAME,
      appVersion: APP_VERSION,
      listListeners: () => Promise.reject(new Error('not asked for')),
      runAudit: () => Promise.reject(new Error('not asked for')),
    },
    signal,
  );
  const built = renderAllFormats(model, redact);
  const text = format === 'md' ? built.markdown : format === 'html' ? built.html : built.json;
  try {
    return await saveFileAtomic(file, text);
  } catch (e) {
    if (e instanceof ReportSaveError) throw new AppError('SAVE_FAILED', e.message, { cause: e });
    throw e;
  }
}
