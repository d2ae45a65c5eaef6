// The web UI's bridge under `port-doctor serve`: the same named methods as the preload's, over one
// loopback WebSocket. Every call has a deadline (calls that stream have an idle one), and the
// engine's error frames reach the caller, or the page when they name no call.
import type { BridgeApi } from '../../../shared/bridge-api';
import { methodName, subscriptionName } from '../../../shared/channel';
import type { InvokeName, RequestOf } from '../../../shared/contract';
import { EVENT_NAMES, INVOKE_NAMES } from '../../../shared/contract-names';
import { ERROR_MESSAGES, type ErrorCode } from '../../../shared/errors';
import type { ConnectionState } from '../../../shared/render/connection';
import type { AppErrorData, Result } from '../../../shared/result';
import { SESSION_STORAGE_KEY as SESSION_KEY, type WireServerMessage } from '../../../shared/wire';
import { closeCodeState, wsProtocols, type Credential } from '../ws-credential';
import { deadlineFor as tableDeadline, type CallDeadline } from './call-deadlines';

type Listener = (payload: unknown) => void;

/** While the engine is gone the page tries again this often (a dropped connection comes back by itself). */
const RECONNECT_MS = 2_000;

const disconnected = (): Result<never> => ({
  ok: false,
  error: { code: 'DISCONNECTED', message: ERROR_MESSAGES.DISCONNECTED },
});

const seconds = (ms: number) => (ms >= 1_000 ? `${Math.round(ms / 1_000)} s` : `${ms} ms`);

function noAnswer(channel: InvokeName, deadline: CallDeadline): Result<never> {
  const detail = deadline.idleOn
    ? `${channel} went quiet: no answer and no progress for ${seconds(deadline.ms)}`
    : `no answer to ${channel} within ${seconds(deadline.ms)}`;
  return { ok: false, error: { code: 'NO_ANSWER', message: ERROR_MESSAGES.NO_ANSWER, detail } };
}

/** An error frame's code, taken only if it is one of ours; anything else is the engine misbehaving. */
function frameError(code: string, message: string): AppErrorData {
  if (Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, code)) {
    const known = code as ErrorCode;
    return { code: known, message: ERROR_MESSAGES[known], detail: message };
  }
  return { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL, detail: `the engine answered ${code.slice(0, 40)}: ${message.slice(0, 200)}` };
}

/** The page's standing with the engine, for the connection gate and the "engine stopped" banner. */
export interface ConnectionSource {
  get(): ConnectionState;
  subscribe(listener: (state: ConnectionState) => void): () => void;
}

export function connectionSource(initial: ConnectionState) {
  let state = initial;
  const listeners = new Set<(s: ConnectionState) => void>();
  return {
    get: () => state,
    subscribe(listener: (s: ConnectionState) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    set(next: ConnectionState) {
      if (next === state) return;
      state = next;
      for (const l of listeners) l(next);
    },
  };
}

/** Errors the engine sent about no call in particular (a message it could not read at all). */
export interface EngineErrors {
  subscribe(listener: (error: AppErrorData) => void): () => void;
}

export interface WsBridgeOptions {
  /** Each call's deadline; the channel table unless a test needs shorter ones. */
  deadlineFor?: (channel: InvokeName, input: RequestOf<InvokeName>) => CallDeadline;
  /** Where the session secret is kept between reloads (sessionStorage in a browser). */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
}

interface Pending {
  channel: InvokeName;
  deadline: CallDeadline;
  timer: ReturnType<typeof setTimeout> | undefined;
  settle(r: Result<unknown>): void;
}

/** WebSocket client: one socket, opened at once when the page has a credential, reopened after a drop. */
export function createWsBridge(
  url: string,
  initialCredential: Credential | null,
  options: WsBridgeOptions = {},
): { api: BridgeApi; connection: ConnectionSource; engineErrors: EngineErrors } {
  const deadlineFor = options.deadlineFor ?? tableDeadline;
  const storage = options.storage === undefined ? browserStorage() : options.storage;
  let credential = initialCredential;
  const connection = connectionSource(credential ? 'connecting' : 'no-credential');
  const errorListeners = new Set<(e: AppErrorData) => void>();
  let socket: WebSocket | null = null;
  let opening: Promise<WebSocket> | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<Listener>>();

  const engineError = (e: AppErrorData) => {
    for (const l of errorListeners) l(e);
  };

  const scheduleRetry = (): void => {
    if (retry !== null || !credential) return;
    retry = setTimeout(() => {
      retry = null;
      open().catch(() => undefined);
    }, RECONNECT_MS);
  };

  const arm = (p: Pending, id: number) => {
    clearTimeout(p.timer);
    p.timer = setTimeout(() => pending.get(id)?.settle(noAnswer(p.channel, p.deadline)), p.deadline.ms);
  };

  const onMessage = (data: unknown) => {
    let msg: WireServerMessage;
    try {
      msg = JSON.parse(String(data)) as WireServerMessage;
    } catch {
      engineError({ code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL, detail: 'the engine sent a message that is not JSON' });
      return;
    }
    if (msg.t === 'session') {
      credential = { kind: 'session', secret: msg.secret };
      try {
        storage?.setItem(SESSION_KEY, msg.secret);
      } catch {
        // Storage off (private mode settings): the session lives in memory; a reload needs a new link.
      }
    } else if (msg.t === 'result') {
      pending.get(msg.id)?.settle(msg.result as Result<unknown>);
    } else if (msg.t === 'event') {
      // A stream that speaks is alive: its call's idle deadline starts again.
      for (const [id, p] of pending) if (p.deadline.idleOn?.some((e) => e === msg.event)) arm(p, id);
      for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
    } else if (msg.t === 'error') {
      const error = frameError(String(msg.code), String(msg.message));
      const p = msg.id === undefined ? undefined : pending.get(msg.id);
      if (p) p.settle({ ok: false, error });
      // Naming no call, the reason alone ("not valid JSON") would not say whose message it was.
      else engineError({ ...error, detail: `Port Doctor's engine could not read a message from this page (“${error.detail ?? error.code}”). Reload the page if something stops working` });
    }
  };

  const open = (): Promise<WebSocket> => {
    if (socket && socket.readyState === socket.OPEN) return Promise.resolve(socket);
    if (opening) return opening;
    if (!credential) return Promise.reject(new Error('no credential'));
    const offered = credential;
    opening = new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url, wsProtocols(offered));
      let opened = false;
      ws.onopen = () => {
        opened = true;
        socket = ws;
        opening = null;
        // A launch token is spent by this connection: a reconnect needs the session it brings.
        if (offered.kind === 'launch') credential = null;
        connection.set('connected');
        resolve(ws);
      };
      ws.onclose = (ev) => {
        if (socket === ws) socket = null;
        if (!opened) {
          opening = null;
          reject(new Error('connect failed'));
        }
        for (const p of [...pending.values()]) p.settle(disconnected());
        const refused = closeCodeState(ev.code);
        if (refused) {
          credential = null;
          try {
            storage?.removeItem(SESSION_KEY);
          } catch {
            // Nothing stored, nothing to forget.
          }
          connection.set(refused);
          return;
        }
        connection.set(credential ? 'lost' : 'unknown-credential');
        scheduleRetry();
      };
      ws.onmessage = (ev: MessageEvent) => onMessage(ev.data);
    });
    return opening;
  };

  const call = (channel: InvokeName, input: RequestOf<InvokeName>): Promise<Result<unknown>> =>
    new Promise((resolve) => {
      const id = nextId++;
      const p: Pending = {
        channel,
        deadline: deadlineFor(channel, input),
        timer: undefined,
        settle(r) {
          if (pending.get(id) !== p) return;
          clearTimeout(p.timer);
          pending.delete(id);
          resolve(r);
        },
      };
      pending.set(id, p);
      // The deadline runs from the call, so a page waiting on a socket that never opens hears of it too.
      arm(p, id);
      open().then(
        (ws) => {
          if (pending.get(id) === p) ws.send(JSON.stringify({ t: 'call', id, channel, input: input ?? {} }));
        },
        () => p.settle(disconnected()),
      );
    });

  const api: Record<string, unknown> = {};
  for (const channel of INVOKE_NAMES) api[methodName(channel)] = (input: RequestOf<typeof channel>) => call(channel, input);
  for (const event of EVENT_NAMES) {
    api[subscriptionName(event)] = (listener: Listener) => {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    };
  }
  // Spend the launch token at once (it is short-lived) and learn the engine's state before any page asks.
  if (credential) open().catch(() => undefined);
  const engineErrors: EngineErrors = {
    subscribe(listener) {
      errorListeners.add(listener);
      return () => void errorListeners.delete(listener);
    },
  };
  // Built from the same contract tables the type is derived from, so the shapes agree by construction.
  return { api: api as BridgeApi, connection, engineErrors };
}

function browserStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null {
  try {
    return sessionStorage;
  } catch {
    // Storage blocked by the browser's settings: the session lives in memory only.
    return null;
  }
}
