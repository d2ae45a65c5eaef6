// Build the report model from what the user is looking at (a diagnosis, the listeners, network
// facts) plus the facts about this machine that every report carries, then render every format.
import os from 'node:os';
import type { Audit } from '../../../shared/channels/audit';
import type { ListenersListResponse } from '../../../shared/channels/listeners';
import type { BuiltReport } from '../../../shared/channels/report';
import type { DiagnosisDocument } from '../../../shared/diagnosis/document';
import type { NetworkFacts } from '../../../shared/network/facts';
import { networkRows } from '../../../shared/report/network-rows';
import {
  redactReport,
  renderReport,
  reportFileName,
  REPORT_MAX_LISTENERS,
  REPORT_VERSION,
  type Report,
} from '../../../shared/report';

export interface HostFacts {
  name: string;
  user: string | null;
  home: string | null;
  platform: Report['os']['platform'];
  release: string;
  arch: string;
}

export interface ReportDeps {
  now: () => Date;
  host: () => HostFacts;
  appName: string;
  appVersion: string;
  listListeners: (signal: AbortSignal) => Promise<ListenersListResponse>;
  runAudit: (signal: AbortSignal) => Promise<Audit>;
}

export interface ReportInput {
  diagnosis: DiagnosisDocument | null;
  includeListeners: boolean;
  includeAudit?: boolean;
  networkFacts: NetworkFacts | null;
  title?: string;
}

/** This machine as the OS names it; a user database that cannot be read leaves the user unknown. */
export function readHostFacts(): HostFacts {
  let user: string | null;
  try {
    user = os.userInfo().username;
  } catch {
    user = process.env.USER ?? process.env.USERNAME ?? null;
  }
  const p = process.platform;
  return {
    name: os.hostname(),
    user,
    home: os.homedir() || null,
    platform: p === 'linux' || p === 'darwin' || p === 'win32' ? p : 'other',
    release: os.release(),
    arch: process.arch,
  };
}

export async function buildReportModel(input: ReportInput, deps: ReportDeps, signal: AbortSignal): Promise<Report> {
  const host = deps.host();
  let listeners: Report['listeners'] = null;
  if (input.includeListeners) {
    const l = await deps.listListeners(signal);
    listeners = { collectedAt: l.collectedAt, total: l.listeners.length, elevated: l.elevated, rows: l.listeners.slice(0, REPORT_MAX_LISTENERS) };
  }
  const audit = input.includeAudit ? await deps.runAudit(signal) : null;
  const title = input.diagnosis
    ? input.diagnosis.plan.presetName
    : (input.title ?? (listeners ? 'Listening programs' : audit ? 'What this computer exposes' : 'Network'));
  return {
    reportVersion: REPORT_VERSION,
    generatedAt: deps.now().toISOString(),
    app: { name: deps.appName, version: deps.appVersion },
    os: { platform: host.platform, release: host.release, arch: host.arch },
    computer: { name: host.name, user: host.user, home: host.home },
    subject: { presetId: input.diagnosis ? input.diagnosis.plan.presetId : null, title },
    redaction: { applied: false, placeholders: [] },
    diagnosis: input.diagnosis,
    listeners,
    network: input.networkFacts ? networkRows(input.networkFacts) : null,
    audit: audit ? { ...audit, items: audit.items.slice(0, REPORT_MAX_LISTENERS) } : null,
  };
}

/** Every format from one (optionally redacted) model, so the preview is exactly what is saved. */
export function renderAllFormats(model: Report, redact: boolean): BuiltReport {
  const report = redact ? redactReport(model) : model;
  return {
    markdown: renderReport(report, 'md'),
    html: renderReport(report, 'html'),
    json: renderReport(report, 'json'),
    fileNames: {
      md: reportFileName(report, 'md'),
      html: reportFileName(report, 'html'),
      json: reportFileName(report, 'json'),
      pdf: reportFileName(report, 'pdf'),
    },
    redaction: report.redaction,
  };
}
