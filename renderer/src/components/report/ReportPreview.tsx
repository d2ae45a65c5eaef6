// The HTML report shown exactly as it will be saved or printed, inside a shadow root so its
// stylesheet and the app's cannot touch each other. The page's CSP forbids inline <style>, so the
// report's CSS is adopted as a constructed stylesheet (CSSOM), with `:root`/`body` mapped to the host.
import { useEffect, useRef } from 'react';
import { REPORT_CSS } from '../../../../shared/report/style';

let sheet: CSSStyleSheet | null = null;
function reportSheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(REPORT_CSS.replace(/:root/g, ':host').replace(/(^|[\s}])body(?=\s*\{)/g, '$1.report-body'));
  }
  return sheet;
}

/** The report's <body> content; the engine escaped every value that came from the evidence. */
function bodyOf(html: string): string {
  const start = html.indexOf('<body>');
  const end = html.lastIndexOf('</body>');
  return start >= 0 && end > start ? html.slice(start + 6, end) : '';
}

export function ReportHtmlPreview({ html }: { html: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [reportSheet()];
    root.innerHTML = `<div class="report-body">${bodyOf(html)}</div>`;
  }, [html]);
  return <div ref={host} className="report-html" data-testid="report-html-preview" />;
}
