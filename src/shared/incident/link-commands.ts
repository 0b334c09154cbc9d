/**
 * Simultaneous incidents under one response: an incident linked under an
 * umbrella (its own IC, org chart and status document coordinate them),
 * each link logged in both incidents' timelines. This module writes one
 * side in one doc; the renderer writes both (incidents/links.ts), since the
 * two incidents are two documents.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { CommandError } from './errors';
import { MAX_NAME } from './limits';
import { projectionOf } from './projection';
import { appendChange } from './append';
import { declaredHeader, parse, stampOf, type CommandContext } from './commands';
import { linkRefusal } from './link-rule';
import { LINK_SCHEMA_VERSION, creditOf, type LinkEvent } from './schema';

export const LinkInput = z.object({
  side: z.enum(['umbrella', 'child']),
  other: z.object({
    id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'That is not an incident.'),
    name: z.string().trim().min(1, 'Name the other incident.').max(MAX_NAME),
  }),
  linked: z.boolean(),
});
export type LinkInput = z.input<typeof LinkInput>;

/** After every org change this replica has seen, so the link is judged by the IC who made it (as renames are). */
function linkTime(doc: Y.Doc, now: number): number {
  return Math.max(now, projectionOf(doc).orgFold.lastAt + 1);
}

/** Why this link may not be written in this doc now; null when it may (checked in both incidents before either is written). */
export function linkRefusalIn(doc: Y.Doc, input: LinkInput, ctx: CommandContext): string | null {
  const data = parse(LinkInput, input);
  const header = declaredHeader(doc);
  if (data.other.id === header.id) return 'An incident cannot be linked to itself.';
  const refusal = linkRefusal(projectionOf(doc).orgFold, creditOf(stampOf(doc, ctx)));
  if (refusal) return refusal;
  const current = projectionOf(doc).snapshot.header;
  if (data.side === 'umbrella') {
    if (data.linked && current?.umbrella?.id === data.other.id) return `${header.name} is already under ${data.other.name}.`;
    if (data.linked && current?.umbrella) return `${header.name} is under ${current.umbrella.name}: unlink it from there first.`;
    if (data.linked && current?.children?.length) return `${header.name} is an umbrella itself: unlink the incidents under it first.`;
    if (!data.linked && current?.umbrella?.id !== data.other.id) return `${header.name} is not under ${data.other.name}.`;
  } else {
    if (data.linked && current?.children?.some((c) => c.id === data.other.id)) return `${data.other.name} is already under ${header.name}.`;
    if (data.linked && current?.umbrella) return `${header.name} is under ${current.umbrella.name}: an umbrella is not under another.`;
    if (!data.linked && !current?.children?.some((c) => c.id === data.other.id)) return `${data.other.name} is not under ${header.name}.`;
  }
  return null;
}

export function linkIncident(doc: Y.Doc, input: LinkInput, ctx: CommandContext): LinkEvent {
  const refusal = linkRefusalIn(doc, input, ctx);
  if (refusal) throw new CommandError(refusal);
  const data = parse(LinkInput, input);
  const stamp = stampOf(doc, ctx);
  const now = ctx.now();
  const text =
    data.side === 'umbrella'
      ? data.linked
        ? `Linked under the umbrella response ${data.other.name}`
        : `Unlinked from the umbrella response ${data.other.name}`
      : data.linked
        ? `${data.other.name} linked under this response`
        : `${data.other.name} unlinked from this response`;
  const event: LinkEvent = { id: ctx.newId(), kind: 'link', at: linkTime(doc, now), loggedAt: now, ...stamp, text, side: data.side, other: data.other, linked: data.linked };
  return appendChange(doc, event, LINK_SCHEMA_VERSION);
}
