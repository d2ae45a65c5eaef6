// Connection slice: the page's standing with the engine (web UI), followed from the bridge, and
// the engine's complaints that belong to no call.
import type { StateCreator } from 'zustand';
import type { ConnectionState } from '../../../shared/render/connection';
import type { AppErrorData } from '../../../shared/result';
import { connection, engineErrors } from '../api';
import type { Store } from './index';

export interface ConnectionSlice {
  connection: ConnectionState;
  /** The engine's last error about no call in particular; null once dismissed. */
  connectionEngineError: AppErrorData | null;
  connectionEngineErrorDismissed(): void;
}

export const createConnectionSlice: StateCreator<Store, [], [], ConnectionSlice> = (set) => {
  connection.subscribe((state) => set({ connection: state }));
  engineErrors.subscribe((error) => set({ connectionEngineError: error }));
  return {
    connection: connection.get(),
    connectionEngineError: null,
    connectionEngineErrorDismissed: () => set({ connectionEngineError: null }),
  };
};
