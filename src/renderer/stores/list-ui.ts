/**
 * The incident list's filters and sort: kept for as long as the window is
 * open, so coming back from an incident finds the list as it was left.
 */
import { create } from 'zustand';
import { NO_FILTERS, type ListFilters, type ListSort } from '../features/incident-list/list-query';

interface ListUiState {
  filters: ListFilters;
  sort: ListSort | null;
  /** Whether the filters are unfolded (ListControls). */
  filtersOpen: boolean;
  setFiltersOpen(open: boolean): void;
  setFilters(change: Partial<ListFilters>): void;
  clearFilters(): void;
  setSort(sort: ListSort | null): void;
}

export const useListUi = create<ListUiState>((set) => ({
  filters: NO_FILTERS,
  sort: null,
  filtersOpen: false,
  setFiltersOpen: (filtersOpen) => set({ filtersOpen }),
  setFilters: (change) => set((s) => ({ filters: { ...s.filters, ...change } })),
  clearFilters: () => set({ filters: NO_FILTERS }),
  setSort: (sort) => set({ sort }),
}));
