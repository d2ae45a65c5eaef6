// The one page the test listener serves: self-contained, no script, no link, nothing from the caller.

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface PageFacts {
  computer: string;
  port: number;
  /** The visitor is this computer itself: nothing was proven, say so. */
  self: boolean;
}

/** Content-Security-Policy: nothing may load or run; only the inline style below applies. */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function testPage(f: PageFacts): string {
  const name = escapeHtml(f.computer);
  const message = f.self
    ? `This is ${name} itself. Open the link on another device (a phone on Wi-Fi, or on mobile data) to test the way in.`
    : `You reached ${name}'s Port Doctor test on port ${f.port} — you can close this page.`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>Port Doctor test</title>',
    '<style>body{font:18px/1.5 system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;background:#f4f7f4;color:#173017}',
    'main{max-width:32em;padding:2em;text-align:center}h1{font-size:1.4em}</style></head>',
    `<body><main><h1>${f.self ? 'Same computer' : 'It works'}</h1><p>${message}</p></main></body></html>`,
    '',
  ].join('\n');
}
