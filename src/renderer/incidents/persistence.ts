/**
 * Keeps one incident's Y.Doc in IndexedDB, so that "saved" means committed
 * and one damaged record loses nothing.
 *
 * Records come in generations. A generation starts with a snapshot (the full
 * state, with its state vector) and continues with cumulative deltas: each
 * delta holds everything since the snapshot, not only the last change. So:
 *
 * - a damaged delta is covered by any later delta of its generation;
 * - a snapshot is written together with a last delta of the previous
 *   generation (its "companion"), which covers the same state; a snapshot
 *   with no previous generation (the first) gets a full copy instead;
 * - only the last two deltas of the current generation and the companion
 *   pair of the previous one are kept; older ones are deleted in the same
 *   transaction that adds the new record.
 *
 * A record is checked against its CRC-32 before it is applied; a record that
 * fails (or that Yjs cannot read) is moved to the `damaged` table, never
 * deleted, and reported. If anything at all was damaged or could not be
 * applied, this session deletes nothing it loaded.
 *
 * Only records this session has seen are ever deleted, so a second tab on
 * the same incident cannot lose the other's writes.
 */
import * as Y from 'yjs';
import { projectionOf } from '../../shared/incident';
import { checksum } from './checksum';
import type { CatalogEntry, CommandPostDb, StoredRecord } from './db';

/** Transaction origin of updates applied from storage (they need no write back). */
export const STORAGE_ORIGIN = 'command-post:storage';

/** Above this size the cumulative delta is folded into a new snapshot. */
export const DEFAULT_COMPACT_BYTES = 256 * 1024;

export type SaveState =
  | { readonly status: 'idle' }
  | { readonly status: 'saving' }
  | { readonly status: 'saved'; readonly at: number }
  | { readonly status: 'failed'; readonly message: string };

export interface LoadProblem {
  readonly incidentId: string;
  readonly message: string;
  /** True when a newer copy holds everything the damaged record held. */
  readonly recovered: boolean;
}

interface Generation {
  snapshot: number | null;
  deltas: number[];
}

interface Options {
  compactBytes?: number;
  now?: () => number;
}

export class IncidentPersistence {
  private state: SaveState = { status: 'idle' };
  private readonly listeners = new Set<(state: SaveState) => void>();
  private generations: Generation[] = [];
  private baseSeq: number | null = null;
  /** The encoded state vector of the current generation's snapshot. */
  private baseStateVector: Uint8Array | null = null;
  /** False once anything was damaged: then this session deletes nothing it loaded. */
  private mayDelete = true;
  private dirty = false;
  private draining: Promise<void> | null = null;
  private loaded = false;
  private destroyed = false;
  private readonly compactBytes: number;
  private readonly now: () => number;
  private readonly onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin !== STORAGE_ORIGIN) this.scheduleWrite();
  };

  constructor(
    private readonly db: CommandPostDb,
    readonly doc: Y.Doc,
    options: Options = {},
  ) {
    this.compactBytes = options.compactBytes ?? DEFAULT_COMPACT_BYTES;
    this.now = options.now ?? Date.now;
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
   */
  async load(): Promise<LoadProblem[]> {
    if (this.loaded) throw new Error('load() runs once per session');
    this.loaded = true;
    const rows = await this.db.records.where('incidentId').equals(this.incidentId).sortBy('seq');
    const damaged: Array<{ row: StoredRecord; reason: string }> = [];
    const valid: StoredRecord[] = [];
    for (const row of rows) {
      if (!(row.bytes instanceof Uint8Array)) damaged.push({ row, reason: 'not binary data' });
      else if (checksum(row.bytes) !== row.crc) damaged.push({ row, reason: 'checksum mismatch' });
      else valid.push(row);
    }
    const applied: StoredRecord[] = [];
    this.doc.transact(() => {
      for (const row of valid) {
        try {
          Y.applyUpdate(this.doc, row.bytes, STORAGE_ORIGIN);
          applied.push(row);
        } catch (error) {
          damaged.push({ row, reason: `unreadable update: ${String(error)}` });
        }
      }
    }, STORAGE_ORIGIN);

    const problems: LoadProblem[] = damaged.map(({ row }) => this.describeDamage(row, applied));
    const store = this.doc.store as unknown as { pendingStructs: unknown; pendingDs: unknown };
    if (store.pendingStructs || store.pendingDs) {
      problems.push({
        incidentId: this.incidentId,
        recovered: false,
        message: `${this.label()}: some saved changes could not be applied because the changes they build on are damaged. They are kept, not deleted.`,
      });
    }
    if (damaged.length) await this.setAside(damaged);

    this.mayDelete = problems.length === 0;
    this.generations = buildGenerations(applied);
    const current = this.generations.at(-1);
    const snapshot = current?.snapshot != null ? applied.find((r) => r.seq === current.snapshot) : undefined;
    if (this.mayDelete && snapshot?.stateVector instanceof Uint8Array) {
      this.baseSeq = snapshot.seq ?? null;
      this.baseStateVector = snapshot.stateVector;
    }
    this.doc.on('update', this.onUpdate);
    // With problems, or with nothing to build deltas on, start a fresh generation now.
    if (this.baseSeq === null && rows.length > 0) this.scheduleWrite();
    return problems;
  }

  /** Resolves once every change made so far has committed. */
  async flushed(): Promise<void> {
    while (this.draining) await this.draining;
  }

  destroy(): void {
    this.destroyed = true;
    this.doc.off('update', this.onUpdate);
    this.listeners.clear();
  }

  private label(): string {
    return projectionOf(this.doc).snapshot.header?.name ?? `Incident ${this.incidentId.slice(0, 8)}`;
  }

  private describeDamage(row: StoredRecord, applied: StoredRecord[]): LoadProblem {
    const seq = row.seq ?? -1;
    const recovered =
      row.kind === 'delta'
        ? applied.some((r) => (r.seq ?? -1) > seq && (r.kind === 'snapshot' || r.base === row.base))
        : // A snapshot is covered by its companion, or by any later snapshot (the
          // full state of a session that had loaded or written this one). Its
          // companion is deleted at the next compaction, so without the second
          // case a superseded snapshot was reported as lost when nothing was.
          applied.some((r) => (r.kind === 'delta' && r.seq === row.companion) || (r.kind === 'snapshot' && (r.seq ?? -1) > seq));
    const when = typeof row.savedAt === 'number' ? new Date(row.savedAt).toLocaleString() : 'an unknown time';
    return {
      incidentId: this.incidentId,
      recovered,
      message: recovered
        ? `${this.label()}: a damaged copy of a change saved at ${when} was set aside. A newer copy holds the same changes, so nothing is missing.`
        : `${this.label()}: a change saved at ${when} is damaged and could not be read; what was saved in it may be missing. The damaged data is kept aside, not deleted.`,
    };
  }

  private async setAside(damaged: Array<{ row: StoredRecord; reason: string }>): Promise<void> {
    const foundAt = this.now();
    await this.db.transaction('rw', this.db.records, this.db.damaged, async () => {
      await this.db.damaged.bulkAdd(
        damaged.map(({ row, reason }) => ({ incidentId: this.incidentId, record: row, reason, foundAt })),
      );
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

  private async drain(): Promise<void> {
    // Let the rest of this tick's changes join the same write.
    await Promise.resolve();
    while (this.dirty) {
      this.dirty = false;
      try {
        await this.writeOnce();
      } catch (error) {
        this.setState({ status: 'failed', message: `Not saved: ${error instanceof Error ? error.message : String(error)}` });
        return;
      }
    }
    this.setState({ status: 'saved', at: this.now() });
  }

  private catalogEntry(now: number): CatalogEntry | null {
    const header = projectionOf(this.doc).snapshot.header;
    if (!header) return null;
    return {
      id: header.id,
      name: header.name,
      severity: header.severity,
      state: header.state,
      drill: header.drill,
      synopsis: header.synopsis,
      declaredAt: header.declaredAt,
      endedAt: header.endedAt,
      lastChangeAt: now,
    };
  }

  private async writeOnce(): Promise<void> {
    const now = this.now();
    const catalog = this.catalogEntry(now);
    const delta = this.baseStateVector ? Y.encodeStateAsUpdate(this.doc, this.baseStateVector) : null;
    if (delta && delta.byteLength <= this.compactBytes) {
      await this.writeDelta(delta, catalog, now);
    } else {
      await this.writeSnapshot(delta, catalog, now);
    }
  }

  private record(kind: StoredRecord['kind'], bytes: Uint8Array, now: number): StoredRecord {
    return { incidentId: this.incidentId, kind, bytes, crc: checksum(bytes), savedAt: now };
  }

  private async writeDelta(delta: Uint8Array, catalog: CatalogEntry | null, now: number): Promise<void> {
    const current = this.generations.at(-1)!;
    // Keep the newest existing delta as well as the new one.
    const obsolete = this.mayDelete ? current.deltas.slice(0, -1) : [];
    let seq = -1;
    await this.db.transaction('rw', this.db.records, this.db.incidents, async () => {
      seq = (await this.db.records.add({ ...this.record('delta', delta, now), base: this.baseSeq ?? undefined })) as number;
      if (obsolete.length) await this.db.records.bulkDelete(obsolete);
      if (catalog) await this.db.incidents.put(catalog);
    });
    current.deltas = current.deltas.filter((s) => !obsolete.includes(s)).concat(seq);
  }

  /**
   * Starts a new generation. The closing delta of the old generation is
   * written in the same transaction, so the old generation alone still holds
   * everything the new snapshot holds.
   */
  private async writeSnapshot(closingDelta: Uint8Array | null, catalog: CatalogEntry | null, now: number): Promise<void> {
    const bytes = Y.encodeStateAsUpdate(this.doc);
    const stateVector = Y.encodeStateVector(this.doc);
    const previous = this.generations.at(-1);
    // Everything this session knows of, except the current generation's snapshot
    // (which, with the closing delta, becomes the redundant previous generation).
    const known = this.generations.flatMap((g) => (g.snapshot === null ? g.deltas : [g.snapshot, ...g.deltas]));
    const keep = new Set(previous?.snapshot != null && closingDelta ? [previous.snapshot] : []);
    const obsolete = this.mayDelete ? known.filter((s) => !keep.has(s)) : [];
    let snapshotSeq = -1;
    let companion: number | undefined;
    const closesGeneration = closingDelta !== null && this.baseSeq !== null;
    await this.db.transaction('rw', this.db.records, this.db.incidents, async () => {
      if (closesGeneration) {
        companion = (await this.db.records.add({ ...this.record('delta', closingDelta!, now), base: this.baseSeq! })) as number;
      } else {
        // No generation to close (the incident's first save, or a fresh start
        // after damage): the companion is then a full copy with no base.
        // Without it the first snapshot was the only record holding the
        // declaration, and every delta builds on it, so one damaged record
        // lost the whole incident until its first compaction (256 KB away).
        companion = (await this.db.records.add(this.record('delta', bytes, now))) as number;
      }
      snapshotSeq = (await this.db.records.add({ ...this.record('snapshot', bytes, now), stateVector, companion })) as number;
      if (obsolete.length) await this.db.records.bulkDelete(obsolete);
      if (catalog) await this.db.incidents.put(catalog);
    });
    const kept: Generation[] = closesGeneration
      ? previous?.snapshot != null
        ? [{ snapshot: previous.snapshot, deltas: [companion!] }]
        : []
      : [{ snapshot: null, deltas: [companion!] }];
    this.generations = [...kept, { snapshot: snapshotSeq, deltas: [] }];
    this.baseSeq = snapshotSeq;
    this.baseStateVector = stateVector;
    // From now on this session's own records are all it manages.
    this.mayDelete = true;
  }
}

function buildGenerations(applied: StoredRecord[]): Generation[] {
  const generations: Generation[] = [];
  const orphans: number[] = [];
  for (const row of applied) {
    if (row.seq === undefined) continue;
    if (row.kind === 'snapshot') generations.push({ snapshot: row.seq, deltas: [] });
    else {
      const generation = generations.find((g) => g.snapshot === row.base);
      if (generation) generation.deltas.push(row.seq);
      else orphans.push(row.seq);
    }
  }
  // Deltas whose snapshot is gone still hold real changes; keep them in an
  // anonymous first generation so that a later snapshot can fold them in.
  return orphans.length ? [{ snapshot: null, deltas: orphans }, ...generations] : generations;
}
