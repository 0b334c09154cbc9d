/**
 * Commands that amend timeline entries: edit a hand-logged entry's text,
 * strike one through with a reason, mark any entry as a key event (or not).
 * Nothing is changed in place: each writes an 'amend' event that the
 * projection folds (amendments.ts), so the original text is always kept and
 * a struck entry never disappears. Writing one raises the doc to schema
 * version 4.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { appendChange } from './append';
import { AMEND_SCHEMA_VERSION, MAX_STRIKE_REASON, type Amendment } from './amend-schema';
import { isAmendable, type EntryAmendments } from './amendments';
import { actorOf, activeHeader, declaredHeader, LogEventInput, MAX_FUTURE_MS, parse, type CommandContext } from './commands';
import { CommandError } from './errors';
import { projectionOf } from './projection';
import { EVENT_KIND_LABELS, type AmendEvent, type TimelineEvent } from './schema';

const EntryId = z
  .string({ error: 'Choose an entry of the timeline first.' })
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'That entry is not in this timeline.');

export const EditEntryInput = z.object({ eventId: EntryId, text: LogEventInput.shape.text });
export type EditEntryInput = z.input<typeof EditEntryInput>;

const NO_REASON = 'Say why it is struck through: the reason stays beside the entry.';
export const StrikeEntryInput = z.object({
  eventId: EntryId,
  reason: z
    .string({ error: NO_REASON })
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(1, NO_REASON)
        .max(MAX_STRIKE_REASON, `The reason is at most ${MAX_STRIKE_REASON} characters.`)
        .refine((s) => !/[\r\n]/.test(s), 'The reason must fit on one line.'),
    ),
});
export type StrikeEntryInput = z.input<typeof StrikeEntryInput>;

export const KeyEntryInput = z.object({ eventId: EntryId, key: z.boolean({ error: 'Say whether it is a key event.' }) });
export type KeyEntryInput = z.input<typeof KeyEntryInput>;

/** The entry and what it shows now; refuses ids that name nothing shown. */
function entryOf(doc: Y.Doc, eventId: string): { entry: TimelineEvent; state: EntryAmendments | null } {
  const projection = projectionOf(doc);
  const entry = projection.event(eventId);
  if (!entry || entry.kind === 'amend') throw new CommandError('That entry is not in this timeline.');
  return { entry, state: projection.snapshot.amendments.get(eventId) ?? null };
}

function assertAmendable(entry: TimelineEvent, what: string): void {
  if (isAmendable(entry)) return;
  throw new CommandError(
    `That entry (${EVENT_KIND_LABELS[entry.kind]}) is Command Post's own record of a change, so it cannot be ${what}. Log a note to correct it.`,
  );
}

/**
 * When an amendment takes effect: now, but after everything this replica
 * has seen (within the clock drift allowed for events), and always after
 * every earlier amendment of the same entry, so an edit made after seeing
 * another sorts after it whatever the two computers' clocks say.
 */
function amendTime(doc: Y.Doc, entryId: string, now: number): number {
  const projection = projectionOf(doc);
  const timeline = projection.snapshot.timeline;
  const tail = timeline.at(-1);
  let at = Math.max(now, Math.min((tail?.at ?? now) + 1, now + MAX_FUTURE_MS));
  for (const earlier of projection.amendmentsOf(entryId)) at = Math.max(at, earlier.at + 1);
  return at;
}

function write(doc: Y.Doc, ctx: CommandContext, entryId: string, amend: Amendment, text: string): AmendEvent {
  const author = actorOf(ctx);
  const now = ctx.now();
  const event: AmendEvent = { id: ctx.newId(), kind: 'amend', at: amendTime(doc, entryId, now), loggedAt: now, author, text, target: entryId, amend };
  return appendChange(doc, event, AMEND_SCHEMA_VERSION);
}

/** A new text for an entry logged by hand; the earlier ones stay in its history. */
export function editEntry(doc: Y.Doc, input: EditEntryInput, ctx: CommandContext): AmendEvent {
  const data = parse(EditEntryInput, input);
  actorOf(ctx);
  activeHeader(doc);
  const { entry, state } = entryOf(doc, data.eventId);
  assertAmendable(entry, 'edited');
  if (state?.struck) throw new CommandError(`That entry is struck through (${state.struck.reason}); it can no longer be edited. Log a new one instead.`);
  if ((state?.text ?? entry.text) === data.text) throw new CommandError('That is already what the entry says.', 'text');
  const replaces = state ? state.versions[state.versions.length - 1]!.id : entry.id;
  return write(doc, ctx, entry.id, { change: 'edit', replaces }, data.text);
}

/** Strikes an entry through: it stays in the timeline, crossed out, with the reason beside it. */
export function strikeEntry(doc: Y.Doc, input: StrikeEntryInput, ctx: CommandContext): AmendEvent {
  const data = parse(StrikeEntryInput, input);
  actorOf(ctx);
  activeHeader(doc);
  const { entry, state } = entryOf(doc, data.eventId);
  assertAmendable(entry, 'struck through');
  if (state?.struck) throw new CommandError(`That entry is already struck through by ${state.struck.by}: ${state.struck.reason}`);
  return write(doc, ctx, entry.id, { change: 'strike', reason: data.reason }, `Struck through: ${data.reason}`);
}

/**
 * Marks any entry as a key event for the postmortem, or clears the mark.
 * Unlike edits and strikes, this stays open after the end: a mark changes
 * no entry, and the review meeting is where the team agrees which ones
 * mattered (the replay's [ and ] and the draft's timeline read the marks).
 */
export function setKeyEntry(doc: Y.Doc, input: KeyEntryInput, ctx: CommandContext): AmendEvent {
  const data = parse(KeyEntryInput, input);
  actorOf(ctx);
  declaredHeader(doc);
  const { entry, state } = entryOf(doc, data.eventId);
  const key = state?.key ?? false;
  if (key === data.key) throw new CommandError(key ? 'That entry is already a key event.' : 'That entry is not marked as a key event.');
  return write(doc, ctx, entry.id, data.key ? { change: 'key' } : { change: 'unkey' }, data.key ? 'Marked as a key event.' : 'No longer a key event.');
}

/**
 * Marks the acting person's newest hand-logged entry (the one they wrote
 * down last) as a key event: what a Scribe means by "that one matters",
 * right after logging it, even while someone else is logging too.
 */
export function markLastKey(doc: Y.Doc, ctx: CommandContext): AmendEvent {
  const actor = actorOf(ctx);
  activeHeader(doc);
  const { timeline, amendments } = projectionOf(doc).snapshot;
  let latest: TimelineEvent | null = null;
  for (const event of timeline.backwards()) {
    if (event.author !== actor || !isAmendable(event) || amendments.get(event.id)?.struck) continue;
    // Backdated entries sort earlier than they were written: compare when each was written down.
    if (!latest || event.loggedAt > latest.loggedAt) latest = event;
  }
  if (!latest) throw new CommandError('You have not logged anything yet to mark as a key event.');
  if (amendments.get(latest.id)?.key) throw new CommandError(`Your latest entry is already a key event: "${short(amendments.get(latest.id)!.text)}"`);
  return setKeyEntry(doc, { eventId: latest.id, key: true }, ctx);
}

function short(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
