/**
 * The search worker: builds the index of every incident's search documents
 * off the main thread (the active incidents and the newest first, so what
 * matters most is found soonest), answers queries while it builds, and
 * follows the changes every window's incidents announce
 * (incidents/search-docs-writer.ts).
 *
 * Building the index and applying changes run one step at a time, in
 * order, so a change announced while its incident is still to be read is
 * either read with it or applied after; queries do not wait for the steps.
 */
import { openDatabase, type CommandPostDb } from '../../incidents/db';
import { searchChannelName, type SearchChange } from '../../incidents/search-docs-writer';
import { SearchIndex } from './search-index';
import type { SearchReply, SearchRequest } from './search-protocol';
import { excerpt } from './excerpt';

const index = new SearchIndex();
let db: CommandPostDb | null = null;
let steps: Promise<void> = Promise.resolve();
const indexed = new Set<string>();
let totalIncidents = 0;

const reply = (message: SearchReply) => (self as unknown as Worker).postMessage(message);
const step = (run: () => Promise<void>) => {
  steps = steps.then(run).catch((error: unknown) => reply({ type: 'failed', message: error instanceof Error ? error.message : String(error) }));
};

async function indexIncident(database: CommandPostDb, incidentId: string): Promise<void> {
  index.removeIncident(incidentId);
  const docs = await database.searchDocs.where('incidentId').equals(incidentId).toArray();
  for (const doc of docs) index.put(doc);
  indexed.add(incidentId);
}

async function open(dbName: string): Promise<void> {
  const database = (db = openDatabase(dbName));
  const channel = new BroadcastChannel(searchChannelName(dbName));
  channel.onmessage = (event: MessageEvent<SearchChange>) => step(() => follow(database, event.data));
  const catalog = await database.incidents.toArray();
  catalog.sort((a, b) => (a.state === b.state ? 0 : a.state === 'active' ? -1 : 1) || b.lastChangeAt - a.lastChangeAt);
  totalIncidents = catalog.length;
  reply({ type: 'progress', indexedIncidents: 0, totalIncidents, documents: 0 });
  for (const row of catalog) {
    step(async () => {
      if (!indexed.has(row.id)) await indexIncident(database, row.id);
      reply({ type: 'progress', indexedIncidents: indexed.size, totalIncidents, documents: index.size });
    });
  }
}

async function follow(database: CommandPostDb, change: SearchChange): Promise<void> {
  if (change.all || !indexed.has(change.incidentId)) {
    // An incident first seen now (declared, imported or joined since the worker started) counts from here.
    if (!indexed.has(change.incidentId)) totalIncidents++;
    await indexIncident(database, change.incidentId);
    return;
  }
  for (const id of change.removed) index.remove(id);
  const docs = await database.searchDocs.bulkGet([...change.put]);
  for (const doc of docs) if (doc) index.put(doc);
}

async function query(seq: number, text: string, limit: number): Promise<void> {
  const started = performance.now();
  const { ids, more } = index.search(text, limit);
  const searchMs = performance.now() - started;
  const rows = ids.length && db ? await db.searchDocs.bulkGet(ids) : [];
  const hits = rows.flatMap((doc) => {
    if (!doc) return [];
    const { text: whole, ...rest } = doc;
    return [{ ...rest, parts: excerpt(whole, text) }];
  });
  reply({ type: 'results', seq, hits, more, searchMs, totalMs: performance.now() - started, indexedIncidents: indexed.size, totalIncidents });
}

self.onmessage = (event: MessageEvent<SearchRequest>) => {
  const request = event.data;
  if (request.type === 'open') void open(request.dbName).catch((error: unknown) => reply({ type: 'failed', message: String(error) }));
  else void query(request.seq, request.text, request.limit).catch((error: unknown) => reply({ type: 'failed', message: String(error) }));
};
