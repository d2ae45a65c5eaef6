// The only module that touches the bridge. In Electron the preload provides `window.portDoctor`;
// under `port-doctor serve` the same named methods run over the loopback WebSocket.
import { BRIDGE_GLOBAL, type BridgeApi } from '../../shared/bridge-api';
import { WS_PATH } from '../../shared/wire';
import { connectionSource, createWsBridge, type ConnectionSource, type EngineErrors } from './bridge/ws-bridge';
import { takeCredential } from './ws-credential';

export type { ConnectionSource, EngineErrors };

const fromPreload = (globalThis as Record<string, unknown>)[BRIDGE_GLOBAL];

/** IPC has no frames to get wrong: errors arrive as each call's Result. */
const NO_ENGINE_ERRORS: EngineErrors = { subscribe: () => () => undefined };

function pickBridge(): { api: BridgeApi; connection: ConnectionSource; engineErrors: EngineErrors } {
  if (fromPreload) return { api: fromPreload as BridgeApi, connection: connectionSource('connected'), engineErrors: NO_ENGINE_ERRORS };
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return createWsBridge(`${scheme}://${location.host}${WS_PATH}`, takeCredential());
}

const bridge = pickBridge();
export const api: BridgeApi = bridge.api;
export const connection: ConnectionSource = bridge.connection;
/** Errors from the engine that belong to no call (the page shows them in a banner). */
export const engineErrors: EngineErrors = bridge.engineErrors;

/** Which transport this window talks over: saving differs (desktop dialog vs browser download). */
export const bridgeTransport: 'electron-ipc' | 'websocket' = fromPreload ? 'electron-ipc' : 'websocket';
