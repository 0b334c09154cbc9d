/**
 * The live status document: a snapshot of where the response stands now
 * (Google SRE's incident state document, the ICS 201), not a history. The
 * timeline is the history; this is what someone outside the response reads
 * instead of asking the IC.
 *
 *   status          Y.Map   phase, impactSince, editedBy, editedAt: plain values,
 *                           the last write wins (what a field means)
 *   status:summary  Y.Text  what is happening, in a few sentences
 *   status:impact   Y.Text  who and how many are affected, what does not work
 *   status:eta      Y.Text  the estimated time to resolution, in words
 *
 * The narrative fields are top-level Y.Text roots rather than texts inside
 * the map: a root is the same type on every peer from the start, so two
 * peers typing into an empty field at once both keep their keystrokes. A
 * Y.Text created inside the map on first use would be created by each of
 * them, and the map would keep only one.
 *
 * The phase is the one field with a history: each change is also a
 * timeline event of kind 'phase', written in the same transaction, and once
 * the timeline holds one, the phase shown is the last one's `to` in
 * timeline order, not the map's. Two peers changing the phase at once
 * both keep their log entry, and the map's last write could pick the other
 * one; reading the phase from the log makes the document and the timeline
 * agree on every replica. The map keeps it for older versions (which show
 * such a doc read-only) and for docs written before phases were logged.
 *
 * Severity, the plan, the roles and the next update are not stored here:
 * they are read live from the header, the plan, the org chart and the
 * timers board, so the document can never contradict them.
 */
import * as Y from 'yjs';

export const STATUS_PHASES = ['investigating', 'identified', 'mitigating', 'monitoring', 'resolved'] as const;
export type StatusPhase = (typeof STATUS_PHASES)[number];

export const STATUS_PHASE_LABELS: Record<StatusPhase, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  mitigating: 'Mitigating',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

/** What each phase means, for the picker and the observer view. */
export const STATUS_PHASE_MEANINGS: Record<StatusPhase, string> = {
  investigating: 'We know something is wrong and are finding out what.',
  identified: 'We know what is wrong and are working on a fix.',
  mitigating: 'A fix or workaround is being put in place.',
  monitoring: 'The fix is in; we are watching that it holds.',
  resolved: 'Service is back to normal.',
};

export const STATUS_TEXT_FIELDS = ['summary', 'impact', 'eta'] as const;
export type StatusTextField = (typeof STATUS_TEXT_FIELDS)[number];

export const STATUS_FIELD_LABELS: Record<StatusTextField, string> = {
  summary: 'Summary',
  impact: 'Impact',
  eta: 'Estimated time to resolution',
};

/** The longest each field may grow: a status document is read at a glance. */
export const STATUS_TEXT_MAX: Record<StatusTextField, number> = { summary: 2000, impact: 2000, eta: 300 };
/** Fields kept on one line (an input, not a text area). */
export const SINGLE_LINE_FIELDS: ReadonlySet<StatusTextField> = new Set(['eta']);

/** The version that knows the status document and 'update' events (see SCHEMA_VERSION). */
export const STATUS_SCHEMA_VERSION = 5;
/** The version that knows 'phase' events, the logged changes of the phase. */
export const PHASE_SCHEMA_VERSION = 7;

export const STATUS_ROOT = 'status';
export const STATUS_TEXT_ROOTS: Record<StatusTextField, string> = {
  summary: 'status:summary',
  impact: 'status:impact',
  eta: 'status:eta',
};

export function statusMapOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(STATUS_ROOT);
}

export function statusTextOf(doc: Y.Doc, field: StatusTextField): Y.Text {
  return doc.getText(STATUS_TEXT_ROOTS[field]);
}

export const isStatusPhase = (v: unknown): v is StatusPhase => typeof v === 'string' && (STATUS_PHASES as readonly string[]).includes(v);
export const isStatusTextField = (v: unknown): v is StatusTextField => typeof v === 'string' && (STATUS_TEXT_FIELDS as readonly string[]).includes(v);

// ---- stakeholder updates --------------------------------------------------

export const UPDATE_AUDIENCES = ['internal', 'external'] as const;
export type UpdateAudience = (typeof UPDATE_AUDIENCES)[number];

/**
 * The stages of communication after PagerDuty's external communication
 * guidelines (first message, scoping of impact, periodic update,
 * resolution), and the CAN report (Conditions, Actions, Needs) sent up the
 * chain or to a team the response needs something from.
 */
export const UPDATE_TEMPLATES = ['first', 'scoping', 'update', 'resolution', 'can'] as const;
export type UpdateTemplate = (typeof UPDATE_TEMPLATES)[number];

export const UPDATE_TEMPLATE_LABELS: Record<UpdateTemplate, string> = {
  first: 'First message',
  scoping: 'Scope of impact',
  update: 'Update',
  resolution: 'Resolution',
  can: 'CAN report',
};

export const UPDATE_AUDIENCE_LABELS: Record<UpdateAudience, string> = {
  internal: 'Internal',
  external: 'External',
};

/** The longest update kept: a message, not a report. */
export const MAX_UPDATE_BODY = 5000;

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The structural check of an 'update' event's own fields (see isTimelineEvent). */
export function isUpdateFields(e: Record<string, unknown>): boolean {
  return (
    (UPDATE_AUDIENCES as readonly unknown[]).includes(e.audience) &&
    (UPDATE_TEMPLATES as readonly unknown[]).includes(e.template) &&
    typeof e.body === 'string' &&
    e.body.length <= MAX_UPDATE_BODY &&
    (e.nextAt === null || isTime(e.nextAt))
  );
}

// ---- reading the document -------------------------------------------------

export interface StatusText {
  readonly text: string;
  /**
   * The field holds what Command Post never writes (formatting, embedded
   * objects, or more than the field allows), written by a buggy or hostile
   * peer: shown as plain text, cut to the limit, and not editable until it
   * is started over.
   */
  readonly damaged: boolean;
}

export interface StatusDoc {
  readonly summary: StatusText;
  readonly impact: StatusText;
  readonly eta: StatusText;
  readonly phase: StatusPhase;
  /** Since when the impact has been felt, if known. */
  readonly impactSince: number | null;
  /** Who changed the document last, and when; null before anyone wrote in it. */
  readonly editedBy: string | null;
  readonly editedAt: number | null;
}

const MAX_PERSON_STORED = 200;

/** A collaborative text as plain text, flagged when it holds what Command Post never writes. */
export function readPlainText(text: Y.Text, max: number): StatusText {
  let plain = '';
  let damaged = false;
  for (const op of text.toDelta() as Array<{ insert?: unknown; attributes?: unknown }>) {
    if (typeof op.insert === 'string') plain += op.insert;
    else damaged = true;
    if (op.attributes !== undefined) damaged = true;
    if (plain.length > max) {
      damaged = true;
      break;
    }
  }
  return Object.freeze({ text: damaged ? plain.slice(0, max) : plain, damaged });
}

/**
 * The document as the views read it. Whatever a peer wrote is checked: a
 * value of the wrong shape reads as unset, never as a crash. `logged` is
 * the phase of the last 'phase' event in the timeline, which wins over the
 * map's (see above); null when none was logged.
 */
export function readStatusDoc(doc: Y.Doc, previous: StatusDoc | null = null, logged: StatusPhase | null = null): StatusDoc {
  const map = statusMapOf(doc);
  const phase = map.get('phase');
  const since = map.get('impactSince');
  const by = map.get('editedBy');
  const at = map.get('editedAt');
  const text = (field: StatusTextField): StatusText => {
    const next = readPlainText(statusTextOf(doc, field), STATUS_TEXT_MAX[field]);
    const before = previous?.[field];
    return before && before.text === next.text && before.damaged === next.damaged ? before : next;
  };
  const next: StatusDoc = {
    summary: text('summary'),
    impact: text('impact'),
    eta: text('eta'),
    phase: logged ?? (isStatusPhase(phase) ? phase : 'investigating'),
    impactSince: isTime(since) ? since : null,
    editedBy: typeof by === 'string' && by.length <= MAX_PERSON_STORED ? by : null,
    editedAt: isTime(at) ? at : null,
  };
  if (previous && (Object.keys(next) as (keyof StatusDoc)[]).every((k) => next[k] === previous[k])) return previous;
  return Object.freeze(next);
}

/** The same document at the phase the timeline logged last (itself when that is its phase already). */
export function withLoggedPhase(status: StatusDoc, logged: StatusPhase): StatusDoc {
  if (logged === status.phase) return status;
  return Object.freeze({
    summary: status.summary,
    impact: status.impact,
    eta: status.eta,
    phase: logged,
    impactSince: status.impactSince,
    editedBy: status.editedBy,
    editedAt: status.editedAt,
  });
}

export const EMPTY_STATUS_DOC: StatusDoc = Object.freeze({
  summary: Object.freeze({ text: '', damaged: false }),
  impact: Object.freeze({ text: '', damaged: false }),
  eta: Object.freeze({ text: '', damaged: false }),
  phase: 'investigating',
  impactSince: null,
  editedBy: null,
  editedAt: null,
});
