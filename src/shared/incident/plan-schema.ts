/**
 * Changes to the action plan, stored as timeline events of kind 'plan' (like
 * the org chart's): objectives and their tasks, decisions, changes to
 * production, custom timers and the update cadence. Deadlines are stored as
 * a start and a duration, never as ticks, so every peer computes the same
 * countdown from the same events.
 *
 * A task or a proposal adopted from the timeline (an action or a decision
 * logged from the entry line) names that entry in `source`. The field is
 * optional and an older Command Post reads past it (its structural check
 * asks only for the fields it knows), so writing it does not raise the
 * schema version: an older version shows the item without its link.
 */

/** Who owns a task: one person, or a role, which resolves to the one person holding it. */
export type TaskOwner = { readonly kind: 'person'; readonly responderId: string } | { readonly kind: 'role'; readonly roleId: string };

export const TASK_STATUSES = ['open', 'done', 'blocked', 'dropped'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export type PlanChange =
  | { readonly change: 'objective-add'; readonly objectiveId: string; readonly text: string }
  | { readonly change: 'objective-close'; readonly objectiveId: string; readonly outcome: 'met' | 'dropped' }
  | {
      readonly change: 'task-add';
      readonly taskId: string;
      readonly objectiveId: string;
      readonly text: string;
      readonly owner: TaskOwner;
      readonly timeboxMinutes: number;
      /** The timeline entry (an action logged from the entry line) this task was adopted from. */
      readonly source?: string;
    }
  | {
      readonly change: 'task-ack';
      readonly taskId: string;
      /**
       * Whose "understood" it is: the one person who owned the task when it
       * was said. Absent in events written before it was stored; then it is
       * whoever owns the task at the ack's turn.
       */
      readonly ownerId?: string;
    }
  | { readonly change: 'task-status'; readonly taskId: string; readonly status: TaskStatus; readonly note: string }
  | { readonly change: 'task-extend'; readonly taskId: string; readonly minutes: number }
  | { readonly change: 'task-reassign'; readonly taskId: string; readonly owner: TaskOwner; readonly timeboxMinutes: number }
  | {
      readonly change: 'decision-propose';
      readonly decisionId: string;
      readonly text: string;
      /** The timeline entry (a decision logged from the entry line) this proposal was adopted from. */
      readonly source?: string;
    }
  | { readonly change: 'decision-object'; readonly decisionId: string; readonly text: string }
  | { readonly change: 'decision-decide'; readonly decisionId: string; readonly outcome: 'adopted' | 'withdrawn'; readonly note: string }
  | { readonly change: 'change-announce'; readonly changeId: string; readonly text: string }
  | { readonly change: 'change-observe'; readonly changeId: string; readonly result: string; readonly worked: boolean }
  | { readonly change: 'timer-add'; readonly timerId: string; readonly label: string; readonly minutes: number }
  | { readonly change: 'timer-cancel'; readonly timerId: string }
  | { readonly change: 'cadence'; readonly statusMinutes: Readonly<Record<string, number>>; readonly reviewMinutes: number };

const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 64;
const isText = (v: unknown, max = 2000): v is string => typeof v === 'string' && v.length <= max;
/** An optional link to the timeline entry a plan item was adopted from: absent, or an id. */
const isSource = (v: unknown): boolean => v === undefined || isId(v);
const isMinutes = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 24 * 60;

function isOwner(v: unknown): v is TaskOwner {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (o.kind === 'person' && isId(o.responderId)) || (o.kind === 'role' && isId(o.roleId));
}

/** The structural check of a stored change (see isTimelineEvent); the rules are the fold's. */
export function isPlanChange(value: unknown): value is PlanChange {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  switch (c.change) {
    case 'objective-add':
      return isId(c.objectiveId) && isText(c.text);
    case 'objective-close':
      return isId(c.objectiveId) && (c.outcome === 'met' || c.outcome === 'dropped');
    case 'task-add':
      return isId(c.taskId) && isId(c.objectiveId) && isText(c.text) && isOwner(c.owner) && isMinutes(c.timeboxMinutes) && isSource(c.source);
    case 'task-ack':
      return isId(c.taskId) && (c.ownerId === undefined || isId(c.ownerId));
    case 'task-status':
      return isId(c.taskId) && (TASK_STATUSES as readonly unknown[]).includes(c.status) && isText(c.note);
    case 'task-extend':
      return isId(c.taskId) && isMinutes(c.minutes);
    case 'task-reassign':
      return isId(c.taskId) && isOwner(c.owner) && isMinutes(c.timeboxMinutes);
    case 'decision-propose':
      return isId(c.decisionId) && isText(c.text) && isSource(c.source);
    case 'decision-object':
      return isId(c.decisionId) && isText(c.text);
    case 'decision-decide':
      return isId(c.decisionId) && (c.outcome === 'adopted' || c.outcome === 'withdrawn') && isText(c.note);
    case 'change-announce':
      return isId(c.changeId) && isText(c.text);
    case 'change-observe':
      return isId(c.changeId) && isText(c.result) && typeof c.worked === 'boolean';
    case 'timer-add':
      return isId(c.timerId) && isText(c.label, 120) && isMinutes(c.minutes);
    case 'timer-cancel':
      return isId(c.timerId);
    case 'cadence':
      return (
        typeof c.statusMinutes === 'object' &&
        c.statusMinutes !== null &&
        Object.entries(c.statusMinutes).every(([k, v]) => /^SEV-[1-5]$/.test(k) && isMinutes(v)) &&
        isMinutes(c.reviewMinutes)
      );
    default:
      return false;
  }
}
