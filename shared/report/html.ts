// One self-contained HTML file: inline CSS, no script, no remote resource (its own CSP says so),
// light and dark, and a print stylesheet so "Save as PDF" gives clean pages.
import type { Report } from './model';
import { reportSections, type Table } from './sections';
import { REPORT_CSS } from './style';


export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function table(t: Table): string {
  const head = `<tr>${t.head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr>`;
  const rows = t.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
}

export function renderHtml(report: Report): string {
  const s = reportSections(report);
  const body: string[] = [`<h1>${escapeHtml(s.title)}</h1>`];
  if (s.verdict) {
    body.push(
      `<section class="verdict${s.verdict.friendsCanJoin ? ' ok' : ''}"><strong>${escapeHtml(s.verdict.summary)}</strong> <span class="muted">(confidence: ${escapeHtml(s.verdict.confidence)})</span><p>${escapeHtml(s.verdict.explanation)}</p></section>`,
    );
  }
  if (s.tellFriends) body.push('<h2>What to tell your friends</h2>', `<p>${escapeHtml(s.tellFriends)}</p>`);
  if (s.fixSteps.length > 0) body.push('<h2>How to fix it</h2>', `<ol>${s.fixSteps.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ol>`);
  if (s.evidence) body.push('<h2>Evidence</h2>', table(s.evidence));
  if (s.network) body.push('<h2>Network</h2>', table(s.network));
  if (s.otherFindings.length > 0) {
    body.push('<h2>Also found</h2>', `<ul>${s.otherFindings.map((f) => `<li><strong>${escapeHtml(f.summary)}</strong> ${escapeHtml(f.explanation)}</li>`).join('')}</ul>`);
  }
  for (const d of s.details) {
    body.push(`<h2>${escapeHtml(d.title)}</h2>`, table(d.table));
    if (d.note) body.push(`<p class="muted">${escapeHtml(d.note)}</p>`);
  }
  body.push(`<footer>${s.meta.map((m) => `<p>${escapeHtml(m)}</p>`).join('')}<p>${escapeHtml(s.footer)}</p></footer>`);
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${escapeHtml(s.title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
