/**
 * The timeline's single keys and what each does with the selected entry.
 * Pure, so the rules ("e" on a severity change says why not) are tested
 * without a browser. They are active on the Timeline tab only, so they do
 * not clash with the org chart's or the plan's; "/" and Ctrl+L stay the
 * quick-entry line's, "?" the cheat sheet's.
 */
import { creditOf, isAmendable, type EntryAmendments } from '../../../shared/incident';
import type { PlanView } from '../../../shared/incident/plan-view';
import type { ActivitySubject } from '../../../shared/views/activity-log';
import { actionFor, mayAct, type KeyTable, type TabKey } from '../../components/keys/key-table';
import type { TimelineDialog } from '../../stores/timeline-ui';
import { isDerived, type TimelineRow } from '../../../shared/views/entry-types';

export type TimelineKeyAction = 'key' | 'edit' | 'strike' | 'adopt' | 'history' | 'activity' | 'search' | 'zone';

export const TIMELINE_KEYS: readonly TabKey<TimelineKeyAction>[] = [
  { key: 's', action: 'key', label: 'key event (or *)', aliases: ['*'] },
  { key: 'e', action: 'edit', label: 'edit' },
  { key: 'x', action: 'strike', label: 'strike (or Delete)', aliases: ['Delete'] },
  { key: 'p', action: 'adopt', label: 'into the plan (a decision or an action)' },
  { key: 'h', action: 'history', label: 'history', inReadOnly: true },
  { key: 'a', action: 'activity', label: 'activity log', inReadOnly: true },
  { key: 'f', action: 'search', label: 'search', inReadOnly: true },
  { key: 'u', action: 'zone', label: 'UTC / local', inReadOnly: true },
];

/** The timeline's keys, and those that move the selection (rowStep). */
export const TIMELINE_KEY_TABLE: KeyTable<TimelineKeyAction> = {
  title: 'Timeline',
  keys: TIMELINE_KEYS,
  moves: [
    { key: '↑ ↓ or k j', label: 'select the entry before / after (from the newest)' },
    { key: 'Home End', label: 'the first / the newest entry' },
    { key: 'PgUp PgDn', label: 'ten entries up / down' },
  ],
  moveHint: { groups: [['↑', '↓'], ['k', 'j']], label: 'select' },
};

/**
 * What may be done to the timeline here: 'write' while the incident runs;
 * 'review' once it has ended, when the record is closed but the review can
 * still mark which entries mattered (a key mark changes no entry); 'read'
 * while only the stored first view is shown, or for a newer version's doc.
 */
export type TimelineAccess = 'write' | 'review' | 'read';

/** Whether an action may be taken with this access: reading always, marking key events in review too. */
export function allowedWith(action: TimelineKeyAction, access: TimelineAccess): boolean {
  return mayAct(TIMELINE_KEY_TABLE, action, { readOnly: access !== 'write' }) || (access === 'review' && action === 'key');
}

export function timelineActionForKey(key: string): TimelineKeyAction | null {
  return actionFor(TIMELINE_KEY_TABLE, key);
}

export type TimelineKeyOutcome =
  | { readonly open: TimelineDialog }
  | { readonly hint: string }
  | { readonly setKey: { readonly eventId: string; readonly key: boolean } }
  | { readonly adopt: Adopt }
  | { readonly history: string }
  | { readonly activity: ActivitySubject }
  | { readonly search: true }
  | { readonly zone: true };

/** A logged decision or action to put into the plan: the form it opens, prefilled with its text as it reads now. */
export interface Adopt {
  readonly kind: 'task' | 'propose';
  readonly source: string;
  readonly text: string;
}

export function timelineOutcome(
  action: TimelineKeyAction,
  row: TimelineRow | null,
  amended: EntryAmendments | undefined,
  access: TimelineAccess,
  plan: PlanView | null = null,
): TimelineKeyOutcome {
  if (action === 'search') return { search: true };
  if (action === 'zone') return { zone: true };
  if (!row) return { hint: 'Select an entry first (↑ ↓ or j k).' };
  if (isDerived(row)) return { hint: 'That row is worked out from the log (a deadline, a rotation, a span of control); there is nothing to change or look up.' };
  if (!allowedWith(action, access)) {
    return {
      hint:
        access === 'review'
          ? 'The timeline is closed: entries can no longer be edited or struck through. Key events can still be marked (s).'
          : 'This timeline is read-only here.',
    };
  }
  switch (action) {
    case 'key':
      return { setKey: { eventId: row.id, key: !amended?.key } };
    case 'edit':
    case 'strike':
      if (!isAmendable(row)) return { hint: 'Only entries logged by hand can be edited or struck through; log a note to correct this one.' };
      if (amended?.struck) return { hint: `That entry is already struck through: ${amended.struck.reason}` };
      return { open: { kind: action, eventId: row.id } };
    case 'adopt':
      return adoptOutcome(row, amended, plan);
    case 'history':
      if ((amended?.versions.length ?? 1) < 2) return { hint: 'That entry has never been edited: it has no earlier versions.' };
      return { history: row.id };
    case 'activity':
      return { activity: { name: creditOf(row) } };
  }
}

/**
 * What p does on an entry: a decision logged by hand is offered to the plan
 * as a proposal, an action as a task (under an open objective, with the
 * owner and timebox the plan asks for); once adopted, it is not offered
 * again. The same rule marks a row as offerable (adoptable).
 */
function adoptOutcome(row: Exclude<TimelineRow, { derived: true }>, amended: EntryAmendments | undefined, plan: PlanView | null): TimelineKeyOutcome {
  if (row.kind !== 'decision' && row.kind !== 'action') return { hint: 'Only a decision (d:) or an action (a:) logged in the timeline can go into the plan.' };
  if (amended?.struck) return { hint: `That entry is struck through: ${amended.struck.reason}` };
  if (!plan) return { hint: 'The plan is still loading.' };
  const adopted = plan.adopted.get(row.id);
  if (adopted) return { hint: `That entry is already in the plan, as a ${adopted.kind}.` };
  const text = amended?.text ?? row.text;
  if (row.kind === 'decision') return { adopt: { kind: 'propose', source: row.id, text } };
  if (!plan.objectives.some((o) => o.closed === null)) return { hint: 'Set an objective first (Plan tab, Alt+P, then o): every task serves one.' };
  return { adopt: { kind: 'task', source: row.id, text } };
}

/** Whether the row offers itself to the plan (its button; p says why not when it cannot go in yet). */
export function adoptable(row: TimelineRow, amended: EntryAmendments | undefined, plan: PlanView | null): boolean {
  return !isDerived(row) && (row.kind === 'decision' || row.kind === 'action') && !amended?.struck && !!plan && !plan.adopted.has(row.id);
}

/** Moving the selection: ↑ ↓ (or k j), Home, End, Page Up and Page Down by ten. Null: not a move key. */
export function rowStep(count: number, current: number, key: string): number | null {
  if (!count) return null;
  // Nothing selected yet: start from the newest, where the timeline opens.
  const from = current < 0 ? count : current;
  switch (key) {
    case 'ArrowDown':
    case 'j':
      return current < 0 ? count - 1 : Math.min(from + 1, count - 1);
    case 'ArrowUp':
    case 'k':
      return Math.max(from - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'PageDown':
      return current < 0 ? count - 1 : Math.min(from + 10, count - 1);
    case 'PageUp':
      return Math.max(from - 10, 0);
    default:
      return null;
  }
}
