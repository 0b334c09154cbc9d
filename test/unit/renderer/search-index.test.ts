import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../../src/renderer/features/search/search-index';
import type { SearchDoc } from '../../../src/shared/report/search-docs';

const doc = (incidentId: string, key: string, text: string, who = 'Ada'): SearchDoc => ({
  id: `${incidentId}/entry/${key}`,
  incidentId,
  place: 'entry',
  key,
  label: 'Note',
  text,
  who,
  at: 0,
  struck: false,
});

function indexOf(...docs: SearchDoc[]) {
  const index = new SearchIndex();
  for (const d of docs) index.put(d);
  return index;
}

describe('the search index', () => {
  const index = indexOf(
    doc('a', '1', 'Replica lag at 45 s on db-2'),
    doc('a', '2', 'Failover to the standby started', 'Bo'),
    doc('b', '1', 'Checkout failing for EU customers'),
    doc('b', '2', 'Café payments back after the rollback'),
  );

  it('finds words from their start as they are typed, whatever the case and accents', () => {
    expect(index.search('repl', 10).ids).toEqual(['a/entry/1']);
    expect(index.search('CHECKOUT', 10).ids).toEqual(['b/entry/1']);
    expect(index.search('cafe', 10).ids).toEqual(['b/entry/2']);
  });

  it('wants every word of the query, and finds who wrote an entry', () => {
    expect(index.search('lag db', 10).ids).toEqual(['a/entry/1']);
    expect(index.search('lag checkout', 10).ids).toEqual([]);
    expect(index.search('bo failover', 10).ids).toEqual(['a/entry/2']);
  });

  it('answers at most the limit, and says that more matched', () => {
    const many = indexOf(...Array.from({ length: 30 }, (_, i) => doc('c', String(i), `Error rate at ${i}%`)));
    expect(many.search('error', 10)).toMatchObject({ more: true });
    expect(many.search('error', 10).ids).toHaveLength(10);
    expect(many.search('error', 30)).toMatchObject({ more: false });
  });

  it('follows an edit and a removal, and forgets a whole incident', () => {
    const changing = indexOf(doc('a', '1', 'Replica lag'), doc('a', '2', 'Pool saturated'), doc('b', '1', 'Pool resized'));
    changing.put(doc('a', '1', 'Primary promoted'));
    expect(changing.search('replica', 10).ids).toEqual([]);
    expect(changing.search('promoted', 10).ids).toEqual(['a/entry/1']);
    changing.remove('b/entry/1');
    expect(changing.search('pool', 10).ids).toEqual(['a/entry/2']);
    changing.removeIncident('a');
    expect(changing.search('pool', 10).ids).toEqual([]);
    expect(changing.size).toBe(0);
  });

  it('takes a hostile query as plain words: no pattern, no markup, no endless paste', () => {
    for (const query of ['(a|b)*', '<img src=x onerror=alert(1)>', '\\', '"', ''.padEnd(100_000, 'lag '), '   ']) {
      expect(() => index.search(query, 10)).not.toThrow();
    }
    expect(index.search('   ', 10)).toEqual({ ids: [], more: false });
  });
});
