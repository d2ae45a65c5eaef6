// Preload (sandboxed, one CommonJS bundle): exposes named methods derived from the contract.
// Never ipcRenderer itself, never a generic invoke(channel): only channels the contract declares.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_GLOBAL } from '../shared/bridge-api';
import { methodName, subscriptionName } from '../shared/channel';
import { EVENT_NAMES, INVOKE_NAMES } from '../shared/contract-names';

const api: Record<string, unknown> = {};

for (const channel of INVOKE_NAMES) {
  api[methodName(channel)] = (input: unknown) => ipcRenderer.invoke(channel, input ?? {});
}

for (const event of EVENT_NAMES) {
  api[subscriptionName(event)] = (listener: (payload: unknown) => void) => {
    // Wrap so the page never sees the IpcRendererEvent (it carries `sender`).
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  };
}

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, api);
