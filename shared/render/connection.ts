// Words for the web UI's connection to its engine: why a page cannot talk to it, and what to do.
// One place for these sentences (the renderer shows them; tests check them).

/** How the page stands with its engine. Electron's IPC is always 'connected'. */
export type ConnectionState =
  | 'connecting'
  | 'connected'
  /** Opened without a launch link and without a session of its own. */
  | 'no-credential'
  | 'link-used'
  | 'link-expired'
  /** A link or session this engine never issued: it was restarted, or the link is from another launch. */
  | 'unknown-credential'
  | 'too-many-tabs'
  /** Was working (or tried to), and the engine is gone now. */
  | 'lost';

export interface ConnectionWords {
  title: string;
  body: string;
  /** The step that gets the user going again. */
  action: string;
}

const FRESH_LINK = 'Run `npm start` in a terminal to print a fresh link (it opens this page for you).';

export const CONNECTION_WORDS: Record<Exclude<ConnectionState, 'connecting' | 'connected'>, ConnectionWords> = {
  'no-credential': {
    title: 'Open Port Doctor from the link in your terminal',
    body: 'This page needs the link that `npm start` printed in your terminal. The link carries a key that works once, so no other program or web page on this computer can use Port Doctor.',
    action: `Open the latest link from your terminal. ${FRESH_LINK}`,
  },
  'link-used': {
    title: 'This link was already used',
    body: 'Each link opens Port Doctor once, so a copy left in your history or clipboard is worthless to anyone else.',
    action: `Open the latest link from your terminal. ${FRESH_LINK}`,
  },
  'link-expired': {
    title: 'This link has expired',
    body: 'A link works for a few minutes after it is printed.',
    action: FRESH_LINK,
  },
  'unknown-credential': {
    title: 'This page is from an earlier start of Port Doctor',
    body: 'Port Doctor was stopped or restarted since this page was opened, and the new one does not know this page.',
    action: `Open the latest link from your terminal. ${FRESH_LINK}`,
  },
  'too-many-tabs': {
    title: 'Port Doctor is open in too many tabs',
    body: 'Port Doctor serves a few pages at once, and that many are open already.',
    action: 'Close another Port Doctor tab, then reload this one.',
  },
  lost: {
    title: 'Port Doctor’s engine stopped',
    body: 'The program that does the checks is no longer running, so what this page shows may be out of date and its buttons are off.',
    action: 'Start it again with `npm start` in a terminal: it opens Port Doctor in a new tab. (If only the connection dropped, this page reconnects by itself.)',
  },
};
