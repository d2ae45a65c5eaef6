// The diagnosis document as plain text: what `port-doctor diagnose` prints (the report may reuse it).
import type { DiagnosisDocument } from '../diagnosis/index';
import { factText, outsideText } from './fact';
import { OS_NAMES } from './os-names';
import { STEP_LABELS, portWords } from './diagnosis';


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
      main.fixSteps.forEach((s, i) => lines.push(`  ${i + 1}. ${s.os ? `[${OS_NAMES[s.os]}] ` : ''}${s.text}`));
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
  lines.push(`  CGNAT: ${factText(n.behindCgnat)}; double NAT: ${factText(n.doubleNat)}`);
  for (const p of doc.evidence.ports) {
    lines.push(`  ${portWords(p)} (${p.needed ? 'needed' : 'optional'}, ${p.label})`);
    lines.push(`    listening: ${factText(p.listening)}`);
    lines.push(`    firewall lets it in: ${factText(p.firewallAllows)}`);
    lines.push(`    from the internet: ${outsideText(p.outside)}`);
  }
  return `${lines.join('\n')}\n`;
}
