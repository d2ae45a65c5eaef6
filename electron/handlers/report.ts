// report:* handlers. Building is the same everywhere; saving through a dialog needs the desktop
// app, which hands its dialog and PDF printer in as seams (the web UI downloads instead).
import type { Handler } from '../bridge/handler';
import { AppError } from '../../shared/errors';
import { listListeners } from '../services/listeners/index';
import { handlerListenersDeps } from './listeners';
import { runAudit } from '../services/audit/run';
import { oneReading } from '../services/firewall/snapshot';
import { buildReportModel, readHostFacts, renderAllFormats, type ReportDeps } from '../services/report/build';
import { ReportSaveError, saveFileAtomic } from '../services/report/save';
import { APP_NAME, APP_VERSION } from '../version';

/** What only the desktop shell can do for a report: ask where to save, and print HTML to PDF. */
export interface DesktopReportSeams {
  /** The save dialog; null when the user cancelled. */
  chooseSavePath(defaultName: string, format: 'md' | 'html' | 'json' | 'pdf'): Promise<string | null>;
  printToPdf(html: string): Promise<Uint8Array>;
}

export const defaultReportDeps: ReportDeps = {
  now: () => new Date(),
  host: readHostFacts,
  appName: APP_NAME,
  appVersion: APP_VERSION,
  // The same warm engine the Listeners page uses, so the report shows what the page showed.
  listListeners: (signal) => listListeners({}, handlerListenersDeps(signal)),
  // The same audit the Exposure page runs (audit:run), so the report says what the page said.
  runAudit: (signal) =>
    runAudit({
      listListeners: () => listListeners({}, handlerListenersDeps(signal)),
      // One ruleset reading answers every port of this audit.
      readFirewall: oneReading({ signal }),
    }),
};

export function reportHandlers(desktop: DesktopReportSeams | null, deps: ReportDeps = defaultReportDeps) {
  const build: Handler<'report:build'> = async (input, ctx) => {
    const { redact, ...what } = input;
    return renderAllFormats(await buildReportModel(what, deps, ctx.signal), redact);
  };

  const save: Handler<'report:save'> = async (input, ctx) => {
    if (!desktop) throw new AppError('NOT_SUPPORTED', 'the web UI downloads reports instead of opening a save dialog');
    const built = await build(input.build, ctx);
    const target = await desktop.chooseSavePath(built.fileNames[input.format], input.format);
    if (target === null) return { saved: false };
    const data =
      input.format === 'pdf' ? await desktop.printToPdf(built.html) : input.format === 'md' ? built.markdown : input.format === 'html' ? built.html : built.json;
    try {
      return { saved: true, path: await saveFileAtomic(target, data) };
    } catch (e) {
      if (e instanceof ReportSaveError) throw new AppError('SAVE_FAILED', e.message, { cause: e });
      throw e;
    }
  };
  return { 'report:build': build, 'report:save': save } as const;
}
