/**
 * How a timeline entry reads once people have amended it (amendments.ts):
 * its current text, whether it was struck through (and why), whether it
 * was marked as a key event. The postmortem leaves struck entries out of
 * the draft, marks key events, and shows the latest text; the ICS 214
 * activity log keeps struck entries, marked.
 */
import type { IncidentSnapshot } from '../incident/projection';
import type { TimelineEvent } from '../incident/schema';
import type { EntryAmendments } from '../incident/amendments';

export interface EntryReading {
  readonly text: string;
  readonly edited: boolean;
  readonly struck: { readonly reason: string } | null;
  readonly key: boolean;
}

/** The amendments of a snapshot, by the entry they amend. */
export function amendmentsOf(snapshot: IncidentSnapshot): ReadonlyMap<string, EntryAmendments> {
  return snapshot.amendments;
}

/** Whether an event is an amendment of another (shown folded into its entry, never on its own). */
export function isAmendment(event: TimelineEvent): boolean {
  return event.kind === 'amend';
}

export function readEntry(event: TimelineEvent, amendments: ReadonlyMap<string, EntryAmendments>): EntryReading {
  const amended = amendments.get(event.id);
  if (!amended) return { text: event.text, edited: false, struck: null, key: false };
  return { text: amended.text, edited: amended.versions.length > 1, struck: amended.struck, key: amended.key };
}
