/**
 * Commands on the communications plan (comms-schema.ts): add or change a
 * channel, remove one, move it in the fallback order, and fill an empty
 * plan from the organisation's default one at declaration. Only the Comms
 * Lead (the IC while nobody holds it) may (comms-rule.ts). Each write says
 * who changed the plan last, and when; the plan is a snapshot, like the
 * status document, so its changes are not timeline entries.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { activeHeader, LOCAL_ORIGIN, parse, stampOf, type CommandContext } from './commands';
import { CommandError } from './errors';
import { projectionOf } from './projection';
import { byline, creditOf, metaOf } from './schema';
import { commsRefusal } from './comms-rule';
import {
  CHANNEL_KINDS,
  COMMS_LIMITS,
  COMMS_SCHEMA_VERSION,
  MAX_CHANNELS,
  channelKey,
  commsMapOf,
  type ChannelKind,
  type CommsChannel,
} from './comms-schema';

const line = (label: string, max: number, required: boolean) =>
  z
    .string({ error: `${label} must be text.` })
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(required ? 1 : 0, `${label} is required.`)
        .max(max, `${label} is at most ${max} characters.`)
        .refine((s) => !/\p{Cc}/u.test(s), `${label} must fit on one line, without tabs or control characters.`),
    );

/** A channel as a person fills it in (the default plan stored on a machine has the same shape). */
export const ChannelDraft = z.object({
  kind: z.enum(CHANNEL_KINDS, { error: 'Say what kind of channel it is: chat room, phone bridge, radio, …' }),
  name: line('The channel name', COMMS_LIMITS.name, true),
  address: line('Where to find it', COMMS_LIMITS.address, false).default(''),
  reachable: line('Who is reachable there', COMMS_LIMITS.reachable, false).default(''),
  notes: line('The notes', COMMS_LIMITS.notes, false).default(''),
});
export type ChannelDraft = z.input<typeof ChannelDraft>;

export const SaveChannelInput = ChannelDraft.extend({
  /** The channel changed; absent for a new one, which goes last in the fallback order. */
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'That is not a channel of this plan.').optional(),
});
export type SaveChannelInput = z.input<typeof SaveChannelInput>;

const ChannelId = z.object({ id: z.string({ error: 'Say which channel.' }).min(1, 'Say which channel.') });

export const MoveChannelInput = ChannelId.extend({
  direction: z.enum(['earlier', 'later'], { error: 'Move a channel earlier or later in the fallback order.' }),
});
export type MoveChannelInput = z.input<typeof MoveChannelInput>;

export const ApplyCommsPlanInput = z.object({
  channels: z.array(ChannelDraft).min(1, 'The plan has no channels.').max(MAX_CHANNELS, `A plan has at most ${MAX_CHANNELS} channels.`),
});
export type ApplyCommsPlanInput = z.input<typeof ApplyCommsPlanInput>;

/** Who is changing the plan, checked against the rule; their byline is what the plan shows. */
function editor(doc: Y.Doc, ctx: CommandContext): string {
  const stamp = stampOf(doc, ctx);
  activeHeader(doc);
  const refusal = commsRefusal(projectionOf(doc).orgFold, creditOf(stamp));
  if (refusal) throw new CommandError(refusal);
  return byline(stamp);
}

function writeComms(doc: Y.Doc, by: string, now: number, write: (map: Y.Map<unknown>) => void): void {
  doc.transact(() => {
    const meta = metaOf(doc);
    // An older version would not know the plan: it shows the incident read-only instead of dropping it.
    const version = meta.get('schemaVersion');
    if (typeof version !== 'number' || version < COMMS_SCHEMA_VERSION) meta.set('schemaVersion', COMMS_SCHEMA_VERSION);
    const map = commsMapOf(doc);
    write(map);
    map.set('editedBy', by);
    map.set('editedAt', now);
  }, LOCAL_ORIGIN);
}

const channels = (doc: Y.Doc) => projectionOf(doc).snapshot.comms.channels;

function existing(doc: Y.Doc, id: string): CommsChannel {
  const found = channels(doc).find((c) => c.id === id);
  if (!found) throw new CommandError('That channel is no longer in the plan: someone removed it meanwhile.', 'id');
  return found;
}

/** Adds a channel (last in the fallback order) or changes one, keeping its place. */
export function saveCommsChannel(doc: Y.Doc, input: SaveChannelInput, ctx: CommandContext): CommsChannel {
  const data = parse(SaveChannelInput, input);
  const by = editor(doc, ctx);
  const current = channels(doc);
  const before = data.id === undefined ? null : existing(doc, data.id);
  if (!before && current.length >= MAX_CHANNELS) throw new CommandError(`A plan has at most ${MAX_CHANNELS} channels: remove one that nobody uses.`);
  const clash = current.find((c) => c.id !== before?.id && c.name.toLowerCase() === data.name.toLowerCase());
  if (clash) throw new CommandError(`The plan already has a channel called ${clash.name}: give this one another name.`, 'name');
  const now = ctx.now();
  const channel: CommsChannel = {
    id: before?.id ?? ctx.newId(),
    kind: data.kind as ChannelKind,
    name: data.name,
    address: data.address,
    reachable: data.reachable,
    notes: data.notes,
    rank: before?.rank ?? (current.length ? current[current.length - 1]!.rank + 1 : 0),
    editedBy: by,
    editedAt: now,
  };
  writeComms(doc, by, now, (map) => map.set(channelKey(channel.id), channel));
  return channel;
}

export function removeCommsChannel(doc: Y.Doc, input: z.input<typeof ChannelId>, ctx: CommandContext): void {
  const { id } = parse(ChannelId, input);
  const by = editor(doc, ctx);
  existing(doc, id);
  writeComms(doc, by, ctx.now(), (map) => map.delete(channelKey(id)));
}

/**
 * Moves a channel one place earlier or later in the fallback order. Both
 * channels are rewritten with each other's rank, so the order holds on
 * every replica even where two ranks were equal.
 */
export function moveCommsChannel(doc: Y.Doc, input: MoveChannelInput, ctx: CommandContext): void {
  const data = parse(MoveChannelInput, input);
  const by = editor(doc, ctx);
  const list = channels(doc);
  const at = list.findIndex((c) => c.id === existing(doc, data.id).id);
  const other = list[data.direction === 'earlier' ? at - 1 : at + 1];
  if (!other) throw new CommandError(data.direction === 'earlier' ? `${list[at]!.name} is already first.` : `${list[at]!.name} is already last.`, 'direction');
  const now = ctx.now();
  const [first, second] = data.direction === 'earlier' ? [list[at]!, other] : [other, list[at]!];
  const low = Math.min(first.rank, second.rank);
  writeComms(doc, by, now, (map) => {
    map.set(channelKey(first.id), { ...first, rank: low, editedBy: by, editedAt: now });
    map.set(channelKey(second.id), { ...second, rank: low + 1, editedBy: by, editedAt: now });
  });
}

/**
 * Fills an empty plan with these channels, in this order: the
 * organisation's default plan, applied at declaration. A plan that already
 * has channels is left alone, so nothing anyone wrote is replaced.
 */
export function applyCommsPlan(doc: Y.Doc, input: ApplyCommsPlanInput, ctx: CommandContext): readonly CommsChannel[] {
  const data = parse(ApplyCommsPlanInput, input);
  const by = editor(doc, ctx);
  if (channels(doc).length) throw new CommandError('This incident has a communications plan already: change it channel by channel.');
  const names = new Set<string>();
  for (const c of data.channels) {
    if (names.has(c.name.toLowerCase())) throw new CommandError(`The plan names ${c.name} twice: give each channel its own name.`, 'channels');
    names.add(c.name.toLowerCase());
  }
  const now = ctx.now();
  const written: CommsChannel[] = data.channels.map((c, rank) => ({
    id: ctx.newId(),
    kind: c.kind as ChannelKind,
    name: c.name,
    address: c.address,
    reachable: c.reachable,
    notes: c.notes,
    rank,
    editedBy: by,
    editedAt: now,
  }));
  writeComms(doc, by, now, (map) => {
    for (const c of written) map.set(channelKey(c.id), c);
  });
  return written;
}
