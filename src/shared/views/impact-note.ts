/**
 * The first impact note: when the timeline says customers were first seen
 * hit. The status document offers its time for "Impact since", so the
 * postmortem's impact starts when it did, not when the document was filled.
 */
import type { IncidentSnapshot } from '../incident/projection';

export interface ImpactNote {
  readonly id: string;
  readonly at: number;
  /** Its text as shown (the latest edit). */
  readonly text: string;
}

/** The earliest impact entry that is not struck through, or null. */
export function firstImpactNote(snapshot: Pick<IncidentSnapshot, 'timeline' | 'amendments'>): ImpactNote | null {
  // The timeline is sorted by when each entry happened: the first standing one is the earliest.
  for (const event of snapshot.timeline) {
    if (event.kind !== 'impact') continue;
    const amended = snapshot.amendments.get(event.id);
    if (amended?.struck) continue;
    return { id: event.id, at: event.at, text: amended?.text ?? event.text };
  }
  return null;
}
