// The report's content in words, once: the Markdown and HTML writers only lay these sections out,
// so the two formats cannot say different things.
import type { PortEvidence } from '../diagnosis/evidence';
import type { DiagnosisDocument } from '../diagnosis/document';
import type { Finding } from '../diagnosis/findings';
import type { Report } from './model';
import { OS_NAMES } from '../render/os-names';
import { factText, outsideText } from '../render/fact';
import { exposureShort } from '../render/exposure';
import { ownerText } from '../render/listener';
import { GROUP_TEXT, firewallText } from '../audit/words';

export interface Table {
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface ReportSections {
  readonly title: string;
  /** One line per fact about where and when the report was made. */
  readonly meta: readonly string[];
  readonly verdict: { summary: string; confidence: string; explanation: string; friendsCanJoin: boolean } | null;
  readonly tellFriends: string | null;
  readonly fixSteps: readonly string[];
  readonly evidence: Table | null;
  readonly network: Table | null;
  readonly otherFindings: readonly { summary: string; explanation: string }[];
  /**
   * How each check went, the plan, the listeners. Folded in Markdown when they support a verdict;
   * `primary` when they are what the report is about (a listeners-only report).
   */
  readonly details: readonly { title: string; table: Table; note?: string; primary: boolean }[];
  readonly footer: string;
}

const WHERE = {
  server: 'Server',
  'this-computer': 'This computer',
  router: 'Router',
  isp: 'ISP',
  game: 'Game',
  friends: 'Friends',
} as const;

function listeningText(p: PortEvidence): string {
  if (p.listening.state !== 'yes') return factText(p.listening, { yes: 'listening', no: 'nothing listening' });
  const holders = p.sockets.map((s) => `${s.process ?? 'unknown program'} on ${s.address}`);
  return holders.length > 0 ? `listening: ${holders.join(', ')}` : factText(p.listening, { yes: 'listening', no: '' });
}

function evidenceTable(d: DiagnosisDocument): Table {
  return {
    head: ['Port', 'On this computer', 'Host firewall', 'From outside', 'Via public address from inside'],
    rows: d.evidence.ports.map((p) => [
      `${p.port}/${p.protocol} ${p.label}${p.needed ? '' : ' (optional)'}`,
      listeningText(p),
      factText(p.firewallAllows, { yes: 'lets it in', no: 'blocks it' }),
      outsideText(p.outside),
      factText(p.hairpinWorks, { yes: 'works', no: 'fails' }),
    ]),
  };
}

function networkTable(d: DiagnosisDocument): Table {
  const n = d.evidence.network;
  const value = (v: string | null) => v ?? 'unknown';
  return {
    head: ['Fact', 'Value'],
    rows: [
      ['This computer (LAN)', n.lanAddress ? `${n.lanAddress}${n.lanInterface ? ` on ${n.lanInterface}` : ''}` : 'unknown'],
      ['Router (gateway)', value(n.gateway)],
      ["Router's internet-side address", value(n.routerWanAddress)],
      ['Public address', n.publicAddress ? `${n.publicAddress} (from ${n.publicAddressSource === 'stun' ? 'STUN' : (n.publicAddressSource ?? 'unknown')})` : 'unknown'],
      ['Carrier-grade NAT', factText(n.behindCgnat)],
      ['Double NAT', factText(n.doubleNat)],
      ['NAT mapping', n.natMapping ?? 'not checked'],
      ['Global IPv6 address', factText(n.globalIpv6)],
      [
        'Host firewall',
        `${factText(d.evidence.firewall.active, { yes: 'active', no: 'not active' })}${d.evidence.firewall.product ? ` — ${d.evidence.firewall.product}` : ''}`,
      ],
    ],
  };
}

function fixStepText(f: Finding['fixSteps'][number]): string {
  return `${WHERE[f.where]}${f.os ? ` (${OS_NAMES[f.os]})` : ''}: ${f.text}`;
}

export function reportSections(report: Report): ReportSections {
  const d = report.diagnosis;
  const verdictFinding = d ? d.findings[d.verdict.finding] : undefined;
  const details: { title: string; table: Table; note?: string; primary: boolean }[] = [];
  if (d) {
    details.push({
      title: 'How each check went',
      primary: false,
      table: { head: ['Check', 'Result', 'Time'], rows: d.evidence.steps.map((s) => [s.id, `${s.state}: ${s.note}`, `${Math.round(s.durationMs)} ms`]) },
    });
    details.push({
      title: 'What was checked',
      primary: false,
      table: {
        head: ['Setting', 'Value'],
        rows: [
          ['Game', d.plan.presetName],
          ['Ports', d.plan.targets.map((t) => `${t.port}/${t.protocol}${t.needed ? '' : ' (optional)'}`).join(', ')],
          ['Relay mode', d.plan.relayMode ?? 'none'],
          ['Companion', d.plan.companion ?? 'none configured'],
          ['STUN servers', d.plan.stunServers.join(', ') || 'none'],
        ],
      },
    });
  }
  if (report.listeners) {
    const l = report.listeners;
    details.push({
      title: `Listening programs (${l.total})`,
      primary: d === null,
      table: {
        head: ['Port', 'Address', 'Program', 'User', 'Reachable from'],
        rows: l.rows.map((r) => [
          `${r.port}/${r.protocol}`,
          r.address,
          r.pid !== null && r.process !== null ? `${r.process} (pid ${r.pid})` : ownerText(r, l.elevated),
          r.user ?? 'unknown',
          exposureShort(r, null),
        ]),
      },
      note: l.total > l.rows.length ? `${l.total - l.rows.length} more not listed.` : undefined,
    });
  }
  if (report.audit) {
    const a = report.audit;
    details.push({
      title: `What other devices can reach (${a.flaggedCount} known-risky exposed)`,
      table: {
        head: ['Reachable from', 'Port', 'Address', 'Program', 'Firewall', 'Risk and fix'],
        rows: a.items.map((i) => [
          GROUP_TEXT[i.group].title,
          `${i.port}/${i.protocol}${i.service ? ` ${i.service}` : ''}`,
          i.address,
          i.process ?? 'unknown',
          firewallText(i.firewall),
          i.flagged && i.advice ? `⚠ ${i.advice}` : '',
        ]),
      },
      note: a.firewall.state === 'not-checked' ? `The host firewall was not read: ${a.firewall.reason}.` : undefined,
      primary: d === null,
    });
  }
  const hidden = report.redaction.applied
    ? `Private details are hidden: ${describePlaceholders(report)}. LAN addresses and ports are shown.`
    : 'Nothing is hidden in this report: it shows public addresses, names and paths as they are.';
  return {
    title: `Port Doctor report — ${report.subject.title}`,
    meta: [
      `Made ${report.generatedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')} by ${report.app.name} ${report.app.version} on ${OS_NAMES[report.os.platform]} ${report.os.release} (${report.os.arch}), computer ${report.computer.name}.`,
    ],
    verdict:
      d && verdictFinding
        ? { summary: d.verdict.summary, confidence: d.verdict.confidence, explanation: verdictFinding.explanation, friendsCanJoin: d.verdict.friendsCanJoin }
        : null,
    tellFriends: d ? d.verdict.tellFriends.text : null,
    fixSteps: verdictFinding ? verdictFinding.fixSteps.map(fixStepText) : [],
    evidence: d ? evidenceTable(d) : null,
    network: d ? networkTable(d) : report.network ? { head: ['Fact', 'Value'], rows: report.network.rows.map((r) => [r.label, r.value]) } : null,
    otherFindings: d ? d.findings.filter((_, i) => i !== d.verdict.finding).map((f) => ({ summary: f.summary, explanation: f.explanation })) : [],
    details,
    footer: `${hidden} Report format ${report.reportVersion}.`,
  };
}

function describePlaceholders(report: Report): string {
  const kinds = new Set(report.redaction.placeholders.map((p) => p.kind));
  const words: string[] = [];
  if (kinds.has('public-address')) words.push('public addresses (kept apart by letter)');
  if (kinds.has('mac')) words.push('MAC addresses (vendor prefix kept)');
  if (kinds.has('computer')) words.push('the computer name');
  if (kinds.has('user')) words.push('user names');
  if (kinds.has('home')) words.push('home folders');
  return words.length > 0 ? words.join(', ') : 'nothing private was found';
}
