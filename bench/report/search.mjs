/** The search section of bench/README.md, from the `search` section of bench/results.json. */
import { ms, num, paragraphs, ratio, table, verdict, where } from './format.mjs';

export function searchSection(search) {
  if (!search) return '';
  const t = search.target ?? {};
  const explanation = `**What it times** (\`bench/search.mjs\`, alone with \`npm run bench:search\`; \`BENCH_SEARCH_INCIDENTS\`, \`BENCH_SEARCH_EVENTS\`, \`BENCH_SEARCH_ROUNDS\`): search across incidents (Ctrl+Shift+F) on a machine holding ${num(search.incidents)} incidents of ${num(search.entriesPerIncident)} entries each, seeded through the app's commands and persistence with their search documents written as the app writes them (\`bench/pages/seed-catalog.ts\`); ${num(search.documents)} documents in all. In the app as the web host ships it, the search dialog is opened as the page starts and timed until the worker has every incident in its index (*cold*). Then ${num(search.queries?.length)} queries (${search.queries?.map((q) => `“${q}”`).join(', ')}) are typed a character at a time, ${num(search.keys)} keys in all after a warm-up round, each timed in the page from its input event to its results on screen and the next frame: the message to the search worker, FlexSearch, reading the results' rows from IndexedDB and cutting their excerpts, React's render and the paint. **Floor:** FlexSearch's own time for the same queries in the worker, reported with each answer. **Target:** a key to its results under ${ms(t.p95Ms)} at p95.`;
  const k = search.keyToResults ?? {};
  const l = search.library ?? {};
  const figures = table(
    ['measure', 'median', 'p95', 'max'],
    [
      ['a key to its results on screen', ms(k.median), ms(k.p95), ms(k.max)],
      ['floor: FlexSearch alone', ms(l.median), ms(l.p95), ms(l.max)],
    ],
  );
  const perQuery = table(
    ['query (typed in full)', 'results shown', 'median', 'p95'],
    Object.entries(search.perQuery ?? {}).map(([query, q]) => [`“${query}”`, num(q.results), ms(q.ms?.median), ms(q.ms?.p95)]),
  );
  const verdicts = `${where(search)} Every incident was in the index ${ms(search.indexReadyMs)} after the page started. A key showed its results after ${ms(k.median)} at the median and ${ms(k.p95)} at p95 (target ${verdict(t.met, k.p95, t.p95Ms)}); FlexSearch's share was ${ms(l.median)} and ${ms(l.p95)}, so the p95 is ${ratio(search.p95Ratio)} the library's: the rest is the round trip to the worker, the rows read for the results and the render.`;
  return paragraphs('## Search across incidents', explanation, verdicts, figures, perQuery);
}
