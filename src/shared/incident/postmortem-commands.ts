/**
 * Commands on the postmortem: its owner and due date, the meeting, where
 * it will be shared, the draft's sections and its action items.
 *
 * Unlike every other command these work after the end of the incident:
 * that is when the postmortem is written. They are refused only when no
 * incident is declared or a newer Command Post wrote the doc.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { isYmd, MAX_DUE_BUSINESS_DAYS } from '../ics/business-days';
import { notOnePerson } from '../ics/one-person';
import { SEVERITIES, type Severity } from '../ics/severity';
import { actorOf, declaredHeader, LOCAL_ORIGIN, MAX_PERSON, parse, type CommandContext } from './commands';
import { CommandError } from './errors';
import { projectionOf } from './projection';
import { metaOf } from './schema';
import {
  MAX_ACTION_ITEM_TEXT,
  MAX_ACTION_ITEMS,
  MAX_PLACE,
  POSTMORTEM_LAYOUTS,
  POSTMORTEM_SCHEMA_VERSION,
  POSTMORTEM_SECTIONS,
  POSTMORTEM_STATUSES,
  POSTMORTEM_TEXT_MAX,
  actionItemsOf,
  isActionItem,
  postmortemMapOf,
  postmortemTextOf,
  type ActionItem,
  type PostmortemLayout,
  type PostmortemSection,
  type PostmortemStatus,
} from './postmortem-schema';

const SECTION_NAMES: Record<PostmortemSection, string> = {
  overview: 'overview',
  whatHappened: 'what happened',
  contributingFactors: 'contributing factors',
  detection: 'detection',
  resolution: 'resolution',
  impact: 'impact',
  wentWell: 'what went well',
  wentWrong: 'what went wrong',
  gotLucky: 'where we got lucky',
  responseProcess: 'response process',
  internalMessage: 'internal message',
  externalMessage: 'external message',
};

/** The declared incident whose postmortem may be written (ended or not). */
const postmortemHeader = declaredHeader;

/** Writes in one transaction, raising the doc's version and saying who changed the postmortem last. */
function writePostmortem(doc: Y.Doc, ctx: CommandContext, write: (map: Y.Map<unknown>, author: string, now: number) => void): void {
  const author = actorOf(ctx);
  postmortemHeader(doc);
  const now = ctx.now();
  doc.transact(() => {
    const meta = metaOf(doc);
    const version = meta.get('schemaVersion');
    if (typeof version !== 'number' || version < POSTMORTEM_SCHEMA_VERSION) meta.set('schemaVersion', POSTMORTEM_SCHEMA_VERSION);
    const map = postmortemMapOf(doc);
    write(map, author, now);
    map.set('editedBy', author);
    map.set('editedAt', now);
  }, LOCAL_ORIGIN);
}

const current = (doc: Y.Doc) => projectionOf(doc).snapshot.postmortem;

const Place = (label: string) => z.string({ error: `${label} must be text.` }).transform((s) => s.trim()).pipe(z.string().max(MAX_PLACE, `${label} is at most ${MAX_PLACE} characters.`).refine((s) => !/[\r\n]/.test(s), `${label} must fit on one line.`));
const DueDate = z.string({ error: 'Give the due date as a date.' }).refine(isYmd, 'Give the due date as a date (YYYY-MM-DD).');
const PersonName = z
  .string({ error: 'Give it to one person by name.' })
  .transform((s) => s.trim())
  .pipe(z.string().max(MAX_PERSON, `A name is at most ${MAX_PERSON} characters.`).refine((s) => !/[\r\n]/.test(s), 'A name fits on one line.'));

// ---- starting the draft -------------------------------------------------------

export const StartPostmortemInput = z.object({
  layout: z.enum(POSTMORTEM_LAYOUTS, { error: 'The layout is PagerDuty or Google SRE.' }),
  /** The drafted text of each section (postmortem-draft.ts), written only where a section is empty. */
  drafts: z.partialRecord(z.enum(POSTMORTEM_SECTIONS), z.string().max(POSTMORTEM_TEXT_MAX)),
});
export type StartPostmortemInput = z.input<typeof StartPostmortemInput>;

/**
 * Starts the draft: the layout, and each empty section filled with what the
 * incident already says. A section someone has typed into is left alone,
 * so starting twice (or on two machines at once) never overwrites writing.
 */
export function startPostmortem(doc: Y.Doc, input: StartPostmortemInput, ctx: CommandContext): void {
  const data = parse(StartPostmortemInput, input);
  const pm = current(doc);
  writePostmortem(doc, ctx, (map, author, now) => {
    if (pm.startedAt === null) {
      map.set('startedAt', now);
      map.set('startedBy', author);
    }
    map.set('layout', data.layout);
    for (const section of POSTMORTEM_SECTIONS) {
      const draft = data.drafts[section];
      const text = postmortemTextOf(doc, section);
      if (draft && text.length === 0) text.insert(0, draft);
    }
  });
}

// ---- owner, due date, policy, places, status, layout ----------------------------

export const PostmortemOwnerInput = z.object({
  owner: PersonName,
  dueDate: DueDate,
});
export type PostmortemOwnerInput = z.input<typeof PostmortemOwnerInput>;

/** Gives the postmortem to one person, with a due date. A team, a list of people or nobody is refused, with why. */
export function assignPostmortemOwner(doc: Y.Doc, input: PostmortemOwnerInput, ctx: CommandContext): void {
  const data = parse(PostmortemOwnerInput, input);
  const problem = notOnePerson(data.owner);
  if (problem) throw new CommandError(problem, 'owner');
  const header = postmortemHeader(doc);
  if (data.dueDate < new Date(header.declaredAt - 86_400_000).toISOString().slice(0, 10)) {
    throw new CommandError('The postmortem cannot be due before the incident.', 'dueDate');
  }
  writePostmortem(doc, ctx, (map, author) => {
    map.set('owner', data.owner);
    map.set('ownerAssignedBy', author);
    map.set('dueDate', data.dueDate);
  });
}

export const PostmortemPolicyInput = z.object(
  Object.fromEntries(
    SEVERITIES.map((s) => [
      s,
      z
        .number({ error: `Give ${s}'s days as a number.` })
        .int(`Give ${s}'s days in whole business days.`)
        .min(0, `${s}'s days cannot be negative.`)
        .max(MAX_DUE_BUSINESS_DAYS, `At most ${MAX_DUE_BUSINESS_DAYS} business days: a postmortem left longer is forgotten.`),
    ]),
  ) as Record<Severity, z.ZodNumber>,
);

/** How many business days after the end each severity's postmortem is due (this incident's policy). */
export function setPostmortemPolicy(doc: Y.Doc, policy: Record<Severity, number>, ctx: CommandContext): void {
  const data = parse(PostmortemPolicyInput, policy);
  writePostmortem(doc, ctx, (map) => map.set('policy', { ...data }));
}

export const PostmortemPlacesInput = z.object({
  where: Place('Where the postmortem will be shared'),
  followupsWhere: Place('Where follow-ups are tracked'),
});

/** Where the postmortem will be shared and where follow-ups are tracked: what the closing notice tells people. */
export function setPostmortemPlaces(doc: Y.Doc, input: z.input<typeof PostmortemPlacesInput>, ctx: CommandContext): void {
  const data = parse(PostmortemPlacesInput, input);
  const pm = current(doc);
  if (pm.where === data.where && pm.followupsWhere === data.followupsWhere) return;
  writePostmortem(doc, ctx, (map) => {
    map.set('where', data.where);
    map.set('followupsWhere', data.followupsWhere);
  });
}

export function setPostmortemLayout(doc: Y.Doc, layout: PostmortemLayout, ctx: CommandContext): void {
  const value = parse(z.enum(POSTMORTEM_LAYOUTS, { error: 'The layout is PagerDuty or Google SRE.' }), layout);
  writePostmortem(doc, ctx, (map) => map.set('layout', value));
}

export function setPostmortemStatus(doc: Y.Doc, status: PostmortemStatus, ctx: CommandContext): void {
  const value = parse(z.enum(POSTMORTEM_STATUSES, { error: 'That is not a postmortem status.' }), status);
  writePostmortem(doc, ctx, (map, _author, now) => {
    map.set('status', value);
    map.set('statusAt', now);
  });
}

// ---- the meeting ----------------------------------------------------------------

export const MeetingInput = z.object({
  at: z.number({ error: 'Give the meeting a start time.' }).finite('Give the meeting a start time.'),
  minutes: z
    .number({ error: 'Give the meeting a length in minutes.' })
    .int('Give the length in whole minutes.')
    .min(5, 'A meeting is at least 5 minutes.')
    .max(8 * 60, 'A meeting is at most 8 hours.'),
  where: Place('Where the meeting is'),
});
export type MeetingInput = z.input<typeof MeetingInput>;

/** Schedules (or moves) the postmortem meeting; each change raises its sequence, so calendars update their copy. */
export function schedulePostmortemMeeting(doc: Y.Doc, input: MeetingInput, ctx: CommandContext): void {
  const data = parse(MeetingInput, input);
  const header = postmortemHeader(doc);
  if (data.at < header.declaredAt) throw new CommandError('The postmortem meeting cannot be before the incident began.', 'at');
  const previous = current(doc).meeting;
  writePostmortem(doc, ctx, (map) => map.set('meeting', { at: data.at, minutes: data.minutes, where: data.where, sequence: previous ? previous.sequence + 1 : 0 }));
}

// ---- the draft's text -----------------------------------------------------------

const Section = z.enum(POSTMORTEM_SECTIONS, { error: 'That is not a section of the postmortem.' });
const Count = z.number().int().min(0);

export const PostmortemTextEditInput = z.object({ section: Section, index: Count, remove: Count, insert: z.string() });
export type PostmortemTextEditInput = z.input<typeof PostmortemTextEditInput>;

/** One change to a section, as an editor reports it (see editStatusText, which this mirrors). */
export function editPostmortemText(doc: Y.Doc, input: PostmortemTextEditInput, ctx: CommandContext): void {
  const data = parse(PostmortemTextEditInput, input);
  const section = data.section as PostmortemSection;
  const name = SECTION_NAMES[section];
  if (current(doc).sections[section].damaged) throw new CommandError(`The ${name} holds something Command Post did not write; start it over to edit it.`, section);
  const text = postmortemTextOf(doc, section);
  if (data.index + data.remove > text.length) throw new CommandError(`The ${name} changed meanwhile; the edit was not applied.`, section);
  if (text.length - data.remove + data.insert.length > POSTMORTEM_TEXT_MAX) {
    throw new CommandError(`The ${name} is at most ${POSTMORTEM_TEXT_MAX.toLocaleString('en-US')} characters.`, section);
  }
  if (data.remove === 0 && data.insert === '') return;
  writePostmortem(doc, ctx, () => {
    if (data.remove) text.delete(data.index, data.remove);
    if (data.insert) text.insert(data.index, data.insert);
  });
}

/** Replaces a whole section: drafting it again from the incident, or starting a damaged one over. */
export function replacePostmortemText(doc: Y.Doc, input: { section: PostmortemSection; text: string }, ctx: CommandContext): void {
  const section = parse(Section, input.section) as PostmortemSection;
  const value = parse(z.string().max(POSTMORTEM_TEXT_MAX, `A section is at most ${POSTMORTEM_TEXT_MAX.toLocaleString('en-US')} characters.`), input.text);
  const text = postmortemTextOf(doc, section);
  writePostmortem(doc, ctx, () => {
    text.delete(0, text.length);
    if (value) text.insert(0, value);
  });
}

// ---- action items ---------------------------------------------------------------

const ItemText = z
  .string({ error: 'Write the action item.' })
  .transform((s) => s.trim().replace(/\s+/g, ' '))
  .pipe(z.string().min(1, 'Write the action item.').max(MAX_ACTION_ITEM_TEXT, `An action item is at most ${MAX_ACTION_ITEM_TEXT} characters: one specific, bounded task.`));
const ItemId = z.string().min(1).max(64);

export const ActionItemInput = z.object({
  text: ItemText,
  /** One person; may stay empty while the list is drafted (the lint asks for one). */
  owner: PersonName.default(''),
  dueDate: DueDate.nullable().default(null),
});
export type ActionItemInput = z.input<typeof ActionItemInput>;

function itemOf(doc: Y.Doc, id: string): ActionItem {
  const value = actionItemsOf(doc).get(parse(ItemId, id));
  if (!isActionItem(value, id) || value.removed) throw new CommandError('That action item is no longer on the list.');
  return value;
}

function ownerCheck(owner: string): void {
  const problem = owner ? notOnePerson(owner) : null;
  if (problem) throw new CommandError(problem, 'owner');
}

function roomForItems(doc: Y.Doc, adding: number): void {
  if (actionItemsOf(doc).size + adding > MAX_ACTION_ITEMS) {
    throw new CommandError(`A postmortem keeps at most ${MAX_ACTION_ITEMS} action items: keep the few that matter most.`);
  }
}

export function addActionItem(doc: Y.Doc, input: ActionItemInput, ctx: CommandContext): ActionItem {
  const data = parse(ActionItemInput, input);
  ownerCheck(data.owner);
  roomForItems(doc, 1);
  let item: ActionItem | null = null;
  writePostmortem(doc, ctx, (_map, author, now) => {
    item = { id: ctx.newId(), text: data.text, owner: data.owner, dueDate: data.dueDate, done: false, sourceId: null, createdAt: now, createdBy: author, removed: false };
    actionItemsOf(doc).set(item.id, item);
  });
  return item!;
}

export const UpdateActionItemInput = z.object({
  id: ItemId,
  text: ItemText.optional(),
  owner: PersonName.optional(),
  dueDate: DueDate.nullable().optional(),
  done: z.boolean().optional(),
});
export type UpdateActionItemInput = z.input<typeof UpdateActionItemInput>;

/** Changes an item; the item is one value, so of two concurrent changes to one item the later write wins whole. */
export function updateActionItem(doc: Y.Doc, input: UpdateActionItemInput, ctx: CommandContext): void {
  const data = parse(UpdateActionItemInput, input);
  const item = itemOf(doc, data.id);
  if (data.owner !== undefined) ownerCheck(data.owner);
  const next: ActionItem = {
    id: item.id,
    text: data.text ?? item.text,
    owner: data.owner ?? item.owner,
    dueDate: data.dueDate === undefined ? item.dueDate : data.dueDate,
    done: data.done ?? item.done,
    sourceId: item.sourceId,
    createdAt: item.createdAt,
    createdBy: item.createdBy,
    removed: false,
  };
  if (next.text === item.text && next.owner === item.owner && next.dueDate === item.dueDate && next.done === item.done) return;
  writePostmortem(doc, ctx, () => actionItemsOf(doc).set(item.id, next));
}

/** Takes an item off the list (kept, marked removed, so gathering the follow-ups does not bring it back). */
export function removeActionItem(doc: Y.Doc, id: string, ctx: CommandContext): void {
  const item = itemOf(doc, id);
  writePostmortem(doc, ctx, () => actionItemsOf(doc).set(item.id, { ...item, removed: true }));
}

/**
 * Adds an action item for each follow-up logged in the timeline that is
 * not on the list yet (or taken off it) nor struck through, worded as it
 * reads in the timeline, without an owner: the list is where each gets its
 * verb, its bounds and its person. As many as the list has room for, in
 * the timeline's order; says how many were added and how many did not fit.
 */
export function gatherFollowups(doc: Y.Doc, ctx: CommandContext): { added: number; left: number } {
  const snapshot = projectionOf(doc).snapshot;
  const gathered = snapshot.postmortem.gathered;
  // A follow-up struck through in the timeline is not one; an edited one is gathered as it reads now.
  const all = snapshot.timeline
    .filter((e) => e.kind === 'followup' && !gathered.has(e.id) && !snapshot.amendments.get(e.id)?.struck)
    .map((e) => ({ id: e.id, text: snapshot.amendments.get(e.id)?.text ?? e.text }));
  const room = Math.max(0, MAX_ACTION_ITEMS - actionItemsOf(doc).size);
  const followups = all.slice(0, room);
  if (!followups.length) return { added: 0, left: all.length };
  writePostmortem(doc, ctx, (_map, author, now) => {
    const items = actionItemsOf(doc);
    followups.forEach((event, i) => {
      const bare = event.text.replace(/^\s*(?:follow[- ]?up|todo|to do|action item)\s*[:\-–]\s*/i, '').replace(/\s+/g, ' ').trim() || event.text.replace(/\s+/g, ' ').trim();
      const text = (bare.charAt(0).toUpperCase() + bare.slice(1)).slice(0, MAX_ACTION_ITEM_TEXT);
      // A thousandth of a millisecond apart, and before anything added at this same millisecond: the list keeps the timeline's order.
      const item: ActionItem = { id: ctx.newId(), text, owner: '', dueDate: null, done: false, sourceId: event.id, createdAt: now - (followups.length - i) / 1000, createdBy: author, removed: false };
      items.set(item.id, item);
    });
  });
  return { added: followups.length, left: all.length - followups.length };
}
