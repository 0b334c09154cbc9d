/**
 * What the search worker (search-worker.ts) and the window say to each
 * other. The worker holds the index; the window asks and shows.
 */
import type { SearchDoc } from '../../../shared/report/search-docs';
import type { Part } from './excerpt';

export type SearchRequest =
  /** Opens the database of that name and indexes every incident's documents, the active and newest first. */
  | { readonly type: 'open'; readonly dbName: string }
  | { readonly type: 'query'; readonly seq: number; readonly text: string; readonly limit: number };

/** A document found, its text cut to what a result line shows, with the matched words marked (excerpt.ts). */
export type SearchHit = Omit<SearchDoc, 'text'> & { readonly parts: readonly Part[] };

export type SearchReply =
  | { readonly type: 'progress'; readonly indexedIncidents: number; readonly totalIncidents: number; readonly documents: number }
  | {
      readonly type: 'results';
      readonly seq: number;
      readonly hits: readonly SearchHit[];
      /** More documents matched than the limit let through. */
      readonly more: boolean;
      /** The library's own time for the query, and with reading the hits' rows, in ms (the benchmark's floor). */
      readonly searchMs: number;
      readonly totalMs: number;
      readonly indexedIncidents: number;
      readonly totalIncidents: number;
    }
  | { readonly type: 'failed'; readonly message: string };
