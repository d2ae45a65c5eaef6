// The one store, built from slices (one file each). Each page's slice adds one import, one type
// and one spread line here.
import { create } from 'zustand';
import { createAppSlice, type AppSlice } from './app-slice';
import { createListenersSlice, type ListenersSlice } from './listeners-slice';
import { createPortCheckSlice, type PortCheckSlice } from './port-check-slice';

export type Store = AppSlice & ListenersSlice & PortCheckSlice;

export const useStore = create<Store>()((...a) => ({
  ...createAppSlice(...a),
  ...createListenersSlice(...a),
  ...createPortCheckSlice(...a),
}));
