/**
 * The communications plan (after the ICS 205): where the response talks and
 * how to reach whom when a channel fails. It is part of the incident, so it
 * syncs, travels in an exported file and prints with the forms.
 *
 *   comms   Y.Map   "channel:<id>" → the whole channel (kind, name, where,
 *                   who is reachable there, its place in the fallback order,
 *                   who wrote it and when); "editedBy", "editedAt"
 *
 * One key per channel rather than one value for the whole plan: two people
 * editing different channels at once both keep their change; on the same
 * channel the last write wins, as with any field.
 *
 * The fallback chain is not stored: it is the channels in their order
 * ("if the chat room is down, use the phone bridge; if that is down, use
 * ..."), so it can never name a channel the plan no longer has.
 *
 * Whatever a peer wrote is checked when read: a value of the wrong shape
 * reads as absent (counted, never shown half), not as a crash.
 */
import * as Y from 'yjs';

/** The version that knows the communications plan (see SCHEMA_VERSION). */
export const COMMS_SCHEMA_VERSION = 11;

export const COMMS_ROOT = 'comms';
const CHANNEL_PREFIX = 'channel:';

export const CHANNEL_KINDS = ['chat', 'bridge', 'phone', 'radio', 'pager', 'email', 'in-person', 'other'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const CHANNEL_KIND_LABELS: Record<ChannelKind, string> = {
  chat: 'Chat room',
  bridge: 'Phone bridge or video call',
  phone: 'Phone numbers',
  radio: 'Radio channel',
  pager: 'Paging or text messages',
  email: 'Email list',
  'in-person': 'In person',
  other: 'Other',
};

/** What each field may hold: one line each, short enough to print in a table row. */
export const COMMS_LIMITS = { name: 80, address: 200, reachable: 300, notes: 300 } as const;
/** A plan is a page, not a directory. */
export const MAX_CHANNELS = 20;

export interface CommsChannel {
  readonly id: string;
  readonly kind: ChannelKind;
  /** What people call it: "Slack #inc-bravo", "Ops bridge". */
  readonly name: string;
  /** Where: a number and PIN, a room, a frequency. */
  readonly address: string;
  /** Who is reachable there: "all responders", "execs and Comms Lead only". */
  readonly reachable: string;
  readonly notes: string;
  /** Its place in the fallback order: lower first. */
  readonly rank: number;
  readonly editedBy: string;
  readonly editedAt: number;
}

export interface CommsPlan {
  /** In fallback order: the first is where the response talks; each next one is used when those before it are down. */
  readonly channels: readonly CommsChannel[];
  readonly editedBy: string | null;
  readonly editedAt: number | null;
  /** Values in the map that are not channels Command Post writes (a buggy or hostile peer's): left out. */
  readonly malformed: number;
}

export const EMPTY_COMMS_PLAN: CommsPlan = Object.freeze({ channels: Object.freeze([]), editedBy: null, editedAt: null, malformed: 0 });

export function commsMapOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(COMMS_ROOT);
}

export const channelKey = (id: string) => `${CHANNEL_PREFIX}${id}`;

const CHANNEL_ID = /^[A-Za-z0-9_-]{1,64}$/;
// "Sue Park (COMMS), logged by Dana Scully": a byline, two names and a role.
const MAX_PERSON_STORED = 300;
const isLine = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max && !/\p{Cc}/u.test(v);
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export const isChannelKind = (v: unknown): v is ChannelKind => typeof v === 'string' && (CHANNEL_KINDS as readonly string[]).includes(v);

/** The structural check of a stored channel under `key`: what the commands write, nothing else. */
export function isCommsChannel(value: unknown, key: string): value is CommsChannel {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const c = value as Record<string, unknown>;
  return (
    typeof c.id === 'string' &&
    CHANNEL_ID.test(c.id) &&
    key === channelKey(c.id) &&
    isChannelKind(c.kind) &&
    isLine(c.name, COMMS_LIMITS.name) &&
    c.name.trim().length > 0 &&
    isLine(c.address, COMMS_LIMITS.address) &&
    isLine(c.reachable, COMMS_LIMITS.reachable) &&
    isLine(c.notes, COMMS_LIMITS.notes) &&
    Number.isInteger(c.rank) &&
    (c.rank as number) >= 0 &&
    (c.rank as number) <= 10_000 &&
    isLine(c.editedBy, MAX_PERSON_STORED) &&
    isTime(c.editedAt)
  );
}

/** Channels in fallback order: by rank, then by id, the same on every replica. */
export function compareChannels(a: CommsChannel, b: CommsChannel): number {
  return a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The plan as the views read it; the previous one when nothing it shows changed. */
export function readCommsPlan(doc: Y.Doc, previous: CommsPlan | null = null): CommsPlan {
  const map = commsMapOf(doc);
  const channels: CommsChannel[] = [];
  let malformed = 0;
  for (const [key, value] of map.entries()) {
    if (!key.startsWith(CHANNEL_PREFIX)) continue;
    if (isCommsChannel(value, key) && channels.length < MAX_CHANNELS) channels.push(Object.freeze({ ...value }));
    else malformed++;
  }
  channels.sort(compareChannels);
  const by = map.get('editedBy');
  const at = map.get('editedAt');
  const next: CommsPlan = {
    channels,
    editedBy: isLine(by, MAX_PERSON_STORED) ? by : null,
    editedAt: isTime(at) ? at : null,
    malformed,
  };
  if (previous && sameChannels(previous.channels, channels) && previous.editedBy === next.editedBy && previous.editedAt === next.editedAt && previous.malformed === malformed) {
    return previous;
  }
  if (!channels.length && next.editedBy === null && next.editedAt === null && malformed === 0) return EMPTY_COMMS_PLAN;
  return Object.freeze({ ...next, channels: Object.freeze(channels) });
}

function sameChannels(a: readonly CommsChannel[], b: readonly CommsChannel[]): boolean {
  return a.length === b.length && a.every((c, i) => JSON.stringify(c) === JSON.stringify(b[i]));
}

/** What in the plan Command Post would never have written, if anything (for imported files). */
export function commsProblem(doc: Y.Doc): string | null {
  let count = 0;
  for (const [key, value] of commsMapOf(doc).entries()) {
    if (key === 'editedBy') {
      if (!isLine(value, MAX_PERSON_STORED)) return 'its communications plan holds a value Command Post does not write';
    } else if (key === 'editedAt') {
      if (!isTime(value)) return 'its communications plan holds a value Command Post does not write';
    } else if (!isCommsChannel(value, key)) return 'its communications plan holds a channel Command Post does not write';
    else if (++count > MAX_CHANNELS) return 'its communications plan holds more channels than Command Post allows';
  }
  return null;
}

/**
 * The fallback chain in words: "If Slack #inc is down, use Ops bridge. If
 * Ops bridge is down, use ...". One line per step, for the status
 * document, the briefing and the printed 205.
 */
export function fallbackChain(plan: CommsPlan): string[] {
  const c = plan.channels;
  return c.slice(0, -1).map((channel, i) => `If ${channel.name} is down, use ${c[i + 1]!.name}${c[i + 1]!.address ? ` (${c[i + 1]!.address})` : ''}.`);
}
