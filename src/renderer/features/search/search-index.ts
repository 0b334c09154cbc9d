/**
 * The index search across incidents queries: FlexSearch over every search
 * document (shared/report/search-docs.ts), kept in the search worker. Only
 * ids are held here; a result's text is read from the database when it is
 * shown, so the index costs the words, not a second copy of every entry.
 *
 * Words are matched from their start as they are typed ("chec" finds
 * "checkout"), case and accents aside, and every word of the query must
 * be there. FlexSearch answers with at most `limit` ids whatever the
 * number of matches, so a common word costs no more than a rare one.
 */
import { Index } from 'flexsearch';
import type { SearchDoc } from '../../../shared/report/search-docs';

/** Longest a query may be: a few words, not a paste of a page. */
export const MAX_QUERY = 200;

export class SearchIndex {
  private readonly index = new Index({ tokenize: 'forward', encoder: 'Normalize', resolution: 9, cache: false });
  private readonly numberOf = new Map<string, number>();
  private readonly idOf = new Map<number, string>();
  private readonly byIncident = new Map<string, Set<number>>();
  private next = 1;

  get size(): number {
    return this.numberOf.size;
  }

  put(doc: SearchDoc): void {
    const known = this.numberOf.get(doc.id);
    const content = `${doc.label} ${doc.text} ${doc.who}`;
    if (known !== undefined) {
      this.index.update(known, content);
      return;
    }
    const n = this.next++;
    this.numberOf.set(doc.id, n);
    this.idOf.set(n, doc.id);
    let ids = this.byIncident.get(doc.incidentId);
    if (!ids) this.byIncident.set(doc.incidentId, (ids = new Set()));
    ids.add(n);
    this.index.add(n, content);
  }

  remove(id: string): void {
    const n = this.numberOf.get(id);
    if (n === undefined) return;
    this.index.remove(n);
    this.numberOf.delete(id);
    this.idOf.delete(n);
    this.byIncident.get(id.slice(0, id.indexOf('/')))?.delete(n);
  }

  removeIncident(incidentId: string): void {
    for (const n of this.byIncident.get(incidentId) ?? []) {
      this.index.remove(n);
      const id = this.idOf.get(n);
      if (id !== undefined) this.numberOf.delete(id);
      this.idOf.delete(n);
    }
    this.byIncident.delete(incidentId);
  }

  /** The ids of up to `limit` documents holding every word of `text`, best first; `more` when others matched too. */
  search(text: string, limit: number): { ids: string[]; more: boolean } {
    const query = text.slice(0, MAX_QUERY).trim();
    if (!query) return { ids: [], more: false };
    const found = this.index.search(query, { limit: limit + 1 }) as number[];
    const ids = found.slice(0, limit).flatMap((n) => this.idOf.get(n) ?? []);
    return { ids, more: found.length > limit };
  }
}
