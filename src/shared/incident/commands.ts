/**
 * Commands: the only way anything writes to an incident's doc. Each one
 * validates its input, checks the incident's current state through the
 * projection, then writes inside one `doc.transact` with an origin so that
 * providers can tell local writes from remote ones.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { SEVERITIES, type Severity } from '../ics/severity';
import { CommandError } from './errors';
import { MAX_EVENT_TEXT, MAX_NAME, MAX_PERSON, MAX_SYNOPSIS } from './limits';
import { projectionOf, type IncidentHeader } from './projection';
import { eventTimeProblem } from './stated-time';
import { abbreviationOf, titleOf, type OrgFold } from './org-fold';
import { IC_ROLE_ID } from './org-schema';
import { appendChange, LOCAL_ORIGIN } from './append';
import {
  LOGGABLE_KINDS,
  CORE_SCHEMA_VERSION,
  CREDIT_SCHEMA_VERSION,
  metaOf,
  timelineOf,
  type DeclaredEvent,
  type EndedEvent,
  type LoggableKind,
  type LoggedEvent,
  type SeverityEvent,
  type Credit,
} from './schema';

/**
 * Whom the person typing acts for: a person by name, or a role by id (then
 * whoever holds it at that moment). The Scribe logs the IC's decisions for
 * the IC; the record keeps both.
 */
export type Attribution = { readonly person: string } | { readonly role: string };

/** Who is acting (and for whom), and the clock and id source (injected so tests are deterministic). */
export interface CommandContext {
  readonly actor: string;
  readonly onBehalfOf?: Attribution | null;
  now(): number;
  newId(): string;
}

export { LOCAL_ORIGIN } from './append';

export { MAX_EVENT_TEXT, MAX_NAME, MAX_PERSON, MAX_SYNOPSIS } from './limits';
// The bounds of an event's time are the stated times' too: declared once, beside their parser.
export { MAX_FUTURE_MS } from './stated-time';

export const oneLine = (label: string, max: number) =>
  z
    .string({ error: `${label} is required.` })
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(1, `${label} is required.`)
        .max(max, `${label} is at most ${max} characters.`)
        .refine((s) => !/[\r\n]/.test(s), `${label} must fit on one line.`),
    );

const Person = oneLine('Your name', MAX_PERSON);

/** A name an incident may go by, declared or renamed (the same bounds a peer's rename is read with: isIncidentName). */
export const IncidentName = oneLine('The incident name', MAX_NAME).refine(
  (s) => !/\p{Cc}/u.test(s),
  'The incident name must not hold control characters (a tab, or something pasted from a terminal).',
);

export const DeclareInput = z.object({
  name: IncidentName,
  severity: z.enum(SEVERITIES, { error: `Severity must be one of ${SEVERITIES.join(', ')}.` }),
  synopsis: oneLine('The synopsis', MAX_SYNOPSIS),
  drill: z.boolean().default(false),
});
export type DeclareInput = z.input<typeof DeclareInput>;

export const LogEventInput = z.object({
  kind: z.enum(LOGGABLE_KINDS, { error: `The event type must be one of ${LOGGABLE_KINDS.join(', ')}.` }),
  text: z
    .string({ error: 'Write what happened.' })
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(1, 'Write what happened.')
        .superRefine((s, check) => {
          if (s.length > MAX_EVENT_TEXT) {
            check.addIssue({
              code: 'custom',
              message: `An event is at most ${MAX_EVENT_TEXT.toLocaleString('en-US')} characters; this one has ${s.length.toLocaleString('en-US')}. Log the gist and keep the rest elsewhere.`,
            });
          }
        }),
    ),
  /** When it happened; defaults to now. */
  at: z.number().finite().optional(),
});
export type LogEventInput = z.input<typeof LogEventInput>;

export const ChangeSeverityInput = z.object({
  to: z.enum(SEVERITIES, { error: `Severity must be one of ${SEVERITIES.join(', ')}.` }),
  reason: z.string().trim().max(MAX_SYNOPSIS, `The reason is at most ${MAX_SYNOPSIS} characters.`).optional(),
});
export type ChangeSeverityInput = z.input<typeof ChangeSeverityInput>;

export const DeclareEndInput = z.object({
  summary: z.string().trim().max(MAX_EVENT_TEXT, `The closing summary is at most ${MAX_EVENT_TEXT} characters.`).optional(),
});
export type DeclareEndInput = z.input<typeof DeclareEndInput>;

export function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new CommandError(issue?.message ?? 'Invalid input.', issue?.path.join('.') || undefined);
  }
  return result.data;
}

/** Every change records who made it: with no name yet, say so rather than only that one is missing. */
export function actorOf(ctx: CommandContext): string {
  if (typeof ctx.actor === 'string' && !ctx.actor.trim()) throw new CommandError('Your name is required: every change records who made it.');
  return parse(Person, ctx.actor);
}

/** Who typed a change and, when it is for someone else, whom it is for: every event's stamp. */
export interface Stamp {
  readonly author: string;
  readonly for?: Credit;
}

/**
 * The stamp of a change written now: the person at the keyboard, and the
 * person it is logged for as the chart stands (a role's holder now). No
 * `for` when that is the person typing.
 */
export function stampOf(doc: Y.Doc, ctx: CommandContext): Stamp {
  const author = actorOf(ctx);
  if (!ctx.onBehalfOf) return { author };
  const credit = creditFor(projectionOf(doc).orgFold, ctx.onBehalfOf);
  return credit.name.trim().toLowerCase() === author.trim().toLowerCase() ? { author } : { author, for: credit };
}

function creditFor(org: OrgFold, attribution: Attribution): Credit {
  if ('role' in attribution) {
    const role = org.roles.get(attribution.role);
    if (!role) throw new CommandError('That role is not part of this incident; log it for a person or for yourself (Alt+A).');
    if (role.holderId === null) throw new CommandError(`Nobody holds ${titleOf(role.role)} now; log it for a person or for yourself (Alt+A).`);
    return { name: org.nameOf(role.holderId), role: abbreviationOf(role.role) };
  }
  const name = parse(oneLine('The name of whom it is for', MAX_PERSON), attribution.person);
  const onDuty = [...org.responders.values()].find((r) => r.releasedAt === null && r.name.toLowerCase() === name.toLowerCase());
  if (!onDuty) return { name };
  // Their role as the record shows it: the IC's first, else the first they hold.
  const held = [...org.roles.values()].filter((r) => r.holderId === onDuty.id).sort((a, b) => Number(b.id === IC_ROLE_ID) - Number(a.id === IC_ROLE_ID));
  return held[0] ? { name: onDuty.name, role: abbreviationOf(held[0].role) } : { name: onDuty.name };
}

/** Refuses every write to a doc that a newer version of Command Post wrote. */
function assertWritable(doc: Y.Doc): void {
  if (projectionOf(doc).snapshot.compatibility === 'newer') {
    throw new CommandError('This incident was saved by a newer version of Command Post; it is read-only here.');
  }
}

/** The header of a declared incident that still accepts changes. */
/** The declared incident, running or ended, that this version may write to. */
export function declaredHeader(doc: Y.Doc): IncidentHeader {
  assertWritable(doc);
  const header = projectionOf(doc).snapshot.header;
  if (!header) throw new CommandError('No incident has been declared in this document.');
  return header;
}

export function activeHeader(doc: Y.Doc): IncidentHeader {
  const header = declaredHeader(doc);
  if (header.state === 'ended') {
    throw new CommandError(`${header.name} has ended; its timeline is closed.`);
  }
  return header;
}

/**
 * The time of a severity change or an end: now, but always after the
 * declaration and every severity or phase change this replica has seen. The projection
 * ignores a severity change or end that sorts before the declaration and folds
 * severity changes in timeline order, so on a computer whose clock is behind
 * the declarer's (laptops on an offline LAN drift) an end stamped with the
 * local clock ended nothing, and an escalation could be overridden by the very
 * change it followed. A phase change made just before the end (to resolved)
 * must not sort after it, where the review's phases stop.
 */
function systemEventTime(doc: Y.Doc, now: number): number {
  const timeline = projectionOf(doc).snapshot.timeline;
  for (const event of timeline.backwards()) {
    // The timeline is sorted by time, so the first one found is the latest.
    if (event.kind === 'declared' || event.kind === 'severity' || event.kind === 'phase') return Math.max(now, event.at + 1);
  }
  return now;
}

/** Declares an emergency: the explicit act that starts the incident's wartime. */
export function declareIncident(doc: Y.Doc, input: DeclareInput, ctx: CommandContext): DeclaredEvent {
  const data = parse(DeclareInput, input);
  // Read-only applies to declaring too: declaring would overwrite the newer schemaVersion.
  assertWritable(doc);
  // Declared for someone else, they are the IC; nobody holds a role before the declaration.
  const stamp = stampOf(doc, ctx);
  if (timelineOf(doc).length > 0) throw new CommandError('This incident has already been declared.');
  const at = ctx.now();
  const event: DeclaredEvent = {
    id: ctx.newId(),
    kind: 'declared',
    at,
    loggedAt: at,
    ...stamp,
    text: `${data.name} declared at ${data.severity}${data.drill ? ' (drill)' : ''}: ${data.synopsis}`,
    name: data.name,
    severity: data.severity,
    synopsis: data.synopsis,
    drill: data.drill,
  };
  doc.transact(() => {
    const meta = metaOf(doc);
    // A doc nobody has amended stays readable by the version before amendments.
    meta.set('schemaVersion', stamp.for ? CREDIT_SCHEMA_VERSION : CORE_SCHEMA_VERSION);
    meta.set('incidentId', doc.guid);
    timelineOf(doc).push([event]);
  }, LOCAL_ORIGIN);
  return event;
}

/** Logs a timeline event (a note, decision, action, status change, follow-up or impact note). */
export function logEvent(doc: Y.Doc, input: LogEventInput, ctx: CommandContext): LoggedEvent {
  const data = parse(LogEventInput, input);
  const stamp = stampOf(doc, ctx);
  const header = activeHeader(doc);
  const now = ctx.now();
  const at = data.at ?? now;
  const problem = eventTimeProblem(at, now, header.declaredAt);
  if (problem) throw new CommandError(problem, 'at');
  return appendChange<LoggedEvent>(doc, { id: ctx.newId(), kind: data.kind as LoggableKind, at, loggedAt: now, ...stamp, text: data.text });
}

/** Changes severity. Not argued during the call, but always logged with old and new value. */
export function changeSeverity(doc: Y.Doc, input: ChangeSeverityInput, ctx: CommandContext): SeverityEvent {
  const data = parse(ChangeSeverityInput, input);
  const stamp = stampOf(doc, ctx);
  const header = activeHeader(doc);
  const to: Severity = data.to;
  if (header.severity === to) throw new CommandError(`${header.name} is already ${to}.`, 'to');
  const now = ctx.now();
  const reason = data.reason ? `: ${data.reason}` : '';
  const event: SeverityEvent = {
    id: ctx.newId(),
    kind: 'severity',
    at: systemEventTime(doc, now),
    loggedAt: now,
    ...stamp,
    text: `Severity changed from ${header.severity} to ${to}${reason}`,
    from: header.severity,
    to,
  };
  return appendChange(doc, event);
}

/** Declares the end: explicit, timed and logged; the timeline is closed afterwards. */
export function declareEnd(doc: Y.Doc, input: DeclareEndInput, ctx: CommandContext): EndedEvent {
  const data = parse(DeclareEndInput, input);
  const stamp = stampOf(doc, ctx);
  const header = activeHeader(doc);
  const now = ctx.now();
  const event: EndedEvent = {
    id: ctx.newId(),
    kind: 'ended',
    at: systemEventTime(doc, now),
    loggedAt: now,
    ...stamp,
    text: data.summary ? `End of incident declared: ${data.summary}` : `End of incident ${header.name} declared.`,
  };
  return appendChange(doc, event);
}
