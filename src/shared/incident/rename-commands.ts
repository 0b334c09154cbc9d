/**
 * Renaming an incident: when its codename turns out to be taken by another
 * incident (two laptops that each declared "26-Alfa" offline), or was a
 * cause after all. Logged like every change to the header, with the old
 * name, so the incident stays findable by the name people said on the call.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { CommandError } from './errors';
import { MAX_SYNOPSIS } from './limits';
import { projectionOf } from './projection';
import { appendChange } from './append';
import { IncidentName, declaredHeader, parse, stampOf, type CommandContext } from './commands';
import { renameRefusal } from './rename-rule';
import { RENAME_SCHEMA_VERSION, creditOf, type RenamedEvent } from './schema';

export const RenameInput = z.object({
  to: IncidentName,
  /** Why, in the log: "name taken by another incident on this machine". */
  reason: z
    .string()
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .max(MAX_SYNOPSIS, `The reason is at most ${MAX_SYNOPSIS} characters.`)
        .refine((s) => !/[\r\n]/.test(s), 'The reason must fit on one line.'),
    )
    .optional(),
});
export type RenameInput = z.input<typeof RenameInput>;

/**
 * The time of a rename: now, but after the declaration, every rename and
 * every org change this replica has seen, so on a computer whose clock is
 * behind, the rename still sorts after the names it replaces and after the
 * handover that made its writer the IC (the fold reads them in that order).
 */
function renameTime(doc: Y.Doc, now: number): number {
  const projection = projectionOf(doc);
  let latest = projection.orgFold.lastAt;
  for (const event of projection.snapshot.timeline.backwards()) {
    if (event.kind === 'declared' || event.kind === 'renamed') {
      latest = Math.max(latest, event.at);
      break;
    }
  }
  return Math.max(now, latest + 1);
}

/**
 * Renames the incident. Only its IC may (rename-rule.ts); an ended incident
 * may be renamed too, since a collision can be found long after the end and
 * the postmortem goes by the name.
 */
export function renameIncident(doc: Y.Doc, input: RenameInput, ctx: CommandContext): RenamedEvent {
  const data = parse(RenameInput, input);
  const stamp = stampOf(doc, ctx);
  const header = declaredHeader(doc);
  if (data.to === header.name) throw new CommandError(`The incident is already called ${header.name}.`, 'to');
  const refusal = renameRefusal(projectionOf(doc).orgFold, creditOf(stamp));
  if (refusal) throw new CommandError(refusal);
  const now = ctx.now();
  const event: RenamedEvent = {
    id: ctx.newId(),
    kind: 'renamed',
    at: renameTime(doc, now),
    loggedAt: now,
    ...stamp,
    text: `Renamed ${header.name} to ${data.to}${data.reason ? `: ${data.reason}` : ''}`,
    from: header.name,
    to: data.to,
  };
  return appendChange(doc, event, RENAME_SCHEMA_VERSION);
}
