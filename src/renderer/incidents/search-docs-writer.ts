/**
 * Keeps an open incident's search documents (shared/report/search-docs.ts)
 * in the database as it changes, and tells the search worker which ones
 * changed, over a BroadcastChannel, so every window's index follows.
 *
 * An incident opened for the first time since its documents last changed
 * shape (SEARCH_DOCS_VERSION), or whose stored documents do not add up to
 * what it holds (a crash between saving an entry and writing its document),
 * has all of them written again; after that each change writes only what it
 * changed, so an entry costs the same at any size of incident.
 */
import type { IncidentProjection, IncidentSnapshot } from '../../shared/incident';
import { SEARCH_DOCS_VERSION, searchDocChanges, searchDocsOf, type SearchDoc } from '../../shared/report/search-docs';
import type { CommandPostDb } from './db';

/** What the search worker is told: which documents of an incident to read again or drop. */
export interface SearchChange {
  readonly incidentId: string;
  readonly put: readonly string[];
  readonly removed: readonly string[];
  /** Every document of the incident was written again: drop what the index holds of it first. */
  readonly all: boolean;
}

export const searchChannelName = (dbName: string) => `command-post-search:${dbName}`;

export class SearchDocsWriter {
  /** Resolves once the stored documents match the incident as it was opened. */
  readonly ready: Promise<void>;
  private written: IncidentSnapshot | null = null;
  private queue: Promise<void> = Promise.resolve();
  private readonly unsubscribe: () => void;
  private readonly channel: BroadcastChannel | null;

  constructor(
    private readonly db: CommandPostDb,
    projection: IncidentProjection,
    private readonly now: () => number = Date.now,
  ) {
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(searchChannelName(db.name)) : null;
    this.ready = this.enqueue(() => this.catchUp(projection.snapshot));
    this.unsubscribe = projection.subscribe((snapshot) => void this.enqueue(() => this.follow(snapshot)));
  }

  /** Stops following, once what is queued has been written. */
  async stop(): Promise<void> {
    this.unsubscribe();
    await this.queue;
    this.channel?.close();
  }

  private enqueue(write: () => Promise<void>): Promise<void> {
    // A failed write is not the incident's failure: its documents are rewritten whole next time it is opened.
    this.queue = this.queue.then(write).catch((error: unknown) => {
      this.written = null;
      console.error('Search documents not written:', error);
    });
    return this.queue;
  }

  private async catchUp(snapshot: IncidentSnapshot): Promise<void> {
    if (!snapshot.header) return;
    const id = snapshot.incidentId;
    const docs = searchDocsOf(snapshot);
    const [state, stored] = await Promise.all([this.db.searchState.get(id), this.db.searchDocs.where('incidentId').equals(id).count()]);
    if (state?.version === SEARCH_DOCS_VERSION && stored === docs.length) {
      this.written = snapshot;
      return;
    }
    await this.writeAll(snapshot, docs);
  }

  private async follow(snapshot: IncidentSnapshot): Promise<void> {
    if (!snapshot.header || snapshot === this.written) return;
    const changes = this.written && searchDocChanges(this.written, snapshot);
    if (!changes) return this.writeAll(snapshot, searchDocsOf(snapshot));
    this.written = snapshot;
    if (!changes.put.length && !changes.removed.length) return;
    await this.db.transaction('rw', this.db.searchDocs, async () => {
      await this.db.searchDocs.bulkPut([...changes.put]);
      if (changes.removed.length) await this.db.searchDocs.bulkDelete([...changes.removed]);
    });
    this.announce({ incidentId: snapshot.incidentId, put: changes.put.map((d) => d.id), removed: changes.removed, all: false });
  }

  private async writeAll(snapshot: IncidentSnapshot, docs: readonly SearchDoc[]): Promise<void> {
    const id = snapshot.incidentId;
    await this.db.transaction('rw', this.db.searchDocs, this.db.searchState, async () => {
      await this.db.searchDocs.where('incidentId').equals(id).delete();
      await this.db.searchDocs.bulkPut([...docs]);
      await this.db.searchState.put({ incidentId: id, version: SEARCH_DOCS_VERSION, writtenAt: this.now() });
    });
    this.written = snapshot;
    this.announce({ incidentId: id, put: [], removed: [], all: true });
  }

  private announce(change: SearchChange): void {
    this.channel?.postMessage(change);
  }
}
