/**
 * How a timeline entry reads once people have amended it: its current
 * text, whether it was struck through (and why), whether it was marked as
 * a key event. The postmortem leaves struck entries out of the draft, marks
 * key events, and shows the latest text; the ICS 214 activity log keeps
 * struck entries, marked.
 *
 * Amendments are the timeline's business (events of kind 'amend', folded by
 * the projection into `snapshot.amendments`). This is the one place the
 * postmortem reads them, so it works on snapshots with or without them.
 */
import type { IncidentSnapshot } from '../incident/projection';
import type { TimelineEvent } from '../incident/schema';

export interface EntryAmendmentLike {
  readonly text: string;
  readonly versions?: readonly unknown[];
  readonly struck: { readonly reason: string } | null;
  readonly key: boolean;
}

export interface EntryReading {
  readonly text: string;
  readonly edited: boolean;
  readonly struck: { readonly reason: string } | null;
  readonly key: boolean;
}

const NONE: ReadonlyMap<string, EntryAmendmentLike> = new Map();

/** The amendments a snapshot carries, if its projection folds them. */
export function amendmentsOf(snapshot: IncidentSnapshot): ReadonlyMap<string, EntryAmendmentLike> {
  const amendments = (snapshot as { readonly amendments?: ReadonlyMap<string, EntryAmendmentLike> }).amendments;
  return amendments instanceof Map ? amendments : NONE;
}

/** Whether an event is an amendment of another (shown folded into its entry, never on its own). */
export function isAmendment(event: TimelineEvent): boolean {
  return (event.kind as string) === 'amend';
}

export function readEntry(event: TimelineEvent, amendments: ReadonlyMap<string, EntryAmendmentLike>): EntryReading {
  const amended = amendments.get(event.id);
  if (!amended) return { text: event.text, edited: false, struck: null, key: false };
  return { text: amended.text, edited: (amended.versions?.length ?? 1) > 1, struck: amended.struck, key: amended.key };
}
