// Listeners slice: the socket list from listeners:list, the page's filters, sort, grouping,
// selection, auto-refresh and the "who holds port N?" question.
import type { StateCreator } from 'zustand';
import { trackChanges, type ChangeTracker } from '../../../shared/alerts/changes';
import type { FirewallFact } from '../../../shared/channels/audit';
import type { Listener, ListenersListResponse } from '../../../shared/channels/listeners';
import { firewallKey, firewallQuestionFor } from '../../../shared/network/firewall-fact';
import type { AppErrorData } from '../../../shared/result';
import { api } from '../api';
import { NO_FILTERS, type ListenerFilters, type SortKey, type SortOrder } from '../pages/listeners/view';
import type { Store } from './index';

export interface ListenersSlice {
  listenersData: ListenersListResponse | null;
  listenersError: AppErrorData | null;
  listenersLoading: boolean;
  listenersFilters: ListenerFilters;
  listenersSort: SortOrder;
  listenersGrouped: boolean;
  listenersAutoRefresh: boolean;
  /** rowKey of the row in the detail panel. */
  listenersSelected: string | null;
  /** The text typed into "Who holds port…?", '' when not asking. */
  listenersWhoHas: string;
  /** What the last lists had, and which sockets appeared after the first one (and when). */
  listenersTracker: ChangeTracker | null;
  /**
   * This computer's firewall for each exposed port of the list, by `port/protocol` (one reading per
   * refresh, firewall:check-ports); null until read, or when it could not be read at all.
   */
  listenersFirewall: Record<string, FirewallFact> | null;
  listenersRequested(): Promise<void>;
  listenersFiltersChanged(patch: Partial<ListenerFilters>): void;
  listenersSortClicked(key: SortKey): void;
  listenersGroupingToggled(grouped: boolean): void;
  listenersAutoRefreshToggled(on: boolean): void;
  listenersRowSelected(key: string | null): void;
  listenersWhoHasAsked(text: string): void;
}

export const initialListenersState = {
  listenersData: null,
  listenersError: null,
  listenersLoading: false,
  listenersFilters: NO_FILTERS,
  listenersSort: { key: 'port', descending: false },
  listenersGrouped: false,
  listenersAutoRefresh: false,
  listenersSelected: null,
  listenersWhoHas: '',
  listenersTracker: null,
  listenersFirewall: null,
} satisfies Partial<ListenersSlice>;

export const createListenersSlice: StateCreator<Store, [], [], ListenersSlice> = (set, get) => ({
  ...initialListenersState,
  listenersRequested: async () => {
    // One request at a time: auto-refresh must not pile up calls behind a slow engine.
    if (get().listenersLoading) return;
    set({ listenersLoading: true });
    const r = await api.listenersList({});
    if (!r.ok) return set({ listenersError: r.error, listenersLoading: false });
    // Sockets that were not in the previous list are "new since" the time this one was read.
    const { tracker, added } = trackChanges(get().listenersTracker, r.value.listeners, r.value.collectedAt);
    set({ listenersData: r.value, listenersError: null, listenersLoading: false, listenersTracker: tracker });
    get().alertsListenersAppeared(added);
    await firewallFor(r.value.listeners, set);
  },
  listenersFiltersChanged: (patch) => set((s) => ({ listenersFilters: { ...s.listenersFilters, ...patch } })),
  listenersSortClicked: (key) =>
    set((s) => ({ listenersSort: { key, descending: s.listenersSort.key === key ? !s.listenersSort.descending : false } })),
  listenersGroupingToggled: (grouped) => set({ listenersGrouped: grouped }),
  listenersAutoRefreshToggled: (on) => set({ listenersAutoRefresh: on }),
  listenersRowSelected: (key) => set({ listenersSelected: key }),
  listenersWhoHasAsked: (text) => set({ listenersWhoHas: text }),
});

/** One firewall question per exposed port/protocol of the list; the words fall back to the bind address alone when it fails. */
async function firewallFor(listeners: readonly Listener[], set: (p: Partial<ListenersSlice>) => void): Promise<void> {
  const ports = new Map<string, { port: number; protocol: Listener['protocol'] }>();
  for (const l of listeners) if (firewallQuestionFor(l)) ports.set(firewallKey(l.port, l.protocol), { port: l.port, protocol: l.protocol });
  if (ports.size === 0) return set({ listenersFirewall: {} });
  const r = await api.firewallCheckPorts({ ports: [...ports.values()] });
  set({ listenersFirewall: r.ok ? Object.fromEntries(r.value.answers.map((a) => [firewallKey(a.port, a.protocol), a.fact])) : null });
}
