// The web UI's credential for the engine: the launch token from the link (taken out of the address
// bar at once, so history and bookmarks never keep it), or the session secret of this tab.
import type { ConnectionState } from '../../shared/render/connection';
import { LAUNCH_PARAM, SESSION_STORAGE_KEY, WS_CLOSE, WS_LAUNCH_PREFIX, WS_PROTOCOL, WS_SESSION_PREFIX } from '../../shared/wire';

export interface Credential {
  kind: 'launch' | 'session';
  secret: string;
}

const SECRET = /^[A-Za-z0-9_-]{1,200}$/;

/** Reads (and removes from the URL) a launch token; else this tab's session; else null. */
export function takeCredential(loc: Location = location, hist: History = history, storage: Pick<Storage, 'getItem'> | null = sessionStorage): Credential | null {
  const params = new URLSearchParams(loc.search);
  const launch = params.get(LAUNCH_PARAM);
  if (launch !== null) {
    params.delete(LAUNCH_PARAM);
    const query = params.toString();
    hist.replaceState(hist.state, '', `${loc.pathname}${query ? `?${query}` : ''}${loc.hash}`);
    if (SECRET.test(launch)) return { kind: 'launch', secret: launch };
  }
  let session: string | null;
  try {
    session = storage?.getItem(SESSION_STORAGE_KEY) ?? null;
  } catch {
    // Storage blocked by the browser's settings: no session to resume.
    session = null;
  }
  return session !== null && SECRET.test(session) ? { kind: 'session', secret: session } : null;
}

/** What the page offers on the upgrade: the protocol, and its credential beside it. */
export function wsProtocols(c: Credential): string[] {
  return [WS_PROTOCOL, `${c.kind === 'launch' ? WS_LAUNCH_PREFIX : WS_SESSION_PREFIX}${c.secret}`];
}

/** The engine's reasons for turning a page away, as states; null for an ordinary drop. */
export function closeCodeState(code: number): ConnectionState | null {
  switch (code) {
    case WS_CLOSE.unknownCredential:
      return 'unknown-credential';
    case WS_CLOSE.linkUsed:
      return 'link-used';
    case WS_CLOSE.linkExpired:
      return 'link-expired';
    case WS_CLOSE.tooManyConnections:
      return 'too-many-tabs';
    default:
      return null;
  }
}
