/**
 * Keeps one incident's Y.Doc in IndexedDB, so that "saved" means committed
 * and one damaged record loses nothing.
 *
 * The `records` of an incident are one generation: a snapshot (the full
 * state, with its state vector) followed by deltas. Each delta holds the
 * changes of its own write and repeats those of the write before it
 * (`covers`), so a save writes a few hundred bytes whatever the size of the
 * incident, and:
 *
 * - a damaged delta is covered by the next one; only a damaged newest delta
 *   can lose its own changes;
 * - a damaged snapshot is covered by its copy in `backups`, written in the
 *   same transaction and read only when needed;
 * - when the deltas outgrow `compactBytes` (or `MAX_DELTAS`), a new
 *   snapshot (and its backup) replaces the records it covers, which bounds
 *   what opening reads and applies. The snapshot is encoded and stored by a
 *   SnapshotEncoder (snapshots.ts): in the app, off the main thread, from a
 *   copy of the doc fed every change. Compaction runs beside the saves, not
 *   in their way: the save that crossed the threshold is committed (and
 *   shown saved) first, and saves made while the snapshot is being stored go
 *   on as deltas, which it does not delete.
 *
 * A record is checked against its CRC-32 before it is applied; a record that
 * fails (or that Yjs cannot read) is moved to the `damaged` table, never
 * deleted, and reported. If anything could not be recovered, this session
 * deletes nothing it loaded. Only records this session has seen are ever
 * deleted, so a second tab on the same incident cannot lose the other's
 * writes.
 */
import * as Y from 'yjs';
import { projectionOf, timelineTally, type EntryAmendments, type IncidentProjection, type IncidentSnapshot, type TimelineEvent } from '../../shared/incident';
import { listSummary } from '../../shared/views/list-summary';
import { incidentMetrics } from '../../shared/report/incident-metrics';
import { checksum } from './checksum';
import type { EarlyRead } from './early-read';
import { applyRecords, checkRecords, readRecords, STORAGE_ORIGIN, type Damage } from './stored-records';
import { encoderHere, type SnapshotEncoder } from './snapshots';
import type { TextFile } from '../host/types';
import type { WireExportRequest } from '../features/postmortem/export-content';
import type { CatalogEntry, CommandPostDb, IncidentView, StoredRecord } from './db';

/** How many of the newest events the stored first view holds: more than a screen. */
export const VIEW_EVENTS = 40;

/**
 * Past this many bytes of deltas (about a thousand saves of one entry each;
 * a delta repeats the one before, so this is about twice the changes) the
 * generation is folded into a new snapshot.
 */
export const DEFAULT_COMPACT_BYTES = 512 * 1024;

/** And past this many deltas, so that opening applies a bounded number of records. */
export const MAX_DELTAS = 1_000;
/** The newest stored delta is repeated by the next save up to this size; above it, a compaction covers it (see load). */
export const REPEAT_MAX_BYTES = 16 * 1024;

export type SaveState =
  | { readonly status: 'idle' }
  | { readonly status: 'saving' }
  | { readonly status: 'saved'; readonly at: number }
  | { readonly status: 'failed'; readonly message: string };

export interface LoadProblem {
  readonly incidentId: string;
  readonly message: string;
  /** True when another copy holds everything the damaged record held. */
  readonly recovered: boolean;
}

interface Options {
  compactBytes?: number;
  now?: () => number;
  /** Encodes the snapshots; on this thread unless given. */
  encoder?: SnapshotEncoder;
}

export class IncidentPersistence {
  private state: SaveState = { status: 'idle' };
  private readonly listeners = new Set<(state: SaveState) => void>();
  /** Every record of this incident this session has loaded or written, by seq. */
  private known: number[] = [];
  /** The deltas no snapshot covers yet, oldest first, with their sizes, which decide when to compact. */
  private deltas: { seq: number; bytes: number }[] = [];
  private baseSeq: number | null = null;
  /** Changes to the doc not yet handed to a write (updates applied from storage are not). */
  private unsaved: Uint8Array[] = [];
  /** The newest delta on the current snapshot and the changes it added, which the next delta repeats. */
  private lastDelta: { seq: number; added: Uint8Array } | null = null;
  /** The newest stored delta was too large to repeat: the first save compacts (see load). */
  private compactOnFirstSave = false;
  /** False while something could not be recovered: then nothing loaded is deleted. */
  private mayDelete = true;
  private dirty = false;
  private draining: Promise<void> | null = null;
  private compacting: Promise<void> | null = null;
  private loaded = false;
  private destroyed = false;
  private readonly compactBytes: number;
  private readonly now: () => number;
  private readonly encoder: SnapshotEncoder;
  private readonly onUpdate = (update: Uint8Array, origin: unknown) => {
    this.encoder.take(update);
    if (origin === STORAGE_ORIGIN) return;
    this.unsaved.push(update);
    this.scheduleWrite();
  };

  constructor(
    private readonly db: CommandPostDb,
    readonly doc: Y.Doc,
    options: Options = {},
  ) {
    this.compactBytes = options.compactBytes ?? DEFAULT_COMPACT_BYTES;
    this.now = options.now ?? Date.now;
    this.encoder = options.encoder ?? encoderHere;
  }

  get incidentId(): string {
    return this.doc.guid;
  }

  get saveState(): SaveState {
    return this.state;
  }

  subscribe(listener: (state: SaveState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Applies every stored record to the doc, sets damaged ones aside, and
   * starts saving the doc's changes. Returns what the user must be told.
   * `gate`, when given, holds back applying until it settles. `early` is
   * what was read of the records at start-up (./early-read.ts), with the
   * doc already applied when it was small: then that doc is this one.
   */
  async load(gate?: Promise<unknown>, early?: EarlyRead): Promise<LoadProblem[]> {
    if (this.loaded) throw new Error('load() runs once per session');
    this.loaded = true;
    if (early?.applied && early.applied.doc !== this.doc) throw new Error('The doc applied at start-up is not this session\'s doc.');
    const rows = await (early?.rows ?? readRecords(this.db, this.incidentId));
    if (!early?.applied) performance.mark('incident-read');
    // The read runs beside the first view; applying (a long task) waits until it is painted.
    if (gate) await gate;
    let applied: StoredRecord[];
    const damaged: Damage[] = [];
    if (early?.applied) {
      applied = [...early.applied.records];
      for (const row of applied) this.encoder.take(row.bytes);
    } else {
      const checked = checkRecords(rows);
      damaged.push(...checked.damaged);
      const restored = await this.restoreSnapshots(damaged);
      performance.mark('incident-apply-start');
      // The encoder's copy starts as the doc does (empty, or nearly), then takes what is applied here.
      this.encoder.take(Y.encodeStateAsUpdate(this.doc));
      const result = applyRecords(this.doc, [...checked.usable, ...restored]);
      applied = result.applied;
      damaged.push(...result.damaged);
      for (const row of applied) this.encoder.take(row.bytes);
      performance.mark('incident-applied');
    }
    const problems = damaged.map(({ row }) => this.describeDamage(row, applied));
    const store = this.doc.store as unknown as { pendingStructs: unknown; pendingDs: unknown };
    if (store.pendingStructs || store.pendingDs) {
      problems.push({
        incidentId: this.incidentId,
        recovered: false,
        message: `${this.label()}: some saved changes could not be applied because the changes they build on are damaged. They are kept, not deleted.`,
      });
    }
    if (damaged.length) await this.setAside(damaged);

    this.mayDelete = problems.every((p) => p.recovered);
    this.known = applied.map((r) => r.seq).filter((s): s is number => s !== undefined);
    const snapshot = applied.filter((r) => r.kind === 'snapshot').at(-1);
    if (!damaged.length && snapshot?.seq !== undefined) {
      // Compaction deletes the deltas a snapshot covers, so the deltas still
      // stored are those it did not (some written while it was being stored
      // have a lower seq than it has).
      const deltas = applied.filter((r) => r.kind === 'delta');
      this.baseSeq = snapshot.seq;
      this.deltas = deltas.map((r) => ({ seq: r.seq!, bytes: r.bytes.byteLength }));
      const newest = deltas.at(-1);
      // The next delta repeats the newest one, so that it too is covered. A
      // large one (a paste of many entries, or a delta an older version wrote,
      // holding everything since its snapshot) is covered by a compaction
      // instead, made off the main thread: merging it into the session's
      // first save would hold that save up by tens of milliseconds.
      if (newest && newest.bytes.byteLength > REPEAT_MAX_BYTES) this.compactOnFirstSave = true;
      else this.lastDelta = newest ? { seq: newest.seq!, added: newest.bytes } : null;
    }
    this.doc.on('update', this.onUpdate);
    // After damage, or with nothing to build deltas on, write a fresh snapshot now.
    if (this.baseSeq === null && rows.length > 0) this.scheduleWrite();
    return problems;
  }

  /** An export file made by the copy of the document kept off the main thread; null when there is none to trust. */
  exportFile(request: WireExportRequest): Promise<TextFile | null> {
    return this.encoder.exportFile?.(this.doc, request) ?? Promise.resolve(null);
  }

  /** Resolves once every change made so far has committed, and any compaction under way has finished. */
  async flushed(): Promise<void> {
    while (this.draining || this.compacting) await (this.draining ?? this.compacting);
  }

  /**
   * Keeps the list's entry and the stored first view in step with what the
   * projection shows when that changes without a change to the doc: on a
   * signed incident, entries join the timeline once their signatures are
   * checked, after the doc that holds them was saved.
   */
  followProjection(projection: IncidentProjection): void {
    let written = projection.snapshot;
    this.stopFollowing();
    this.stopFollowing = projection.subscribe((snapshot) => {
      if (this.destroyed || (snapshot.header === written.header && snapshot.timeline === written.timeline)) return;
      written = snapshot;
      void this.writeSummary().catch((error: unknown) =>
        this.setState({ status: 'failed', message: `Not saved: ${error instanceof Error ? error.message : String(error)}` }),
      );
    });
  }

  private stopFollowing: () => void = () => undefined;

  private async writeSummary(): Promise<void> {
    const catalog = this.catalogEntry(this.now());
    const view = this.viewEntry();
    if (!catalog || !view) return;
    await this.db.transaction('rw', this.db.incidents, this.db.views, async () => {
      await this.db.incidents.put(catalog);
      await this.db.views.put(view);
    });
  }

  /**
   * Rewrites the catalog row from the doc without counting as a change (its
   * last change stays when it was): for rows an older Command Post wrote
   * with less in them (catalog-refresh.ts).
   */
  async refreshCatalog(): Promise<void> {
    await this.db.transaction('rw', this.db.incidents, async () => {
      const stored = await this.db.incidents.get(this.incidentId);
      const catalog = this.catalogEntry(stored?.lastChangeAt ?? this.now());
      if (catalog) await this.db.incidents.put(catalog);
    });
  }

  destroy(): void {
    this.destroyed = true;
    this.doc.off('update', this.onUpdate);
    this.encoder.dispose();
    this.stopFollowing();
    this.listeners.clear();
  }

  private label(): string {
    return projectionOf(this.doc).snapshot.header?.name ?? `Incident ${this.incidentId.slice(0, 8)}`;
  }

  /** Damaged snapshots whose backup copy is intact come back as usable records. */
  private async restoreSnapshots(damaged: Damage[]): Promise<StoredRecord[]> {
    const snapshots = damaged.filter((d) => d.row.kind === 'snapshot' && d.row.seq !== undefined);
    if (!snapshots.length) return [];
    const backups = await this.db.backups.bulkGet(snapshots.map((d) => d.row.seq!));
    const restored: StoredRecord[] = [];
    for (const backup of backups) {
      if (!backup || !(backup.bytes instanceof Uint8Array) || checksum(backup.bytes) !== backup.crc) continue;
      const original = snapshots.find((d) => d.row.seq === backup.snapshot)!.row;
      restored.push({ ...original, bytes: backup.bytes, crc: backup.crc, stateVector: backup.stateVector });
    }
    return restored;
  }

  private describeDamage(row: StoredRecord, applied: StoredRecord[]): LoadProblem {
    const seq = row.seq ?? -1;
    const later = (r: StoredRecord) => (r.seq ?? -1) > seq;
    // A delta's changes are in any later snapshot, in the delta that repeats
    // them, or (deltas from before they overlapped) in any later delta.
    const recovered =
      row.kind === 'snapshot'
        ? applied.some((r) => r.seq === seq || (r.kind === 'snapshot' && later(r)))
        : applied.some(
            (r) => later(r) && (r.kind === 'snapshot' || r.covers === seq || (row.covers === undefined && r.kind === 'delta' && r.base === row.base)),
          );
    const when = typeof row.savedAt === 'number' ? new Date(row.savedAt).toLocaleString() : 'an unknown time';
    return {
      incidentId: this.incidentId,
      recovered,
      message: recovered
        ? `${this.label()}: a damaged copy of a change saved at ${when} was set aside. Another copy holds the same changes, so nothing is missing.`
        : `${this.label()}: a change saved at ${when} is damaged and could not be read; what was saved in it may be missing. The damaged data is kept aside, not deleted.`,
    };
  }

  private async setAside(damaged: Damage[]): Promise<void> {
    const foundAt = this.now();
    await this.db.transaction('rw', this.db.records, this.db.damaged, async () => {
      await this.db.damaged.bulkAdd(damaged.map(({ row, reason }) => ({ incidentId: this.incidentId, record: row, reason, foundAt })));
      await this.db.records.bulkDelete(damaged.map(({ row }) => row.seq).filter((s): s is number => s !== undefined));
    });
  }

  private setState(next: SaveState): void {
    this.state = next;
    for (const listener of this.listeners) listener(next);
  }

  private scheduleWrite(): void {
    if (this.destroyed) return;
    this.dirty = true;
    if (this.state.status !== 'saving') this.setState({ status: 'saving' });
    if (!this.draining) {
      this.draining = this.drain().finally(() => {
        this.draining = null;
      });
    }
  }

  /**
   * What a write waits for first: on a signed incident, the seals of the
   * entries just written (sessions.ts), so that an entry and its signature
   * are stored together and "saved" means signed too. A crash between the
   * two would otherwise leave an entry no machine can verify.
   */
  settleFirst: (() => Promise<void>) | null = null;

  private async drain(): Promise<void> {
    // Let the rest of this tick's changes join the same write.
    await Promise.resolve();
    while (this.dirty) {
      if (this.settleFirst) await this.settleFirst();
      this.dirty = false;
      try {
        await this.writeOnce();
      } catch (error) {
        this.setState({ status: 'failed', message: `Not saved: ${error instanceof Error ? error.message : String(error)}` });
        return;
      }
    }
    // For the capture benchmark (bench/capture.mjs): the write has committed. One mark, replaced each time.
    performance.clearMarks('incident-saved');
    performance.mark('incident-saved');
    this.setState({ status: 'saved', at: this.now() });
  }

  private catalogEntry(now: number): CatalogEntry | null {
    const snapshot = projectionOf(this.doc).snapshot;
    const header = snapshot.header;
    if (!header) return null;
    const metrics = incidentMetrics(snapshot);
    return {
      ...listSummary(snapshot),
      ...(metrics ? { metrics } : {}),
      id: header.id,
      name: header.name,
      severity: header.severity,
      state: header.state,
      drill: header.drill,
      synopsis: header.synopsis,
      declaredAt: header.declaredAt,
      declaredBy: header.declaredBy,
      ...(header.formerNames ? { formerNames: header.formerNames } : {}),
      endedAt: header.endedAt,
      lastChangeAt: now,
    };
  }

  private viewEntry(): IncidentView | null {
    const snapshot = projectionOf(this.doc).snapshot;
    if (!snapshot.header) return null;
    return {
      incidentId: this.incidentId,
      header: snapshot.header,
      ...latestEntries(snapshot),
    };
  }

  private async writeOnce(): Promise<void> {
    const now = this.now();
    const catalog = this.catalogEntry(now);
    const view = this.viewEntry();
    const batch = this.unsaved;
    this.unsaved = [];
    try {
      const added = batch.length > 1 ? Y.mergeUpdates(batch) : batch[0];
      const delta = added && this.lastDelta ? Y.mergeUpdates([this.lastDelta.added, added]) : added;
      // With no snapshot to build on (a new incident, or after damage) the first write is one.
      if (this.baseSeq === null) return await this.writeSnapshot(catalog, view, now);
      await this.writeDelta(delta && added ? { delta, added } : null, catalog, view, now);
      const bytes = this.deltas.reduce((sum, d) => sum + d.bytes, 0);
      if (bytes > this.compactBytes || this.deltas.length >= MAX_DELTAS || this.compactOnFirstSave) this.compactSoon();
      this.compactOnFirstSave = false;
    } catch (error) {
      // Not written: the next write takes these changes too.
      this.unsaved = batch.concat(this.unsaved);
      throw error;
    }
  }

  private record(kind: StoredRecord['kind'], bytes: Uint8Array, now: number): StoredRecord {
    return { incidentId: this.incidentId, kind, bytes, crc: checksum(bytes), savedAt: now };
  }

  /** Adds a delta (none when only the summary changed) and the summary the list and the first view show. */
  private async writeDelta(
    changes: { delta: Uint8Array; added: Uint8Array } | null,
    catalog: CatalogEntry | null,
    view: IncidentView | null,
    now: number,
  ): Promise<void> {
    const covers = this.lastDelta?.seq ?? null;
    let seq = -1;
    // The three requests go out together: each await between them would wait
    // for the main thread, which is busy drawing the entry just logged.
    await this.db.transaction('rw', [this.db.records, this.db.incidents, this.db.views], () =>
      Promise.all([
        changes && this.db.records.add({ ...this.record('delta', changes.delta, now), base: this.baseSeq ?? undefined, covers }).then((added) => (seq = added as number)),
        catalog && this.db.incidents.put(catalog),
        view && this.db.views.put(view),
      ]),
    );
    if (!changes) return;
    this.deltas.push({ seq, bytes: changes.delta.byteLength });
    this.known.push(seq);
    this.lastDelta = { seq, added: changes.added };
  }

  /**
   * The first write of a session with nothing to build deltas on: a
   * snapshot of the whole doc and its backup copy, then the summary, and
   * whatever this session loaded is deleted (it is all in the snapshot).
   */
  private async writeSnapshot(catalog: CatalogEntry | null, view: IncidentView | null, now: number): Promise<void> {
    await this.storeSnapshot(now);
    await this.db.transaction('rw', [this.db.incidents, this.db.views], async () => {
      if (view) await this.db.views.put(view);
      if (catalog) await this.db.incidents.put(catalog);
    });
  }

  /** Starts a compaction unless one is under way; flushed() waits for it. */
  private compactSoon(): void {
    if (this.compacting || this.destroyed) return;
    this.compacting = this.storeSnapshot(this.now())
      .catch((error: unknown) =>
        // Every change is still in the deltas: only opening gets slower until a later compaction succeeds.
        this.setState({ status: 'failed', message: `Saved, but not compacted: ${error instanceof Error ? error.message : String(error)}. Opening this incident may be slower until it is.` }),
      )
      .finally(() => {
        this.compacting = null;
      });
  }

  /**
   * Stores a snapshot of the whole doc and its backup copy (the encoder
   * does: snapshots.ts), then deletes the records it covers: every one this
   * session knew of when it began, all of whose changes the doc holds.
   */
  private async storeSnapshot(now: number): Promise<void> {
    const folded = new Set(this.known);
    const covered = this.mayDelete ? [...folded] : [];
    const stored = await this.encoder.store(this.doc, this.db, now);
    if (covered.length) {
      await this.db.transaction('rw', [this.db.records, this.db.backups], async () => {
        await this.db.records.bulkDelete(covered);
        await this.db.backups.bulkDelete(covered);
      });
    }
    // For the benchmarks (bench/scale.mjs): a compaction, and where its snapshot was encoded.
    performance.mark('incident-compacted', { detail: { encodedIn: stored.encodedIn, bytes: stored.bytes } });
    const gone = new Set(covered);
    this.known = this.known.filter((seq) => !gone.has(seq)).concat(stored.seq);
    // Deltas written while the snapshot was being stored stay, and count towards the next compaction.
    this.deltas = this.deltas.filter((d) => !folded.has(d.seq));
    if (this.lastDelta && folded.has(this.lastDelta.seq)) this.lastDelta = null;
    this.baseSeq = stored.seq;
    // The new snapshot holds everything this session has: from now on it may tidy up.
    this.mayDelete = true;
  }
}

/**
 * The newest entries as the first view shows them: amendments are folded
 * into their entries (so an edited or struck entry never shows its old
 * text, even for a moment), not shown as entries of their own.
 */
function latestEntries(snapshot: IncidentSnapshot): Pick<IncidentView, 'latest' | 'total' | 'amendments'> {
  const latest: TimelineEvent[] = [];
  // From the end, only as far as the entries shown: the save of a 200,000-event incident must not walk it.
  for (const event of snapshot.timeline.backwards()) {
    if (latest.length === VIEW_EVENTS) break;
    if (event.kind !== 'amend') latest.push(event);
  }
  latest.reverse();
  const amendments = new Map<string, EntryAmendments>();
  for (const event of latest) {
    const amended = snapshot.amendments.get(event.id);
    if (amended) amendments.set(event.id, amended);
  }
  return { latest, total: timelineTally(snapshot).entries, amendments };
}
