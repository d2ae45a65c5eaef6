// Request gatekeeping for the loopback web UI: exact Host allowlist and Origin check.
// Why: a web page the user visits can make the browser send requests to 127.0.0.1 (CSRF) or, via
// DNS rebinding, under its own host name. Host + Origin close both doors; the secret itself is
// presented on the WebSocket upgrade (launch.ts), never in a cookie — browsers send cookies to
// every port of a host, so any other local web server would be handed it.

/** Marks our own responses, so a second `port-doctor serve` can tell this instance from another program. */
export const SERVE_MARK_HEADER = 'x-port-doctor';

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
}

/** Host header must be exactly one of ours (case-insensitive host part, exact port). */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  return allowedHosts(port).includes(host.toLowerCase());
}

/** Origin must be an http origin on one of our hosts. Absent Origin is not accepted where required. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return false;
  return allowedHosts(port).some((h) => origin.toLowerCase() === `http://${h}`);
}

/** Strict CSP for the served UI; WebSocket only back to the exact host the page came from. */
export function contentSecurityPolicy(host: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ws://${host}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
