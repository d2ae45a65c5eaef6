// The only module that touches the bridge. In Electron the preload provides `window.portDoctor`;
// under `port-doctor serve` the same named methods run over the loopback WebSocket.
import { BRIDGE_GLOBAL, type BridgeApi } from '../../shared/bridge-api';
import { EVENT_NAMES, INVOKE_NAMES } from '../../shared/contract-names';
import { methodName, subscriptionName } from '../../shared/channel';
import { ERROR_MESSAGES } from '../../shared/errors';
import type { Result } from '../../shared/result';
import { WS_PATH, type WireServerMessage } from '../../shared/wire';

type Listener = (payload: unknown) => void;

const disconnected = (): Result<never> => ({
  ok: false,
  error: { code: 'DISCONNECTED', message: ERROR_MESSAGES.DISCONNECTED },
});

/** WebSocket client: one socket, opened on first use and reopened after a drop. */
function createWsBridge(url: string): BridgeApi {
  let socket: WebSocket | null = null;
  let opening: Promise<WebSocket> | null = null;
  let nextId = 1;
  const pending = new Map<number, (r: Result<unknown>) => void>();
  const listeners = new Map<string, Set<Listener>>();

  const open = (): Promise<WebSocket> => {
    if (socket && socket.readyState === WebSocket.OPEN) return Promise.resolve(socket);
    if (opening) return opening;
    opening = new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.onopen = () => {
        socket = ws;
        opening = null;
        resolve(ws);
      };
      ws.onerror = () => {
        opening = null;
        reject(new Error('connect failed'));
      };
      ws.onclose = () => {
        if (socket === ws) socket = null;
        for (const settle of pending.values()) settle(disconnected());
        pending.clear();
      };
      ws.onmessage = (ev: MessageEvent<string>) => {
        const msg = JSON.parse(ev.data) as WireServerMessage;
        if (msg.t === 'result') {
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
  // Built from the same contract tables the type is derived from, so the shapes agree by construction.
  return api as BridgeApi;
}

function pickBridge(): BridgeApi {
  const fromPreload = (globalThis as Record<string, unknown>)[BRIDGE_GLOBAL];
  if (fromPreload) return fromPreload as BridgeApi;
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return createWsBridge(`${scheme}://${location.host}${WS_PATH}`);
}

export const api: BridgeApi = pickBridge();

/** Which transport this window talks over: saving differs (desktop dialog vs browser download). */
export const bridgeTransport: 'electron-ipc' | 'websocket' = (globalThis as Record<string, unknown>)[BRIDGE_GLOBAL] ? 'electron-ipc' : 'websocket';
