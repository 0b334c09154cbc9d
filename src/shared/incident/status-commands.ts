/**
 * Commands on the status document and on stakeholder updates.
 *
 * The narrative fields are edited one change at a time, as a text editor
 * sees it (at this index, remove so many characters, insert this), so two
 * people typing in the same field at once both keep every keystroke: Yjs
 * merges the changes character by character. Every edit also says who
 * changed the document last, and when.
 *
 * A sent update is a timeline event of kind 'update' holding the whole
 * message, so the history of what was said, to whom and when is kept, and
 * the timers board starts the next update's countdown from it.
 *
 * A change of phase is logged too, as Command Post's own entry of kind
 * 'phase' (from, to), in the same transaction as the document's change: the
 * review reads when the cause was identified and when the fix went in from
 * it. It is not a status update given, so it leaves the update timer alone.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { actorOf, activeHeader, declareEnd, DeclareEndInput, LOCAL_ORIGIN, parse, stampOf, type CommandContext } from './commands';
import { appendChange } from './append';
import { CommandError } from './errors';
import { projectionOf } from './projection';
import { CREDIT_SCHEMA_VERSION, metaOf, timelineOf, type EndedEvent, type PhaseEvent, type UpdateEvent } from './schema';
import {
  MAX_UPDATE_BODY,
  PHASE_SCHEMA_VERSION,
  SINGLE_LINE_FIELDS,
  STATUS_FIELD_LABELS,
  STATUS_PHASE_LABELS,
  STATUS_PHASES,
  STATUS_SCHEMA_VERSION,
  STATUS_TEXT_FIELDS,
  STATUS_TEXT_MAX,
  UPDATE_AUDIENCE_LABELS,
  UPDATE_AUDIENCES,
  UPDATE_TEMPLATE_LABELS,
  UPDATE_TEMPLATES,
  statusMapOf,
  statusTextOf,
  type StatusPhase,
  type StatusTextField,
} from './status-schema';

/** The longest wait for the next update an update may promise. */
export const MAX_NEXT_UPDATE_MINUTES = 24 * 60;

/** The document and its fields are written in one transaction with who and when. */
function writeStatus(doc: Y.Doc, ctx: CommandContext, write: (map: Y.Map<unknown>) => void, schemaVersion = STATUS_SCHEMA_VERSION): void {
  const author = actorOf(ctx);
  activeHeader(doc);
  const now = ctx.now();
  doc.transact(() => {
    const meta = metaOf(doc);
    // An older version would not show the document; it must show the incident read-only instead.
    const version = meta.get('schemaVersion');
    if (typeof version !== 'number' || version < schemaVersion) meta.set('schemaVersion', schemaVersion);
    const map = statusMapOf(doc);
    write(map);
    map.set('editedBy', author);
    map.set('editedAt', now);
  }, LOCAL_ORIGIN);
}

const Field = z.enum(STATUS_TEXT_FIELDS, { error: 'That is not a field of the status document.' });
const Count = z.number().int().min(0);

export const StatusTextEditInput = z.object({
  field: Field,
  /** Where the change starts, in the text as this editor saw it. */
  index: Count,
  /** How many characters it removes from there. */
  remove: Count,
  /** What it inserts there. */
  insert: z.string(),
});
export type StatusTextEditInput = z.input<typeof StatusTextEditInput>;

/**
 * One change to a narrative field, as an editor reports it. Refused when it
 * does not fit the text as it is here (the editor is out of step: it
 * should read the field again), or would make the field longer than allowed.
 */
export function editStatusText(doc: Y.Doc, input: StatusTextEditInput, ctx: CommandContext): void {
  const data = parse(StatusTextEditInput, input);
  const field = data.field as StatusTextField;
  const label = STATUS_FIELD_LABELS[field];
  const current = projectionOf(doc).snapshot.status[field];
  if (current.damaged) throw new CommandError(`The ${label.toLowerCase()} holds something Command Post did not write; start it over to edit it.`, field);
  const text = statusTextOf(doc, field);
  if (data.index + data.remove > text.length) throw new CommandError(`The ${label.toLowerCase()} changed meanwhile; the edit was not applied.`, field);
  if (SINGLE_LINE_FIELDS.has(field) && /[\r\n]/.test(data.insert)) throw new CommandError(`The ${label.toLowerCase()} fits on one line.`, field);
  const max = STATUS_TEXT_MAX[field];
  if (text.length - data.remove + data.insert.length > max) {
    throw new CommandError(`The ${label.toLowerCase()} is at most ${max.toLocaleString('en-US')} characters: say the gist, keep the detail in the timeline.`, field);
  }
  if (data.remove === 0 && data.insert === '') return;
  writeStatus(doc, ctx, () => {
    if (data.remove) text.delete(data.index, data.remove);
    if (data.insert) text.insert(data.index, data.insert);
  });
}

/**
 * Replaces a field that holds what Command Post never writes (see
 * StatusText.damaged) with its plain text, so it can be edited again.
 */
export function startStatusTextOver(doc: Y.Doc, field: StatusTextField, ctx: CommandContext): void {
  const which = parse(Field, field) as StatusTextField;
  const plain = projectionOf(doc).snapshot.status[which].text;
  const text = statusTextOf(doc, which);
  writeStatus(doc, ctx, () => {
    text.delete(0, text.length);
    text.insert(0, plain);
  });
}

/**
 * When a phase change happened: now, but after the declaration and every
 * phase change this replica has seen. The phase shown is the last change's
 * in timeline order, so on a computer whose clock is behind the one that
 * made the previous change, a change stamped with the local clock would
 * sort before the very change it followed and be overridden by it.
 */
function phaseTime(doc: Y.Doc, now: number): number {
  const timeline = projectionOf(doc).snapshot.timeline;
  for (const event of timeline.backwards()) {
    // The timeline is sorted by time, so the first one found is the latest.
    if (event.kind === 'declared' || event.kind === 'phase') return Math.max(now, event.at + 1);
  }
  return now;
}

/**
 * Moves the response to another phase, and logs it ("Investigating →
 * Identified") in the same transaction; the log entry is what the review
 * reads, the document what everyone reads now.
 */
export function setStatusPhase(doc: Y.Doc, phase: StatusPhase, ctx: CommandContext): PhaseEvent {
  const value = parse(z.enum(STATUS_PHASES, { error: `The phase is one of ${STATUS_PHASES.map((p) => STATUS_PHASE_LABELS[p].toLowerCase()).join(', ')}.` }), phase);
  const stamp = stampOf(doc, ctx);
  activeHeader(doc);
  const from = projectionOf(doc).snapshot.status.phase;
  if (from === value) throw new CommandError(`The response is already at ${STATUS_PHASE_LABELS[value].toLowerCase()}.`, 'phase');
  const now = ctx.now();
  const event: PhaseEvent = {
    id: ctx.newId(),
    kind: 'phase',
    at: phaseTime(doc, now),
    loggedAt: now,
    ...stamp,
    text: `${STATUS_PHASE_LABELS[from]} → ${STATUS_PHASE_LABELS[value]}`,
    from,
    to: value,
  };
  writeStatus(
    doc,
    ctx,
    (map) => {
      // The log first: its observer then publishes the new phase before the map's does.
      timelineOf(doc).push([event]);
      map.set('phase', value);
    },
    stamp.for ? Math.max(PHASE_SCHEMA_VERSION, CREDIT_SCHEMA_VERSION) : PHASE_SCHEMA_VERSION,
  );
  return event;
}

/**
 * Declares the end with the status document moved to Resolved first (when
 * it is not already), so that the document, the observer's view and the
 * closing notice all say that service is back. Everything the end checks is
 * checked before the phase moves, so the phase does not move for an end
 * that would be refused; the end is stamped after the phase change (see
 * systemEventTime), where the review's phases stop.
 */
export function resolveAndEnd(doc: Y.Doc, input: DeclareEndInput, ctx: CommandContext): EndedEvent {
  parse(DeclareEndInput, input);
  // Whom it is for is checked before the phase moves, like the rest of the end.
  stampOf(doc, ctx);
  activeHeader(doc);
  if (projectionOf(doc).snapshot.status.phase !== 'resolved') setStatusPhase(doc, 'resolved', ctx);
  return declareEnd(doc, input, ctx);
}

/** Since when the impact has been felt (null: not known). Not in the future, not before the day before the declaration. */
export function setImpactSince(doc: Y.Doc, at: number | null, ctx: CommandContext): void {
  const header = activeHeader(doc);
  if (at !== null) {
    if (!Number.isFinite(at)) throw new CommandError('Give the time the impact started.', 'impactSince');
    if (at > ctx.now() + 5 * 60_000) throw new CommandError('The impact cannot start in the future.', 'impactSince');
    if (at < header.declaredAt - 7 * 24 * 3_600_000) throw new CommandError('The impact can have started at most a week before the declaration.', 'impactSince');
  }
  writeStatus(doc, ctx, (map) => map.set('impactSince', at));
}

export const SendUpdateInput = z.object({
  audience: z.enum(UPDATE_AUDIENCES, { error: 'Say whom the update is for: internal or external.' }),
  template: z.enum(UPDATE_TEMPLATES, { error: 'That is not a kind of update.' }),
  body: z
    .string({ error: 'Write the update.' })
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(1, 'Write the update.')
        .max(MAX_UPDATE_BODY, `An update is at most ${MAX_UPDATE_BODY.toLocaleString('en-US')} characters: keep it short enough to read on a phone.`),
    ),
  /** When the next update comes, in minutes from now; null only when no further update is planned. */
  nextUpdateMinutes: z
    .number({ error: 'Say when the next update comes, in minutes.' })
    .int('Give the next update in whole minutes.')
    .min(1, 'The next update is at least a minute away.')
    .max(MAX_NEXT_UPDATE_MINUTES, 'The next update is at most 24 hours away.')
    .nullable(),
});
export type SendUpdateInput = z.input<typeof SendUpdateInput>;

/**
 * Records an update as sent. Allowed after the end too: the end is
 * announced to the same people as the start, after it is declared.
 */
export function sendUpdate(doc: Y.Doc, input: SendUpdateInput, ctx: CommandContext): UpdateEvent {
  const data = parse(SendUpdateInput, input);
  const stamp = stampOf(doc, ctx);
  const snapshot = projectionOf(doc).snapshot;
  if (snapshot.compatibility === 'newer') throw new CommandError('This incident was saved by a newer version of Command Post; it is read-only here.');
  if (!snapshot.header) throw new CommandError('No incident has been declared in this document.');
  if (data.nextUpdateMinutes === null && data.template !== 'resolution' && snapshot.header.state !== 'ended') {
    throw new CommandError('Say when the next update comes: people stop asking when they know. Only the resolution may promise none.', 'nextUpdateMinutes');
  }
  const now = ctx.now();
  const nextAt = data.nextUpdateMinutes === null ? null : now + data.nextUpdateMinutes * 60_000;
  const what = data.template === 'can' ? 'CAN report' : `${UPDATE_AUDIENCE_LABELS[data.audience]} update (${UPDATE_TEMPLATE_LABELS[data.template].toLowerCase()})`;
  const next = data.nextUpdateMinutes === null ? 'no further update planned' : `next in ${data.nextUpdateMinutes} min`;
  const event: UpdateEvent = {
    id: ctx.newId(),
    kind: 'update',
    at: now,
    loggedAt: now,
    ...stamp,
    text: `${what} sent; ${next}.`,
    audience: data.audience,
    template: data.template,
    body: data.body,
    nextAt,
  };
  return appendChange(doc, event, STATUS_SCHEMA_VERSION);
}
