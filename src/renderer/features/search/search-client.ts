/**
 * The window's side of search across incidents: starts the search worker
 * once (it then indexes in the background and follows every change), asks
 * it, and keeps the latest answer and the indexing progress in a store for
 * the search dialog. A query answered after a newer one was asked is
 * dropped, so results never jump back to older words.
 */
import { create } from 'zustand';
import { DB_NAME } from '../../incidents/db';
import type { SearchHit, SearchReply, SearchRequest } from './search-protocol';

/** Results a query shows: enough to scan, few enough to read. */
export const SEARCH_LIMIT = 60;

export interface SearchState {
  text: string;
  hits: readonly SearchHit[];
  more: boolean;
  /** Whether the shown hits answer the text typed (false while its answer is on its way). */
  answered: boolean;
  indexedIncidents: number;
  totalIncidents: number;
  documents: number;
  /** The last answer's time in the library alone (the search benchmark's floor), in ms. */
  searchMs: number | null;
  failure: string | null;
}

export const useSearch = create<SearchState>(() => ({
  text: '',
  hits: [],
  more: false,
  answered: true,
  indexedIncidents: 0,
  totalIncidents: 0,
  documents: 0,
  searchMs: null,
  failure: null,
}));

let worker: Worker | null = null;
let asked = 0;

function started(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./search-worker.ts', import.meta.url), { type: 'module', name: 'search' });
  worker.onmessage = (event: MessageEvent<SearchReply>) => answer(event.data);
  worker.onerror = (event) => useSearch.setState({ failure: `Search stopped working: ${event.message || 'its worker failed'}. Reload Command Post to start it again.` });
  worker.postMessage({ type: 'open', dbName: DB_NAME } satisfies SearchRequest);
  return worker;
}

function answer(reply: SearchReply): void {
  switch (reply.type) {
    case 'progress':
      useSearch.setState({ indexedIncidents: reply.indexedIncidents, totalIncidents: reply.totalIncidents, documents: reply.documents });
      // For the search benchmark (bench/search.mjs): every incident known at start-up is in the index.
      if (reply.indexedIncidents === reply.totalIncidents && !performance.getEntriesByName('search-indexed').length) performance.mark('search-indexed');
      // Results found while the index was still being built may now be missing some: ask again.
      if (useSearch.getState().text) search(useSearch.getState().text);
      break;
    case 'results':
      if (reply.seq !== asked) return;
      useSearch.setState({ hits: reply.hits, more: reply.more, answered: true, searchMs: reply.searchMs, indexedIncidents: reply.indexedIncidents, totalIncidents: reply.totalIncidents });
      break;
    case 'failed':
      useSearch.setState({ failure: `Search could not read the incidents: ${reply.message}` });
      break;
  }
}

/** Starts indexing ahead of the first search (the list does, once the app is idle). */
export function warmSearch(): void {
  started();
}

export function search(text: string): void {
  const seq = ++asked;
  if (!text.trim()) {
    useSearch.setState({ text, hits: [], more: false, answered: true });
    return;
  }
  useSearch.setState({ text, answered: false });
  started().postMessage({ type: 'query', seq, text, limit: SEARCH_LIMIT } satisfies SearchRequest);
}
