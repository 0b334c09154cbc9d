/**
 * The kinds of timeline event and their names: what the entry line, the
 * note pad and quick capture offer, without the document's schema (and
 * Yjs) that ./schema.ts brings, so the incident list can start without it.
 */

/** Kinds a responder logs by hand. */
export const LOGGABLE_KINDS = ['note', 'decision', 'action', 'status', 'followup', 'impact'] as const;
export type LoggableKind = (typeof LOGGABLE_KINDS)[number];

/** Kinds the domain logs itself as a side effect of a command. */
export const SYSTEM_KINDS = ['declared', 'severity', 'ended', 'org', 'plan', 'update', 'phase', 'amend', 'renamed', 'link', 'inject'] as const;
export type SystemKind = (typeof SYSTEM_KINDS)[number];

export type EventKind = LoggableKind | SystemKind;

export const EVENT_KIND_LABELS: Record<EventKind, string> = {
  note: 'Note',
  decision: 'Decision',
  action: 'Action',
  status: 'Status change',
  followup: 'Follow-up',
  impact: 'Impact',
  declared: 'Declared',
  severity: 'Severity',
  ended: 'Ended',
  org: 'Organization',
  plan: 'Plan',
  update: 'Update sent',
  phase: 'Phase',
  amend: 'Amendment',
  renamed: 'Renamed',
  link: 'Linked',
  inject: 'DRILL INJECT',
};
