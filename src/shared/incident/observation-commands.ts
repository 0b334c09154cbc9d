/**
 * Observations noted before anyone declared: the first things seen at the
 * data centre come before the incident exists. They wait in a note pad on
 * the machine that noted them, and become the incident's first entries when
 * it is declared from that pad, with the time each happened and the time it
 * was noted, so they sort before the declaration.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { CommandError } from './errors';
import { MAX_OBSERVATIONS } from './limits';
import { LOCAL_ORIGIN, LogEventInput, activeHeader, parse, stampOf, type CommandContext } from './commands';
import { appendChange } from './append';
import { eventTimeProblem } from './stated-time';
import type { LoggableKind, LoggedEvent } from './schema';

export { MAX_OBSERVATIONS } from './limits';

export const Observation = z.object({
  kind: LogEventInput.shape.kind,
  text: LogEventInput.shape.text,
  /** When it happened. */
  at: z.number({ error: 'Give the time it happened.' }).finite('Give the time it happened.'),
  /** When it was noted in the pad. */
  loggedAt: z.number({ error: 'Give the time it was noted.' }).finite('Give the time it was noted.'),
});
export type Observation = z.input<typeof Observation>;

export const ObservationsInput = z.object({
  observations: z
    .array(Observation, { error: 'Give the observations to log.' })
    .max(MAX_OBSERVATIONS, `At most ${MAX_OBSERVATIONS} observations can be logged at once.`),
});
export type ObservationsInput = z.input<typeof ObservationsInput>;

/**
 * The observations, checked as the entries of an incident declared at
 * `declaredAt`: every one or none. Declaring from the pad checks them first,
 * so a note the incident would refuse (noted more than a day before) stops
 * the declaration instead of being lost after it.
 */
export function checkObservations(input: ObservationsInput, declaredAt: number, now: number): z.output<typeof Observation>[] {
  const { observations } = parse(ObservationsInput, input);
  for (const o of observations) {
    const problem = eventTimeProblem(o.at, now, declaredAt) ?? eventTimeProblem(o.loggedAt, now, declaredAt);
    if (problem) {
      const quoted = o.text.length > 60 ? `${o.text.slice(0, 59)}…` : o.text;
      throw new CommandError(`The observation “${quoted}” cannot be logged: ${problem} Remove it from the pad, or copy it into a note.`, 'observations');
    }
  }
  return observations;
}

/** Logs the pad's observations into the declared incident, all in one transaction; its first entries when declared with it. */
export function logObservations(doc: Y.Doc, input: ObservationsInput, ctx: CommandContext): LoggedEvent[] {
  const stamp = stampOf(doc, ctx);
  const header = activeHeader(doc);
  const observations = checkObservations(input, header.declaredAt, ctx.now());
  const events: LoggedEvent[] = observations.map((o) => ({
    id: ctx.newId(),
    kind: o.kind as LoggableKind,
    at: o.at,
    loggedAt: o.loggedAt,
    ...stamp,
    text: o.text,
  }));
  // One transaction: a peer never sees half the pad.
  if (events.length) doc.transact(() => events.forEach((event) => appendChange(doc, event)), LOCAL_ORIGIN);
  return events;
}
