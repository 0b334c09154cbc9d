/**
 * UI-only state of the timeline: its filters, the selected entry (which the
 * single keys act on), the entries whose history is open, the dialog that
 * is open, whose activity log is shown, and whether times are shown in UTC.
 * None of it is part of the incident; the time zone choice is remembered on
 * this machine.
 */
import { create } from 'zustand';
import { selected, tabUi, type TabUi } from './tab-ui';
import type { ActivitySubject } from '../../shared/views/activity-log';
import { NO_FILTERS, type TimelineFilters } from '../features/timeline/filter-choice';

export type TimelineDialog = { readonly kind: 'edit' | 'strike'; readonly eventId: string };

const UTC_KEY = 'command-post.timeline.utc';
const NO_EXPANDED: ReadonlySet<string> = new Set();

/** Whether times are shown in UTC on this machine (the quick-capture window reads it too, to read a stated clock time the same way). */
export function storedUtc(): boolean {
  try {
    return typeof localStorage !== 'undefined' && localStorage.getItem(UTC_KEY) === '1';
  } catch {
    return false;
  }
}

interface TimelineUiState extends TabUi<TimelineDialog> {
  /** The incident these filters and this selection belong to; another one starts afresh. */
  incidentId: string | null;
  filters: TimelineFilters;
  utc: boolean;
  selectedId: string | null;
  expanded: ReadonlySet<string>;
  activityFor: ActivitySubject | null;
  /** Bumped to ask the search field to take focus. */
  searchRequest: number;
  /** An entry to scroll to, select and focus once the timeline holds it (a search result opened); cleared when done. */
  reveal: string | null;
  forIncident(incidentId: string): void;
  /** Opens this incident's timeline at that entry, unfiltered: see `reveal`. */
  revealEntry(incidentId: string, entryId: string): void;
  revealed(): void;
  setFilters(patch: Partial<TimelineFilters>): void;
  clearFilters(): void;
  setUtc(utc: boolean): void;
  select(id: string | null, focus?: boolean): void;
  toggleHistory(id: string): void;
  showActivity(subject: ActivitySubject | null): void;
  focusSearch(): void;
}

export const useTimelineUi = create<TimelineUiState>((set) => ({
  ...tabUi<TimelineDialog>(set),
  incidentId: null,
  filters: NO_FILTERS,
  utc: storedUtc(),
  selectedId: null,
  expanded: NO_EXPANDED,
  activityFor: null,
  searchRequest: 0,
  reveal: null,
  revealEntry: (incidentId, entryId) =>
    set({ incidentId, filters: NO_FILTERS, selectedId: null, expanded: NO_EXPANDED, dialog: null, activityFor: null, hint: null, reveal: entryId }),
  revealed: () => set({ reveal: null }),
  forIncident: (incidentId) =>
    set((s) => {
      if (s.incidentId === incidentId) return {};
      // The first incident opened has nothing to reset: change nothing, so nothing re-renders.
      if (s.incidentId === null) return { incidentId };
      return { incidentId, filters: NO_FILTERS, selectedId: null, expanded: NO_EXPANDED, dialog: null, activityFor: null, hint: null };
    }),
  setFilters: (patch) => set((s) => ({ filters: { ...s.filters, ...patch }, hint: null })),
  clearFilters: () => set({ filters: NO_FILTERS, hint: null }),
  setUtc: (utc) => {
    try {
      localStorage.setItem(UTC_KEY, utc ? '1' : '0');
    } catch {
      // Storage may be unavailable (a private window); the choice then lasts this session.
    }
    set({ utc });
  },
  select: (selectedId, focus = false) => set((s) => ({ selectedId, ...selected(s, focus) })),
  toggleHistory: (id) =>
    set((s) => {
      const expanded = new Set(s.expanded);
      if (!expanded.delete(id)) expanded.add(id);
      return { expanded };
    }),
  showActivity: (activityFor) => set({ activityFor }),
  focusSearch: () => set((s) => ({ searchRequest: s.searchRequest + 1 })),
}));
