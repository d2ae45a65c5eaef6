// The only module that touches the bridge. In Electron the preload provides `window.portDoctor`;
// under `port-doctor serve` the same named methods run over the loopback WebSocket.
import { BRIDGE_GLOBAL, type BridgeApi } from '../../shared/bridge-api';
import { EVENT_NAMES, INVOKE_NAMES } from '../../shared/contract-names';
import { methodName, subscriptionName } from '../../shared/channel';
import { ERROR_MESSAGES } from '../../shared/errors';
import type { ConnectionState } from '../../shared/render/connection';
import type { Result } from '../../shared/result';
import { SESSION_STORAGE_KEY as SESSION_KEY, WS_PATH, type WireServerMessage } from '../../shared/wire';
import { closeCodeState, takeCredential, wsProtocols, type Credential } from './ws-credential';

type Listener = (payload: unknown) => void;

/** While the engine is gone the page tries again this often (a dropped connection comes back by itself). */
const RECONNECT_MS = 2_000;

const disconnected = (): Result<never> => ({
  ok: false,
  error: { code: 'DISCONNECTED', message: ERROR_MESSAGES.DISCONNECTED },
});

/** The page's standing with the engine, for the connection gate and the "engine stopped" banner. */
export interface ConnectionSource {
  get(): ConnectionState;
  subscribe(listener: (state: ConnectionState) => void): () => void;
}

function connectionSource(initial: ConnectionState) {
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

/** WebSocket client: one socket, opened at once when the page has a credential, reopened after a drop. */
function createWsBridge(url: string, initialCredential: Credential | null): { api: BridgeApi; connection: ConnectionSource } {
  let credential = initialCredential;
  const connection = connectionSource(credential ? 'connecting' : 'no-credential');
  let socket: WebSocket | null = null;
  let opening: Promise<WebSocket> | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let nextId = 1;
  const pending = new Map<number, (r: Result<unknown>) => void>();
  const listeners = new Map<string, Set<Listener>>();

  const scheduleRetry = (): void => {
    if (retry !== null || !credential) return;
    retry = setTimeout(() => {
      retry = null;
      open().catch(() => undefined);
    }, RECONNECT_MS);
  };

  const open = (): Promise<WebSocket> => {
    if (socket && socket.readyState === WebSocket.OPEN) return Promise.resolve(socket);
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
        for (const settle of pending.values()) settle(disconnected());
        pending.clear();
        const refused = closeCodeState(ev.code);
        if (refused) {
          credential = null;
          try {
            sessionStorage.removeItem(SESSION_KEY);
          } catch {
            // Nothing stored, nothing to forget.
          }
          connection.set(refused);
          return;
        }
        connection.set(credential ? 'lost' : 'unknown-credential');
        scheduleRetry();
      };
      ws.onmessage = (ev: MessageEvent<string>) => {
        const msg = JSON.parse(ev.data) as WireServerMessage;
        if (msg.t === 'session') {
          credential = { kind: 'session', secret: msg.secret };
          try {
            sessionStorage.setItem(SESSION_KEY, msg.secret);
          } catch {
            // Storage off (private mode settings): the session lives in memory; a reload needs a new link.
          }
        } else if (msg.t === 'result') {
          pending.get(msg.id)?.(msg.result as Result<unknown>);
          pending.delete(msg.id);
        } else if (msg.t === 'event') {
          for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
        }
      };
    });
    return opening;
  };

  const call = async (channel: string, input: unknown): Promise<Result<unknown>> => {
    let ws: WebSocket;
    try {
      ws = await open();
    } catch {
      return disconnected();
    }
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      ws.send(JSON.stringify({ t: 'call', id, channel, input: input ?? {} }));
    });
  };

  const api: Record<string, unknown> = {};
  for (const channel of INVOKE_NAMES) api[methodName(channel)] = (input: unknown) => call(channel, input);
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
  // Built from the same contract tables the type is derived from, so the shapes agree by construction.
  return { api: api as BridgeApi, connection };
}

const fromPreload = (globalThis as Record<string, unknown>)[BRIDGE_GLOBAL];

function pickBridge(): { api: BridgeApi; connection: ConnectionSource } {
  if (fromPreload) return { api: fromPreload as BridgeApi, connection: connectionSource('connected') };
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return createWsBridge(`${scheme}://${location.host}${WS_PATH}`, takeCredential());
}

const bridge = pickBridge();
export const api: BridgeApi = bridge.api;
export const connection: ConnectionSource = bridge.connection;

/** Which transport this window talks over: saving differs (desktop dialog vs browser download). */
export const bridgeTransport: 'electron-ipc' | 'websocket' = fromPreload ? 'electron-ipc' : 'websocket';
