// The report's stylesheet: inline in the HTML file, and adopted by the in-app preview.

/** One constant: the HTML file inlines it; the app adopts it as a constructed stylesheet (the page CSP allows no inline style). */
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
