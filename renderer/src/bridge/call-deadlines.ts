// How long the web UI waits for the engine's answer to each call before telling the user it got
// none. These catch a lost or stuck engine, never cut real work short: each is well past the
// engine's own budget for that work, so a slow but healthy engine always answers first.
import type { EventName, InvokeName, RequestOf } from '../../../shared/contract';
import { INVITE_DEFAULT_SECONDS } from '../../../shared/channels/vantage-limits';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

export interface CallDeadline {
  /** No answer within this long (since the call, or since its stream last spoke) fails the call. */
  ms: number;
  /** Events that show the call is alive: each one restarts the wait (an idle deadline). */
  idleOn?: readonly EventName[];
}

/** Reading state the engine holds or answering at once: anything longer means it is stuck. */
const QUICK: CallDeadline = { ms: 15 * SECOND };
/** Reads of this computer (/proc, ss, nft, lsof or PowerShell) that take seconds on a loaded machine. */
const LOCAL_READ: CallDeadline = { ms: MINUTE };
/** One exchange with a companion or STUN servers: their own timeouts are 10-15 s a request. */
const REMOTE: CallDeadline = { ms: MINUTE };

type Deadlines = { [C in InvokeName]: CallDeadline | ((input: RequestOf<C>) => CallDeadline) };

export const CALL_DEADLINES: Deadlines = {
  'alerts:notify': QUICK,
  'app:info': QUICK,
  'audit:run': LOCAL_READ,
  'companion:whoami': REMOTE,
  'companion:check': REMOTE,
  'nat:detect': REMOTE,
  // The diagnosis has a 20 s budget of its own and reports each step: a minute of silence is a stuck engine.
  'diagnose:run': { ms: MINUTE, idleOn: ['diagnose:progress'] },
  'diagnose:reconsider': QUICK,
  'diagnose:cancel': QUICK,
  'listeners:list': LOCAL_READ,
  'network:facts': { ms: MINUTE, idleOn: ['network:progress'] },
  'firewall:check': LOCAL_READ,
  'firewall:check-ports': LOCAL_READ,
  'ports:lookup': QUICK,
  // A scan of every port takes minutes but reports progress several times a second.
  'probe:run': { ms: MINUTE, idleOn: ['probe:progress'] },
  'probe:cancel': QUICK,
  // A test from outside answers when its time is up (arrivals may never come): its own length, plus slack.
  'vantage:invite': (input) => ({ ms: (input.timeoutSeconds ?? INVITE_DEFAULT_SECONDS) * SECOND + MINUTE }),
  'vantage:cancel': QUICK,
  'vantage:reach': REMOTE,
  // Reports of a loaded machine include the listeners and the firewall audit.
  'report:build': LOCAL_READ,
  // The desktop app's save dialog waits for the user; the web UI downloads instead, so this is rarely used here.
  'report:save': { ms: 10 * MINUTE },
};

export function deadlineFor<C extends InvokeName>(channel: C, input: RequestOf<C>): CallDeadline {
  const d: Deadlines[C] = CALL_DEADLINES[channel];
  return typeof d === 'function' ? d(input) : d;
}
