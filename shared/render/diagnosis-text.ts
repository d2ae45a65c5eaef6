// The diagnosis document as plain text: what `port-doctor diagnose` prints (the report may reuse it).
import type { DiagnosisDocument, Fact } from '../diagnosis/index';
import { STEP_LABELS, portWords } from './diagnosis';

const MARK: Record<Fact['state'], string> = { yes: 'yes', no: 'no', 'not-checked': 'not checked' };

function fact(f: Fact): string {
  if (f.state === 'not-checked') return `not checked (${f.reason})`;
  return f.detail ? `${MARK[f.state]} — ${f.detail}` : MARK[f.state];
}

export function diagnosisText(doc: DiagnosisDocument): string {
  const v = doc.verdict;
  const lines: string[] = [];
  lines.push(`${doc.plan.presetName}: ${doc.plan.targets.filter((t) => t.needed).map(portWords).join(', ') || doc.plan.targets.map(portWords).join(', ')}`, '');
  lines.push(`Verdict: ${v.summary}${v.confidence !== 'high' ? ` (confidence: ${v.confidence})` : ''}`);
  const main = doc.findings[v.finding];
  if (main) {
    lines.push(`Why: ${main.explanation}`);
    if (main.fixSteps.length > 0) {
      lines.push('', 'Fix:');
      main.fixSteps.forEach((s, i) => lines.push(`  ${i + 1}. ${s.os ? `[${s.os === 'win32' ? 'Windows' : s.os === 'darwin' ? 'macOS' : 'Linux'}] ` : ''}${s.text}`));
    }
  }
  lines.push('', `Tell your friends: ${v.tellFriends.text}`);
  const others = doc.findings.filter((_, i) => i !== v.finding);
  if (others.length > 0) {
    lines.push('', 'Also found:');
    for (const f of others) lines.push(`  - ${f.summary}`);
  }
  lines.push('', 'Checks:');
  for (const s of doc.evidence.steps) lines.push(`  ${s.state === 'done' ? '✓' : s.state === 'skipped' ? '–' : '✗'} ${STEP_LABELS[s.id]}: ${s.note} (${s.durationMs} ms)`);
  lines.push('', 'Evidence:');
  const n = doc.evidence.network;
  lines.push(`  this computer ${n.lanAddress ?? 'unknown'}${n.lanInterface ? ` (${n.lanInterface})` : ''}, public address ${n.publicAddress ?? 'unknown'}${n.publicAddressSource ? ` (via ${n.publicAddressSource})` : ''}`);
  lines.push(`  CGNAT: ${fact(n.behindCgnat)}; double NAT: ${fact(n.doubleNat)}`);
  for (const p of doc.evidence.ports) {
    lines.push(`  ${portWords(p)} (${p.needed ? 'needed' : 'optional'}, ${p.label})`);
    lines.push(`    listening: ${fact(p.listening)}`);
    lines.push(`    firewall lets it in: ${fact(p.firewallAllows)}`);
    const o = p.outside;
    lines.push(`    from the internet: ${o.state === null ? fact(o.reachedThisComputer) : `${o.state} (${o.reason}); reached this computer: ${fact(o.reachedThisComputer)}`}`);
  }
  return `${lines.join('\n')}\n`;
}
