// Connection slice: the page's standing with the engine (web UI), followed from the bridge.
import type { StateCreator } from 'zustand';
import type { ConnectionState } from '../../../shared/render/connection';
import { connection } from '../api';
import type { Store } from './index';

export interface ConnectionSlice {
  connection: ConnectionState;
}

export const createConnectionSlice: StateCreator<Store, [], [], ConnectionSlice> = (set) => {
  connection.subscribe((state) => set({ connection: state }));
  return { connection: connection.get() };
};
