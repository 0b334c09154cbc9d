/**
 * The amendment fold: what one timeline entry shows once its amendments
 * (events of kind 'amend' naming it) are applied, in timeline order.
 *
 * - Every edit is a version; the original text is always the first one, and
 *   the latest edit in timeline order is the text shown. Two peers editing
 *   the same entry at once both keep their version in the history; every
 *   replica shows the same one (the later by causal time, then id), and
 *   both are marked as made at the same time.
 * - The first strike-through counts; a struck entry is never removed, only
 *   shown struck through with its reason.
 * - The key-event flag is the latest key or unkey.
 *
 * Only entries logged by hand carry text a person may correct: an edit or a
 * strike of a system entry (declaration, severity, org, plan) is refused by
 * the commands and ignored here, whoever wrote it. Any entry can be key.
 */
import type { IncidentSnapshot } from './projection';
import type { AmendEvent, TimelineEvent } from './schema';
import { LOGGABLE_KINDS } from './schema';

export interface EntryVersion {
  /** The event that wrote it: the entry itself for the original, else the edit. */
  readonly id: string;
  readonly text: string;
  readonly by: string;
  /** When it was written down, by the writer's clock. */
  readonly at: number;
  /** Another edit replaced the same version at the same time; both are kept. */
  readonly concurrent: boolean;
}

export interface EntryStrike {
  readonly id: string;
  readonly by: string;
  readonly at: number;
  readonly reason: string;
}

export interface EntryAmendments {
  /** The text shown: the latest version's. */
  readonly text: string;
  /** Oldest first; the original is always the first. Only edits add versions. */
  readonly versions: readonly EntryVersion[];
  readonly struck: EntryStrike | null;
  readonly key: boolean;
}

const LOGGABLE: ReadonlySet<string> = new Set(LOGGABLE_KINDS);

/** Whether an entry's text may be edited or struck through: only what a person logged by hand. */
export function isAmendable(event: TimelineEvent): boolean {
  return LOGGABLE.has(event.kind);
}

/**
 * Folds the amendments of one entry, given in timeline order. Null when
 * none of them applies (the entry shows as it was logged).
 */
export function amendEntry(target: TimelineEvent, amends: readonly AmendEvent[]): EntryAmendments | null {
  if (target.kind === 'amend') return null;
  const amendable = isAmendable(target);
  const edits: AmendEvent[] = [];
  let struck: EntryStrike | null = null;
  let key = false;
  let applied = 0;
  for (const a of amends) {
    const change = a.amend;
    switch (change.change) {
      case 'edit':
        if (!amendable) continue;
        edits.push(a);
        break;
      case 'strike':
        if (!amendable) continue;
        if (!struck) struck = Object.freeze({ id: a.id, by: a.author, at: a.loggedAt, reason: change.reason });
        break;
      case 'key':
        key = true;
        break;
      case 'unkey':
        key = false;
        break;
    }
    applied++;
  }
  if (!applied) return null;
  // Two edits that replaced the same version were made without seeing each other.
  const replaced = new Map<string, number>();
  for (const e of edits) {
    const base = (e.amend as { replaces: string }).replaces;
    replaced.set(base, (replaced.get(base) ?? 0) + 1);
  }
  const versions: EntryVersion[] = [Object.freeze({ id: target.id, text: target.text, by: target.author, at: target.loggedAt, concurrent: false })];
  for (const e of edits) {
    const base = (e.amend as { replaces: string }).replaces;
    versions.push(Object.freeze({ id: e.id, text: e.text, by: e.author, at: e.loggedAt, concurrent: (replaced.get(base) ?? 0) > 1 }));
  }
  return Object.freeze({ text: versions[versions.length - 1]!.text, versions: Object.freeze(versions), struck, key });
}

/**
 * A timeline's size as people count it: the entries it shows, and the
 * amendments (edits, strikes, key marks) made to them, which are events of
 * the log but not rows of it. Import and export messages say both, so the
 * numbers match the timeline's own count.
 */
export function timelineTally({ timeline, amendmentCount }: Pick<IncidentSnapshot, 'timeline' | 'amendmentCount'>): { entries: number; amendments: number } {
  return { entries: timeline.length - amendmentCount, amendments: amendmentCount };
}
