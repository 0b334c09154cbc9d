/**
 * The timeline's filters as chosen (UI state, kept in stores/timeline-ui.ts),
 * apart from the filtering itself (./filter.ts), which brings the incident
 * domain: the store is loaded at start-up, before any incident is.
 */
import type { EntryType } from '../../../shared/views/entry-types';

export interface TimelineFilters {
  readonly type: EntryType | null;
  /** An author's name, as they log under it. */
  readonly author: string | null;
  /** A role label from authorRoles: the role the author held when the entry happened. */
  readonly role: string | null;
  /** Case-insensitive, over the text each entry shows now. */
  readonly query: string;
  readonly keyOnly: boolean;
}

export const NO_FILTERS: TimelineFilters = Object.freeze({ type: null, author: null, role: null, query: '', keyOnly: false });

export function isFiltering(f: TimelineFilters): boolean {
  return f.type !== null || f.author !== null || f.role !== null || f.query.trim() !== '' || f.keyOnly;
}
