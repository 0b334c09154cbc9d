/**
 * The shape of one incident's Y.Doc.
 *
 *   meta      Y.Map   schemaVersion, incidentId: checked when a doc is opened
 *                     (and, later, when a peer connects)
 *   timeline  Y.Array append-only list of plain TimelineEvent objects
 *   checklist Y.Map   "<roleId>/<itemId>" → ChecklistTick: the duties ticked
 *                     per role; the last tick wins, which is what a tick means
 *   status, status:summary, status:impact, status:eta
 *                     the live status document (see status-schema.ts): a
 *                     snapshot, not a history; its narrative fields are
 *                     collaborative text. Its phase is also logged: each
 *                     change is a 'phase' event, and the phase shown is the
 *                     last one's (see projection.ts)
 *   postmortem, postmortem:items, postmortem:<section>
 *                     the postmortem: owner, due date, meeting, action items
 *                     and the draft's sections (see postmortem-schema.ts)
 *   comms     Y.Map   the communications plan (ICS 205): channels, their
 *                     fallback order, who is reachable where (comms-schema.ts)
 *   members   Y.Array append-only signed statements: who belongs to the
 *                     incident, admitted by whom (see ../trust/records.ts)
 *   seals     Y.Array append-only signatures of timeline entries, one per
 *                     entry, beside it (see ../trust/records.ts)
 *
 * The incident is event-sourced: its declaration, every severity change,
 * every rename and its end are timeline events, and the header (name, severity, state) is
 * projected from them. An append-only array merges without conflicts, so two
 * peers who change the severity at once both keep their log entry and every
 * replica derives the same current severity from the same events.
 * Events are plain values (not nested Y types): they are never edited in
 * place, and plain values load an order of magnitude faster.
 */
import * as Y from 'yjs';
import { isSeverity, type Severity } from '../ics/severity';
import { isOrgChange, type OrgChange } from './org-schema';
import { isAmendment, type Amendment } from './amend-schema';
import { isPlanChange, type PlanChange } from './plan-schema';
import { isStatusPhase, isUpdateFields, type StatusPhase, type UpdateAudience, type UpdateTemplate } from './status-schema';
import { LOGGABLE_KINDS, type LoggableKind } from './kinds';
import { MAX_NAME } from './limits';
import { INJECT_TYPES, type InjectType } from './inject-types';

/**
 * 2: org chart changes (kind 'org'); 3: action plan changes (kind 'plan');
 * 4: amendments to timeline entries (kind 'amend');
 * 5: the status document and stakeholder updates (kind 'update');
 * 6: the postmortem (its own roots, see postmortem-schema.ts);
 * 7: changes of the status document's phase (kind 'phase');
 * 8: entries logged for someone else (`for`, see Credit): an older version
 * would credit the person typing, and so fold a different org chart; and a
 * rotation time under 15 minutes (kind 'org', change 'rotation'), which
 * versions before 8 refused as malformed; 9: renames (kind 'renamed');
 * 10: links between incidents under an umbrella response (kind 'link');
 * 11: the communications plan (its own root, see comms-schema.ts);
 * 12: drills played from a scenario (the 'drill' roots, drill-schema.ts, and
 * kind 'inject'). A doc is
 * raised to the version of the newest kind of data written to it, so an
 * older Command Post shows it read-only instead of dropping those events as
 * malformed, and a doc holding only the core kinds stays readable by version 3.
 */
export const SCHEMA_VERSION = 12;
/** The version that knows links: a linked doc is raised to it, so an older version shows it read-only rather than without its umbrella. */
export const LINK_SCHEMA_VERSION = 10;
/** The version that knows renames: a renamed doc is raised to it, so an older version never shows the old name as current. */
export const RENAME_SCHEMA_VERSION = 9;
/** The version that knows `for`: a doc holding an entry logged for someone else is raised to it. */
export const CREDIT_SCHEMA_VERSION = 8;
/** The version of a doc that holds only the core kinds (declaration to plan). */
export const CORE_SCHEMA_VERSION = 3;

export { EVENT_KIND_LABELS, LOGGABLE_KINDS, SYSTEM_KINDS, type EventKind, type LoggableKind, type SystemKind } from './kinds';

interface EventBase {
  readonly id: string;
  /** When it happened (ms since epoch); the Scribe may backdate it. */
  readonly at: number;
  /** When it was written down. */
  readonly loggedAt: number;
  /** Who typed it: the person at the keyboard (display name). */
  readonly author: string;
  /** Whom it is for, when not the person typing: the Scribe logs the IC's decision for the IC. */
  readonly for?: Credit;
  readonly text: string;
}

/**
 * The person an entry is attributed to, as it was when the entry was
 * written: a name, and the abbreviation of the role they held then when
 * the entry was logged for a role ("IC") or for someone holding one.
 * Resolved at writing, so the record says what the Scribe saw, whoever
 * holds the role later.
 */
export interface Credit {
  readonly name: string;
  readonly role?: string;
}

/** The person an entry counts for: whom it was logged for, else who typed it. */
export function creditOf(event: Pick<EventBase, 'author' | 'for'>): string {
  return event.for?.name ?? event.author;
}

/** "Sue Park (IC)": the credited person as the record shows them. */
export function creditLabel(event: Pick<EventBase, 'author' | 'for'>): string {
  const credit = event.for;
  if (!credit) return event.author;
  return credit.role ? `${credit.name} (${credit.role})` : credit.name;
}

/** Who an entry is by, as the record shows it: "Sue Park (IC), logged by Dana Scully", or the typist alone. */
export function byline(event: Pick<EventBase, 'author' | 'for'>): string {
  return event.for ? `${creditLabel(event)}, logged by ${event.author}` : event.author;
}

/** The longest role abbreviation a credit carries (a custom role's title is shortened to its initials). */
export const MAX_CREDIT_ROLE = 80;

function isCredit(value: unknown, maxName: number): value is Credit {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  if (!isString(c.name) || !c.name.trim() || c.name.length > maxName) return false;
  return c.role === undefined || (isString(c.role) && c.role.length <= MAX_CREDIT_ROLE);
}

export interface LoggedEvent extends EventBase {
  readonly kind: LoggableKind;
}

export interface DeclaredEvent extends EventBase {
  readonly kind: 'declared';
  readonly name: string;
  readonly severity: Severity;
  readonly synopsis: string;
  readonly drill: boolean;
}

export interface SeverityEvent extends EventBase {
  readonly kind: 'severity';
  readonly from: Severity;
  readonly to: Severity;
}

/**
 * A new name for the incident, with the name its writer saw. The name shown
 * is the last applied rename's in timeline order (projection.ts), so two
 * renames made at once converge on every replica, and both stay in the log.
 */
export interface RenamedEvent extends EventBase {
  readonly kind: 'renamed';
  readonly from: string;
  readonly to: string;
}

/** Another incident, as a link names it: its id and the name it had when linked. */
export interface LinkedIncident {
  readonly id: string;
  readonly name: string;
}

/**
 * A link between two incidents of one response (simultaneous incidents
 * under an umbrella), written in both: in the incident linked, `side`
 * 'umbrella' names the umbrella it now reports to; in the umbrella, 'child'
 * names the incident now under it. `linked` false undoes it. Folded in
 * timeline order, by the IC of that moment (link-rule.ts).
 */
export interface LinkEvent extends EventBase {
  readonly kind: 'link';
  readonly side: 'umbrella' | 'child';
  readonly other: LinkedIncident;
  readonly linked: boolean;
}

/**
 * An inject of a drill's scenario, delivered into the practice incident by
 * the drill's player (drill-commands.ts). Its id is the inject's own
 * (`inject:<id>`), so machines that deliver it at once write one entry as
 * far as the projection is concerned (an id seen twice counts once).
 */
export interface InjectEvent extends EventBase {
  readonly kind: 'inject';
  /** The scenario inject's id. */
  readonly injectId: string;
  readonly inject: InjectType;
  /** Who it comes from in the exercise ("VP Sales", "Monitoring"); the entry's author is whoever's machine delivered it. */
  readonly from: string;
}

export interface EndedEvent extends EventBase {
  readonly kind: 'ended';
}

/** A change to the org chart: check-in, role, handover, release (see org-schema.ts). */
export interface OrgEvent extends EventBase {
  readonly kind: 'org';
  readonly org: OrgChange;
}

/** A change to the action plan: objectives, tasks, decisions, changes, timers (see plan-schema.ts). */
export interface PlanEvent extends EventBase {
  readonly kind: 'plan';
  readonly plan: PlanChange;
}

/**
 * A change to another entry: a new text, a strike-through with its reason,
 * or the key-event flag (see amend-schema.ts). Entries are never changed in
 * place; the projection folds these into what each entry shows.
 */
export interface AmendEvent extends EventBase {
  readonly kind: 'amend';
  /** The id of the entry it amends. */
  readonly target: string;
  readonly amend: Amendment;
}

/**
 * A stakeholder update or CAN report as it was sent: its whole text, to
 * whom, and when it said the next one comes (which is when the next
 * update is due). `text` is the timeline's one-line account of it.
 */
export interface UpdateEvent extends EventBase {
  readonly kind: 'update';
  readonly audience: UpdateAudience;
  readonly template: UpdateTemplate;
  readonly body: string;
  /** When the update promised the next one; null when it promised none (the resolution). */
  readonly nextAt: number | null;
}

/**
 * A change of the status document's phase (investigating, identified, …),
 * written with the change itself. Logged apart from the hand-logged
 * 'status' kind because it is not a status update given: it neither
 * restarts the update timer nor counts as an update sent. `from` is the
 * phase its writer saw, so the log reads as the response saw it.
 */
export interface PhaseEvent extends EventBase {
  readonly kind: 'phase';
  readonly from: StatusPhase;
  readonly to: StatusPhase;
}

export type TimelineEvent = LoggedEvent | DeclaredEvent | SeverityEvent | RenamedEvent | LinkEvent | EndedEvent | OrgEvent | PlanEvent | UpdateEvent | PhaseEvent | AmendEvent | InjectEvent;

/** The roots that hold signatures (their records are defined in ../trust). */
export const MEMBERS_ROOT = 'members';
export const SEALS_ROOT = 'seals';

export function metaOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('meta');
}

/** A duty of a role's checklist, ticked (or unticked) in this incident. */
export interface ChecklistTick {
  readonly done: boolean;
  readonly by: string;
  readonly at: number;
}

export function checklistOf(doc: Y.Doc): Y.Map<ChecklistTick> {
  return doc.getMap<ChecklistTick>('checklist');
}

export function isChecklistTick(value: unknown): value is ChecklistTick {
  if (typeof value !== 'object' || value === null) return false;
  const t = value as Record<string, unknown>;
  return typeof t.done === 'boolean' && isString(t.by) && isTime(t.at);
}

export function timelineOf(doc: Y.Doc): Y.Array<TimelineEvent> {
  return doc.getArray<TimelineEvent>('timeline');
}

const isString = (v: unknown): v is string => typeof v === 'string';

/** A name an incident may go by: one line, not blank, at most MAX_NAME, no control characters (what the commands accept). */
export function isIncidentName(value: unknown): value is string {
  return isString(value) && value.trim().length > 0 && value.length <= MAX_NAME && !/\p{Cc}/u.test(value);
}
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
/** An incident's id as routes and files take it (ui.ts routeFromHash): a link to anything else would open nothing. */
const isLinkId = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(v);

/**
 * A cheap structural check of an event read from a doc. A doc can hold
 * anything a buggy or hostile peer wrote, so the projection drops what does
 * not have the expected shape instead of crashing the renderer. Hand-written
 * rather than zod because it runs on every event of a 20,000-event incident
 * at load.
 */
export function isTimelineEvent(value: unknown): value is TimelineEvent {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  if (!isString(e.id) || !isTime(e.at) || !isTime(e.loggedAt) || !isString(e.author) || !isString(e.text)) return false;
  // A person's name is at most 80 characters where it is typed (MAX_PERSON in commands.ts).
  if (e.for !== undefined && !isCredit(e.for, 80)) return false;
  switch (e.kind) {
    case 'declared':
      return isString(e.name) && isSeverity(e.severity) && isString(e.synopsis) && typeof e.drill === 'boolean';
    case 'severity':
      return isSeverity(e.from) && isSeverity(e.to);
    case 'renamed':
      // A hostile peer's name must not take over the header: the same bounds as a name typed here.
      return isString(e.from) && e.from.length <= MAX_NAME && isIncidentName(e.to);
    case 'link':
      return (
        (e.side === 'umbrella' || e.side === 'child') &&
        typeof e.linked === 'boolean' &&
        typeof e.other === 'object' &&
        e.other !== null &&
        isLinkId((e.other as Record<string, unknown>).id) &&
        isString((e.other as Record<string, unknown>).name) &&
        ((e.other as Record<string, unknown>).name as string).length <= MAX_NAME
      );
    case 'ended':
      return true;
    case 'org':
      return isOrgChange(e.org);
    case 'plan':
      return isPlanChange(e.plan);
    case 'update':
      return isUpdateFields(e);
    case 'phase':
      // Command Post never logs a change to the phase it already is.
      return isStatusPhase(e.from) && isStatusPhase(e.to) && e.from !== e.to;
    case 'inject':
      return (
        isString(e.injectId) &&
        e.injectId.length <= 40 &&
        (INJECT_TYPES as readonly unknown[]).includes(e.inject) &&
        isString(e.from) &&
        e.from.length <= 80 &&
        e.text.length <= 2_000
      );
    case 'amend':
      return isString(e.target) && e.target.length > 0 && e.target.length <= 64 && isAmendment(e.amend);
    default:
      return (LOGGABLE_KINDS as readonly unknown[]).includes(e.kind);
  }
}

/** Whether an event is an entry logged by hand (a note, a decision, …), not a change of state. */
export function isLoggedEvent(event: TimelineEvent): event is LoggedEvent {
  return (LOGGABLE_KINDS as readonly string[]).includes(event.kind);
}

/** The order the timeline is shown in: when it happened, then when logged, then id. */
export function compareEvents(a: TimelineEvent, b: TimelineEvent): number {
  return a.at - b.at || a.loggedAt - b.loggedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
