// One self-contained HTML file: inline CSS, no script, no remote resource (its own CSP says so),
// light and dark, and a print stylesheet so "Save as PDF" gives clean pages.
import type { Report } from './model';
import { reportSections, type Table } from './sections';

/** The stylesheet is a constant so a page that shows the report can allow it by hash in its CSP. */
export const REPORT_CSS = `
:root { color-scheme: light dark; --fg: #1b1f24; --muted: #57606a; --bg: #ffffff; --line: #d0d7de; --ok: #1a7f37; --bad: #cf222e; --card: #f6f8fa; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9da7b3; --bg: #0d1117; --line: #30363d; --ok: #3fb950; --bad: #f85149; --card: #161b22; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 1.5rem; margin: 0 0 1rem; }
h2 { font-size: 1.1rem; margin: 1.75rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
.verdict { border: 1px solid var(--line); border-left: 6px solid var(--bad); background: var(--card); border-radius: 6px; padding: .75rem 1rem; }
.verdict.ok { border-left-color: var(--ok); }
.verdict strong { font-size: 1.1rem; }
.muted, footer { color: var(--muted); }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .25rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: var(--card); }
ol li { margin: .25rem 0; }
footer { margin-top: 2rem; border-top: 1px solid var(--line); padding-top: .5rem; font-size: .85rem; }
@media print {
  :root { --fg: #000; --muted: #444; --bg: #fff; --line: #999; --card: #f2f2f2; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2 { break-after: avoid; }
  tr, .verdict, li { break-inside: avoid; }
}
@page { margin: 16mm 14mm; }
`;

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
