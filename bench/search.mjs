#!/usr/bin/env node
/**
 * Search benchmark (npm run bench:search).
 *
 * What it measures: search across incidents as a person uses it, on a
 * machine holding a hundred incidents of 2,000 entries each (BENCH_SEARCH_*
 * change the sizes). The catalog is seeded through the app's commands and
 * persistence, and each incident's search documents are written as the app
 * writes them (bench/pages/seed-catalog.ts). Then, in the app as the web
 * host ships it:
 *
 * - cold: from the page's start to every incident in the search worker's
 *   index (performance mark 'search-indexed', search-client.ts), the search
 *   dialog open from the first moment;
 * - typing: each query is typed a character at a time into the search
 *   dialog; each key is timed in the page from the input event to its
 *   results on screen (the dialog says which text its results answer) and
 *   the next frame: the message to the worker, the index, reading the hits'
 *   rows from IndexedDB, the excerpt, React's render and the paint.
 *
 * Floor, in the same run: the library's own time for each of those queries
 * (FlexSearch's search call in the worker, reported with each answer), so
 * the ratio says what the path around the index costs.
 *
 * Target: a key to its results under 100 ms at p95. Reported, never
 * asserted. Output: a table on stderr and the `search` section of
 * bench/results.json.
 */
import { inBenchBrowser, browserVersion } from './lib/harness.mjs';
import { log, machine, round1, roundStats, runBenchPage, stats, updateResults } from './common.mjs';

const INCIDENTS = Number(process.env.BENCH_SEARCH_INCIDENTS ?? 100);
const EVENTS = Number(process.env.BENCH_SEARCH_EVENTS ?? 2_000);
const ROUNDS = Number(process.env.BENCH_SEARCH_ROUNDS ?? 3);
const TARGET_P95_MS = 100;
/** Words from the seeded incidents' entries (bench/pages/long-incident.ts): common ones, rare ones, people, ids, and none. */
const QUERIES = ['checkout', 'pool saturation', 'fail over eu-west', 'INC-4', 'Ravi restart', 'vendor status page', 'quokka'];

/** In the page: types `text` a character at a time, each timed from its input event to its results painted. */
async function typeTimed(page, text) {
  return page.evaluate(async (query) => {
    const input = document.querySelector('dialog[open] input[cmdk-input]');
    const marker = () => document.querySelector('[data-answered-for]');
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    const keys = [];
    setValue.call(input, '');
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 50));
    for (let i = 1; i <= query.length; i++) {
      const typed = query.slice(0, i);
      const started = performance.now();
      setValue.call(input, typed);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((resolve, reject) => {
        const done = () => marker()?.getAttribute('data-answered-for') === typed;
        if (done()) return resolve();
        const observer = new MutationObserver(() => {
          if (!done()) return;
          observer.disconnect();
          resolve();
        });
        observer.observe(document.body, { attributes: true, subtree: true, attributeFilter: ['data-answered-for'] });
        setTimeout(() => reject(new Error(`no answer to "${typed}" within 10 s`)), 10_000);
      });
      await new Promise((r) => requestAnimationFrame(() => r()));
      const ms = performance.now() - started;
      const library = Number(marker()?.getAttribute('data-search-ms'));
      const results = document.querySelectorAll('dialog[open] [cmdk-item]').length;
      keys.push({ typed, ms, library: typed.trim() ? library : null, results });
      // A person types a key every 100 ms or so; the worker is not asked faster than that.
      await new Promise((r) => setTimeout(r, 60));
    }
    return keys;
  }, text);
}

await inBenchBrowser({ profilePrefix: 'cp-bench-search-', launchTimeoutMs: 60_000 }, async ({ context, origin }) => {
  log(`Seeding ${INCIDENTS} incidents of ${EVENTS.toLocaleString('en-US')} entries each through the app's commands and persistence…`);
  const seed = await runBenchPage(context, `${origin}/bench/seed-catalog.html?incidents=${INCIDENTS}&events=${EVENTS}`, 60 * 60_000, 'Seeding');
  log(`Seeded ${seed.incidentIds.length} incidents, ${seed.events.toLocaleString('en-US')} entries, in ${(seed.seedMs / 1000).toFixed(0)} s`);

  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${origin}/index.html#/`);
  await page.getByRole('region', { name: 'Active incidents' }).waitFor();
  await page.keyboard.press('Control+Shift+F');
  await page.locator('dialog[open] input[cmdk-input]').waitFor();
  await page.waitForFunction(() => performance.getEntriesByName('search-indexed').length > 0, null, { timeout: 15 * 60_000, polling: 200 });
  const indexReadyMs = await page.evaluate(() => performance.getEntriesByName('search-indexed')[0].startTime);
  const documents = await page.evaluate(async () => {
    const request = indexedDB.open('command-post');
    const db = await new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const counted = db.transaction('searchDocs').objectStore('searchDocs').count();
    return new Promise((resolve) => (counted.onsuccess = () => resolve(counted.result)));
  });
  log(`Every incident in the index ${(indexReadyMs / 1000).toFixed(1)} s after the page started (${documents.toLocaleString('en-US')} documents)`);

  const keys = [];
  for (let round = 0; round < ROUNDS + 1; round++) {
    for (const query of QUERIES) {
      const typed = await typeTimed(page, query);
      // The first round warms the worker's code and the database's pages up; it is not counted.
      if (round > 0) keys.push(...typed);
    }
  }
  if (errors.length) throw new Error(`The app reported errors: ${errors.join('; ')}`);
  const searched = keys.filter((k) => k.library !== null);
  const keyStats = roundStats(stats(searched.map((k) => k.ms)));
  const libraryStats = roundStats(stats(searched.map((k) => k.library)));
  const perQuery = Object.fromEntries(
    QUERIES.map((q) => {
      const mine = searched.filter((k) => q.startsWith(k.typed) && k.typed.length === q.length);
      return [q, { results: mine[0]?.results ?? 0, ms: roundStats(stats(mine.map((k) => k.ms))) }];
    }),
  );
  log(`A key to its results: median ${keyStats.median} ms, p95 ${keyStats.p95} ms, max ${keyStats.max} ms (${searched.length} keys)`);
  log(`The library alone: median ${libraryStats.median} ms, p95 ${libraryStats.p95} ms`);
  const version = await browserVersion(context);
  await page.close();

  await updateResults((results) => ({
    ...results,
    search: {
      date: new Date().toISOString(),
      machine: machine(),
      chromium: version,
      incidents: INCIDENTS,
      entriesPerIncident: EVENTS,
      documents,
      seedMs: seed.seedMs,
      indexReadyMs: round1(indexReadyMs),
      queries: QUERIES,
      keys: searched.length,
      keyToResults: keyStats,
      library: libraryStats,
      p95Ratio: round1(keyStats.p95 / Math.max(libraryStats.p95, 0.1)),
      perQuery,
      target: { p95Ms: TARGET_P95_MS, met: keyStats.p95 < TARGET_P95_MS },
    },
  }));
});
