/**
 * What this machine verified of an incident, kept beside it so that opening
 * it again does not check twenty thousand signatures again.
 *
 * A checkpoint names the doc's state when the check was made (its state
 * vector: every Yjs item has an id that no later change reuses), how many
 * entries and seals it held, the statements it decided members from, the
 * entries that did not stand, and where each key's chain of entries had
 * got to. On opening, every entry the state vector covers stands as it did
 * (see ledger.ts `adopt`); entries held since, and those that did not
 * stand, are checked as usual, continuing the chains from their heads.
 *
 * It is taken on trust only while it plainly describes what is held: the
 * same statements, and none of the entries or seals it counted taken away.
 * Otherwise the record is checked from nothing, as on a machine that never
 * held it. Stored records are guarded against damage by their checksums
 * (renderer/incidents/persistence.ts); a checkpoint that is not in its
 * shape is ignored, never trusted.
 */
import * as Y from 'yjs';
import { timelineOf, type TimelineEvent } from '../incident/schema';
import { valuesSince } from './appended';
import { sealsOf, statementsOf } from './doc';
import type { Presumption, TrustReport } from './ledger';
import { encodeUtf8 } from 'lib0/string';
import { hashOf } from './signatures';

export interface TrustCheckpoint {
  readonly incidentId: string;
  readonly version: 1;
  /** The doc's state vector when the check was made. */
  readonly stateVector: Uint8Array;
  /** Timeline entries and seals held then (malformed ones included). */
  readonly entries: number;
  readonly seals: number;
  /** A hash over the statements' signatures: the members were decided from exactly these. */
  readonly statements: string;
  /** Ids of entries that did not stand then: checked again on opening. */
  readonly unsettled: readonly string[];
  readonly heads: Presumption['heads'];
}

/** What the doc held when a check began: taken with the changes the check consumes. */
export interface CheckedState {
  readonly stateVector: Uint8Array;
  readonly entries: number;
  readonly seals: number;
  readonly statements: readonly unknown[];
}

export function checkedState(doc: Y.Doc): CheckedState {
  return { stateVector: Y.encodeStateVector(doc), entries: timelineOf(doc).length, seals: sealsOf(doc).length, statements: statementsOf(doc).toArray() };
}

export function checkpointOf(incidentId: string, held: CheckedState, report: TrustReport): TrustCheckpoint | null {
  if (report.mode !== 'signed') return null;
  const unsettled: string[] = [];
  for (const [entry, verdict] of report.verdicts) if (!verdict.ok) unsettled.push(entry.id);
  return {
    incidentId,
    version: 1,
    stateVector: held.stateVector,
    entries: held.entries,
    seals: held.seals,
    statements: statementsDigest(held.statements),
    unsettled,
    heads: report.entryHeads(),
  };
}

/**
 * Finds, from the checkpoint, the entries to check (held since, or not
 * standing then) and the seals they may need; every other entry stands as
 * it did (see ledger.ts `adopt`). Null when the checkpoint does not
 * describe what is held: then everything is checked.
 *
 * The point is to touch as little as possible of what was verified
 * before: what was added since is found from the doc's record of each
 * client's changes (appended.ts), and the whole timeline is read only when
 * some entry did not stand then.
 */
export function presumptionFrom(doc: Y.Doc, checkpoint: TrustCheckpoint, wellFormed: (value: unknown) => value is TimelineEvent): (Presumption & { readonly fresh: TimelineEvent[]; readonly seals: unknown[] }) | null {
  if (checkpoint.incidentId !== doc.guid || checkpoint.statements !== statementsDigest(statementsOf(doc).toArray())) return null;
  let covered: Map<number, number>;
  try {
    covered = Y.decodeStateVector(checkpoint.stateVector);
  } catch {
    return null;
  }
  const timeline = timelineOf(doc);
  const seals = sealsOf(doc);
  const added: unknown[] = [];
  const sealsAdded: unknown[] = [];
  // Fewer held from then than counted: something was taken away since, and what stood may not stand now.
  if (timeline.length - valuesSince(doc, timeline, covered, added) !== checkpoint.entries) return null;
  if (seals.length - valuesSince(doc, seals, covered, sealsAdded) !== checkpoint.seals) return null;
  const fresh = added.filter(wellFormed);
  if (checkpoint.unsettled.length) {
    const unsettled = new Set(checkpoint.unsettled);
    const since = new Set(added);
    for (const value of timeline) if (!since.has(value) && unsettled.has((value as { id?: unknown } | null)?.id as string) && wellFormed(value)) fresh.push(value);
  }
  // A seal comes after its entry from the same writer, so a fresh entry's seal is almost always fresh too; the
  // seals of entries that did not stand then are read from the whole array, as those entries were.
  const needed = checkpoint.unsettled.length ? sealsFor(seals, new Set(fresh.map((e) => e.id)), new Set(sealsAdded)) : [];
  return { fresh, seals: [...sealsAdded, ...needed], heads: checkpoint.heads };
}

/** The seals (held before) of the entries named. */
function sealsFor<T>(seals: Y.Array<T>, ids: ReadonlySet<string>, except: ReadonlySet<unknown>): unknown[] {
  const found: unknown[] = [];
  for (const seal of seals) if (!except.has(seal) && ids.has((seal as { entry?: unknown } | null)?.entry as string)) found.push(seal);
  return found;
}

function statementsDigest(statements: readonly unknown[]): string {
  const sigs = statements.map((s) => String((s as { sig?: unknown } | null)?.sig ?? '?')).sort();
  return hashOf(encodeUtf8(sigs.join('|')));
}

/** Whether a stored value is a checkpoint (storage may hold anything: it is ignored unless it is). */
export function isCheckpoint(value: unknown): value is TrustCheckpoint {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  const count = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  return (
    c.version === 1 &&
    typeof c.incidentId === 'string' &&
    c.stateVector instanceof Uint8Array &&
    count(c.entries) &&
    count(c.seals) &&
    typeof c.statements === 'string' &&
    Array.isArray(c.unsettled) &&
    c.unsettled.every((id) => typeof id === 'string') &&
    Array.isArray(c.heads) &&
    c.heads.every((h: unknown) => {
      const head = h as Record<string, unknown> | null;
      return typeof head?.key === 'string' && typeof head.hash === 'string' && typeof head.at === 'number';
    })
  );
}
