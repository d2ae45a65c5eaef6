// Markdown for Discord, Reddit and GitHub: verdict first, then a short evidence table, the fix,
// and the long parts folded in <details> so a paste stays readable.
import type { Report } from './model';
import { reportSections, type Table } from './sections';

/** Characters Markdown (and GitHub's inline HTML) would act on; a process name is not markup. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/([\\`*_~|<>[\]#])/g, '\\$1');
}

function table(t: Table): string {
  const line = (cells: readonly string[]) => `| ${cells.map(escapeMarkdown).join(' | ')} |`;
  return [line(t.head), `|${t.head.map(() => '---').join('|')}|`, ...t.rows.map(line)].join('\n');
}

export function renderMarkdown(report: Report): string {
  const s = reportSections(report);
  const out: string[] = [`# ${escapeMarkdown(s.title)}`, ''];
  if (s.verdict) {
    out.push(`**${s.verdict.friendsCanJoin ? '✅' : '❌'} ${escapeMarkdown(s.verdict.summary)}** (confidence: ${s.verdict.confidence})`, '');
    out.push(escapeMarkdown(s.verdict.explanation), '');
  }
  if (s.tellFriends) out.push('## What to tell your friends', '', escapeMarkdown(s.tellFriends), '');
  if (s.fixSteps.length > 0) {
    out.push('## How to fix it', '');
    s.fixSteps.forEach((step, i) => out.push(`${i + 1}. ${escapeMarkdown(step)}`));
    out.push('');
  }
  if (s.evidence) out.push('## Evidence', '', table(s.evidence), '');
  if (s.network) out.push('## Network', '', table(s.network), '');
  if (s.otherFindings.length > 0) {
    out.push('## Also found', '');
    for (const f of s.otherFindings) out.push(`- **${escapeMarkdown(f.summary)}** ${escapeMarkdown(f.explanation)}`);
    out.push('');
  }
  for (const d of s.details) {
    if (d.primary) {
      out.push(`## ${escapeMarkdown(d.title)}`, '', table(d.table), '');
      if (d.note) out.push(escapeMarkdown(d.note), '');
      continue;
    }
    out.push('<details>', `<summary>${escapeMarkdown(d.title)}</summary>`, '', table(d.table), '');
    if (d.note) out.push(escapeMarkdown(d.note), '');
    out.push('</details>', '');
  }
  out.push('---', '', ...s.meta.map(escapeMarkdown), '', escapeMarkdown(s.footer), '');
  return out.join('\n');
}
