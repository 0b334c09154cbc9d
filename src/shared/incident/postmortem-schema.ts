/**
 * The postmortem, kept in the incident's own doc so it travels, syncs and
 * is exported with it:
 *
 *   postmortem            Y.Map   owner, due date, layout, review status, the
 *                                 meeting, where it will be shared, the due-date
 *                                 policy: plain values, the last write wins
 *   postmortem:items      Y.Map   action item id → the whole item (text, owner,
 *                                 due date, done, the follow-up it came from)
 *   postmortem:<section>  Y.Text  each narrative section of the draft (overview,
 *                                 what happened, contributing factors, …),
 *                                 typed into by several people at once
 *
 * The sections are top-level roots for the reason the status document's are
 * (status-schema.ts): a root exists on every peer from the start, so two
 * people typing into an empty section at once both keep what they typed.
 *
 * The facts of the draft (responders, the timeline, decisions, the updates
 * sent) are not copied here: they are read from the incident when the draft
 * is shown or exported, so the draft cannot contradict the record.
 */
import * as Y from 'yjs';
import { DEFAULT_DUE_BUSINESS_DAYS, isYmd, MAX_DUE_BUSINESS_DAYS } from '../ics/business-days';
import { SEVERITIES, type Severity } from '../ics/severity';
import { readPlainText, type StatusText } from './status-schema';

/** The version that knows the postmortem (see SCHEMA_VERSION). */
export const POSTMORTEM_SCHEMA_VERSION = 6;

export const POSTMORTEM_ROOT = 'postmortem';
export const ACTION_ITEMS_ROOT = 'postmortem:items';

/**
 * The narrative sections, the union of PagerDuty's and Google SRE's
 * templates; each layout shows every one, in its own order and words
 * (postmortem-layouts.ts), so switching layouts loses nothing.
 */
export const POSTMORTEM_SECTIONS = [
  'overview',
  'whatHappened',
  'contributingFactors',
  'detection',
  'resolution',
  'impact',
  'wentWell',
  'wentWrong',
  'gotLucky',
  'responseProcess',
  'internalMessage',
  'externalMessage',
] as const;
export type PostmortemSection = (typeof POSTMORTEM_SECTIONS)[number];

export const POSTMORTEM_TEXT_ROOTS: Readonly<Record<PostmortemSection, string>> = Object.freeze(
  Object.fromEntries(POSTMORTEM_SECTIONS.map((s) => [s, `postmortem:${s}`])) as Record<PostmortemSection, string>,
);

/** The longest a section may grow: a few pages, not a book. */
export const POSTMORTEM_TEXT_MAX = 20_000;

export const POSTMORTEM_LAYOUTS = ['pagerduty', 'google'] as const;
export type PostmortemLayout = (typeof POSTMORTEM_LAYOUTS)[number];
export const POSTMORTEM_LAYOUT_LABELS: Record<PostmortemLayout, string> = { pagerduty: 'PagerDuty', google: 'Google SRE' };

/** Where the postmortem is in its review (PagerDuty's statuses). */
export const POSTMORTEM_STATUSES = ['draft', 'in-review', 'reviewed', 'closed'] as const;
export type PostmortemStatus = (typeof POSTMORTEM_STATUSES)[number];
export const POSTMORTEM_STATUS_LABELS: Record<PostmortemStatus, string> = {
  draft: 'Draft',
  'in-review': 'In review',
  reviewed: 'Reviewed',
  closed: 'Closed',
};

export const MAX_ACTION_ITEM_TEXT = 500;
export const MAX_PLACE = 300;
export const MAX_ACTION_ITEMS = 500;

export interface PostmortemMeeting {
  /** When it starts (ms since epoch). */
  readonly at: number;
  readonly minutes: number;
  /** A room, a call link, or empty. */
  readonly where: string;
  /** Raised with each change, so a calendar that imported it earlier updates its copy (RFC 5545 SEQUENCE). */
  readonly sequence: number;
}

export interface ActionItem {
  readonly id: string;
  readonly text: string;
  /** One person; empty while nobody has been given it (the lint says so). */
  readonly owner: string;
  readonly dueDate: string | null;
  readonly done: boolean;
  /** The follow-up it was gathered from, if any. */
  readonly sourceId: string | null;
  readonly createdAt: number;
  readonly createdBy: string;
  /** Taken off the list: kept so that gathering the follow-ups again does not bring it back. */
  readonly removed: boolean;
}

export interface PostmortemDoc {
  /** Who started the draft, and when; null until someone does. */
  readonly startedAt: number | null;
  readonly startedBy: string | null;
  readonly layout: PostmortemLayout;
  readonly status: PostmortemStatus;
  /** When the status was last changed (null before anyone changed it): a review finished on time or late is told by it. */
  readonly statusAt: number | null;
  /** One person, never a team. */
  readonly owner: string | null;
  readonly ownerAssignedBy: string | null;
  /** A calendar date, YYYY-MM-DD (see business-days.ts). */
  readonly dueDate: string | null;
  /** Where the postmortem will be shared, and where follow-ups are tracked: said in the closing notice. */
  readonly where: string;
  readonly followupsWhere: string;
  /** Business days from the end to the due date, by severity. */
  readonly policy: Readonly<Record<Severity, number>>;
  readonly meeting: PostmortemMeeting | null;
  readonly sections: Readonly<Record<PostmortemSection, StatusText>>;
  /** The items on the list, oldest first. */
  readonly actionItems: readonly ActionItem[];
  /** Follow-up ids already gathered (removed items too). */
  readonly gathered: ReadonlySet<string>;
  readonly editedBy: string | null;
  readonly editedAt: number | null;
}

export function postmortemMapOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(POSTMORTEM_ROOT);
}

export function actionItemsOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ACTION_ITEMS_ROOT);
}

export function postmortemTextOf(doc: Y.Doc, section: PostmortemSection): Y.Text {
  return doc.getText(POSTMORTEM_TEXT_ROOTS[section]);
}

export const isPostmortemSection = (v: unknown): v is PostmortemSection => typeof v === 'string' && (POSTMORTEM_SECTIONS as readonly string[]).includes(v);
export const isPostmortemLayout = (v: unknown): v is PostmortemLayout => typeof v === 'string' && (POSTMORTEM_LAYOUTS as readonly string[]).includes(v);
export const isPostmortemStatus = (v: unknown): v is PostmortemStatus => typeof v === 'string' && (POSTMORTEM_STATUSES as readonly string[]).includes(v);

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 64;
const MAX_PERSON_STORED = 80;

export function isPolicy(v: unknown): v is Record<Severity, number> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const entries = Object.entries(v);
  return (
    entries.length === SEVERITIES.length &&
    entries.every(([k, n]) => (SEVERITIES as readonly string[]).includes(k) && typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= MAX_DUE_BUSINESS_DAYS)
  );
}

export function isMeeting(v: unknown): v is PostmortemMeeting {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Record<string, unknown>;
  return (
    Object.keys(m).length === 4 &&
    isTime(m.at) &&
    typeof m.minutes === 'number' &&
    Number.isInteger(m.minutes) &&
    m.minutes >= 5 &&
    m.minutes <= 8 * 60 &&
    isText(m.where, MAX_PLACE) &&
    typeof m.sequence === 'number' &&
    Number.isInteger(m.sequence) &&
    m.sequence >= 0
  );
}

/** The structural check of a stored action item: what a buggy or hostile peer wrote reads as absent. */
export function isActionItem(v: unknown, key?: string): v is ActionItem {
  if (typeof v !== 'object' || v === null) return false;
  const i = v as Record<string, unknown>;
  return (
    isId(i.id) &&
    (key === undefined || i.id === key) &&
    isText(i.text, MAX_ACTION_ITEM_TEXT) &&
    isText(i.owner, MAX_PERSON_STORED) &&
    (i.dueDate === null || isYmd(i.dueDate)) &&
    typeof i.done === 'boolean' &&
    (i.sourceId === null || isId(i.sourceId)) &&
    isTime(i.createdAt) &&
    isText(i.createdBy, MAX_PERSON_STORED) &&
    typeof i.removed === 'boolean'
  );
}

/** Which map keys hold what: a value of another shape reads as unset. */
export const POSTMORTEM_FIELDS: Readonly<Record<string, (v: unknown) => boolean>> = {
  startedAt: isTime,
  startedBy: (v) => isText(v, MAX_PERSON_STORED),
  layout: isPostmortemLayout,
  status: isPostmortemStatus,
  statusAt: isTime,
  owner: (v) => isText(v, MAX_PERSON_STORED) && v.trim() !== '',
  ownerAssignedBy: (v) => isText(v, MAX_PERSON_STORED),
  dueDate: isYmd,
  where: (v) => isText(v, MAX_PLACE),
  followupsWhere: (v) => isText(v, MAX_PLACE),
  policy: isPolicy,
  meeting: isMeeting,
  editedBy: (v) => isText(v, MAX_PERSON_STORED),
  editedAt: isTime,
};

function field<T>(map: Y.Map<unknown>, key: string): T | null {
  const value = map.get(key);
  return value !== undefined && POSTMORTEM_FIELDS[key]!(value) ? (value as T) : null;
}

const sameItems = (a: readonly ActionItem[], b: readonly ActionItem[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The postmortem as the views read it, reusing the previous reading's
 * objects where nothing changed (a keystroke in one section leaves the
 * others, and the action items, the same objects).
 */
export function readPostmortemDoc(doc: Y.Doc, previous: PostmortemDoc | null = null): PostmortemDoc {
  const map = postmortemMapOf(doc);
  const sections = {} as Record<PostmortemSection, StatusText>;
  let sectionsSame = !!previous;
  for (const s of POSTMORTEM_SECTIONS) {
    const next = readPlainText(postmortemTextOf(doc, s), POSTMORTEM_TEXT_MAX);
    const before = previous?.sections[s];
    sections[s] = before && before.text === next.text && before.damaged === next.damaged ? before : next;
    if (sections[s] !== before) sectionsSame = false;
  }
  const previousById = new Map(previous?.actionItems.map((i) => [i.id, i]));
  const items: ActionItem[] = [];
  const gathered = new Set<string>();
  actionItemsOf(doc).forEach((value, key) => {
    if (!isActionItem(value, key)) return;
    if (value.sourceId) gathered.add(value.sourceId);
    if (value.removed) return;
    const before = previousById.get(key);
    items.push(before && sameItem(before, value) ? before : Object.freeze({ ...value }));
  });
  items.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const policy = field<Record<Severity, number>>(map, 'policy');
  const next: PostmortemDoc = {
    startedAt: field(map, 'startedAt'),
    startedBy: field(map, 'startedBy'),
    layout: field<PostmortemLayout>(map, 'layout') ?? 'pagerduty',
    status: field<PostmortemStatus>(map, 'status') ?? 'draft',
    statusAt: field(map, 'statusAt'),
    owner: field(map, 'owner'),
    ownerAssignedBy: field(map, 'ownerAssignedBy'),
    dueDate: field(map, 'dueDate'),
    where: field(map, 'where') ?? '',
    followupsWhere: field(map, 'followupsWhere') ?? '',
    policy: policy && previous && samePolicy(policy, previous.policy) ? previous.policy : policy ? Object.freeze({ ...policy }) : DEFAULT_DUE_BUSINESS_DAYS,
    meeting: meetingOf(field<PostmortemMeeting>(map, 'meeting'), previous?.meeting ?? null),
    sections: sectionsSame && previous ? previous.sections : Object.freeze(sections),
    actionItems: previous && sameItems(previous.actionItems, items) ? previous.actionItems : Object.freeze(items),
    gathered: previous && sameSet(previous.gathered, gathered) ? previous.gathered : gathered,
    editedBy: field(map, 'editedBy'),
    editedAt: field(map, 'editedAt'),
  };
  if (previous && (Object.keys(next) as (keyof PostmortemDoc)[]).every((k) => next[k] === previous[k])) return previous;
  return Object.freeze(next);
}

function sameItem(a: ActionItem, b: ActionItem): boolean {
  return (
    a.id === b.id &&
    a.text === b.text &&
    a.owner === b.owner &&
    a.dueDate === b.dueDate &&
    a.done === b.done &&
    a.sourceId === b.sourceId &&
    a.createdAt === b.createdAt &&
    a.createdBy === b.createdBy &&
    a.removed === b.removed
  );
}

function samePolicy(a: Readonly<Record<Severity, number>>, b: Readonly<Record<Severity, number>>): boolean {
  return SEVERITIES.every((s) => a[s] === b[s]);
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function meetingOf(next: PostmortemMeeting | null, previous: PostmortemMeeting | null): PostmortemMeeting | null {
  if (!next) return null;
  if (previous && previous.at === next.at && previous.minutes === next.minutes && previous.where === next.where && previous.sequence === next.sequence) return previous;
  return Object.freeze({ at: next.at, minutes: next.minutes, where: next.where, sequence: next.sequence });
}

const EMPTY_TEXT: StatusText = Object.freeze({ text: '', damaged: false });

export const EMPTY_POSTMORTEM_DOC: PostmortemDoc = Object.freeze({
  startedAt: null,
  startedBy: null,
  layout: 'pagerduty',
  status: 'draft',
  statusAt: null,
  owner: null,
  ownerAssignedBy: null,
  dueDate: null,
  where: '',
  followupsWhere: '',
  policy: DEFAULT_DUE_BUSINESS_DAYS,
  meeting: null,
  sections: Object.freeze(Object.fromEntries(POSTMORTEM_SECTIONS.map((s) => [s, EMPTY_TEXT])) as Record<PostmortemSection, StatusText>),
  actionItems: Object.freeze([]),
  gathered: new Set<string>(),
  editedBy: null,
  editedAt: null,
});

/** What in the postmortem Command Post would never have written, if anything (for incident files). */
export function postmortemProblem(doc: Y.Doc, pm: PostmortemDoc): string | null {
  if (POSTMORTEM_SECTIONS.some((s) => pm.sections[s].damaged)) return 'its postmortem holds formatting, objects or more text than Command Post allows';
  for (const [key, value] of postmortemMapOf(doc).entries()) {
    const check = POSTMORTEM_FIELDS[key];
    if (!check || !check(value)) return 'its postmortem holds a value Command Post does not write';
  }
  let count = 0;
  for (const [key, value] of actionItemsOf(doc).entries()) {
    if (!isActionItem(value, key)) return 'its postmortem holds an action item Command Post does not write';
    if (++count > MAX_ACTION_ITEMS) return 'its postmortem holds more action items than Command Post allows';
  }
  return null;
}
