import { describe, expect, it } from 'vitest';
import { excerpt, queryWords } from '../../../src/renderer/features/search/excerpt';

const marked = (parts: ReturnType<typeof excerpt>) => parts.map((p) => (p.match ? `[${p.text}]` : p.text)).join('');

describe('a search result’s excerpt', () => {
  it('marks each word that starts with a query word, whatever its case and accents', () => {
    expect(marked(excerpt('Checkout failing; the CHECK job and Café restarted', 'chec cafe'))).toBe('[Chec]kout failing; the [CHEC]K job and [Café] restarted');
  });

  it('cuts a long text around the first match, with ellipses where it was cut', () => {
    const text = `${'a'.repeat(30)} `.repeat(20) + 'replication lag spiked ' + `${'b'.repeat(30)} `.repeat(20);
    const parts = excerpt(text, 'replication', 120);
    const shown = marked(parts);
    expect(shown.startsWith('…')).toBe(true);
    expect(shown.endsWith('…')).toBe(true);
    expect(shown).toContain('[replication] lag spiked');
    expect(shown.length).toBeLessThan(140);
  });

  it('shows the start of the text when nothing in it matched (a match on the author or the label)', () => {
    expect(marked(excerpt('Failover started', 'dana'))).toBe('Failover started');
  });

  it('reads only letters and digits as query words, so markup or patterns in a query are plain text', () => {
    expect(queryWords('<img src=x> (a|b)* INC-4')).toEqual(['img', 'src', 'x', 'a', 'b', 'inc', '4']);
  });
});
