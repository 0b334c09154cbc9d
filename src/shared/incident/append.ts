/**
 * Writing org chart and plan changes: both are timeline events whose effect
 * depends on the changes before them (a task's owner must have checked in),
 * and both raise the doc's schema version.
 */
import type * as Y from 'yjs';
import { projectionOf } from './projection';
import { CORE_SCHEMA_VERSION, CREDIT_SCHEMA_VERSION, metaOf, timelineOf, type TimelineEvent } from './schema';

/** The transaction origin of every local command. */
export const LOCAL_ORIGIN = 'command-post:local';

/**
 * The time of an org or plan change: now, but after every such change this
 * replica has seen, so a change always sorts after the ones it was based on
 * even when this computer's clock is behind theirs (the folds apply them in
 * timeline order).
 */
export function causalTime(doc: Y.Doc, now: number): number {
  const projection = projectionOf(doc);
  return Math.max(now, projection.orgFold.lastAt + 1, projection.planFold.lastAt + 1);
}

/** Appends an event and raises the doc to `schemaVersion`, the version that knows its kind (and its credit). */
export function appendChange<E extends TimelineEvent>(doc: Y.Doc, event: E, schemaVersion = CORE_SCHEMA_VERSION): E {
  const needed = event.for ? Math.max(schemaVersion, CREDIT_SCHEMA_VERSION) : schemaVersion;
  doc.transact(() => {
    const meta = metaOf(doc);
    // Older versions must show this doc read-only rather than drop these events as malformed (or credit them wrongly).
    const version = meta.get('schemaVersion');
    if (typeof version !== 'number' || version < needed) meta.set('schemaVersion', needed);
    timelineOf(doc).push([event]);
  }, LOCAL_ORIGIN);
  return event;
}
