/**
 * The export benchmark's second half (bench/export.mjs runs it): the same
 * exports as a person makes them, in the app as the web host ships it. On a
 * stored incident of BENCH_EVENTS events, Chromium opens the Postmortem
 * tab's Export dialog and clicks each format in turn, several rounds, the
 * first cold (nothing of the export loaded or run yet in that page). Each
 * click is timed to the file's download starting, and the page's long-task
 * observer says how long the page stopped answering input meanwhile.
 *
 * Targets (issue 18): every format, cold, under 1 s in total; no main-thread
 * task over 50 ms during any of them.
 */
import { withTimeout } from './common.mjs';
import { inBenchBrowser, seedIncident } from './lib/harness.mjs';

const ROUNDS = Number(process.env.BENCH_EXPORT_ROUNDS ?? 4);
/** The formats clicked; the meeting (.ics) needs a scheduled meeting, and is a thousand bytes. */
export const PAGE_FORMATS = [
  ['markdown', 'Markdown (.md)'],
  ['html', 'Web page (.html)'],
  ['json', 'JSON (.json)'],
  ['csv', 'Activity log (.csv)'],
];
const TIMEOUT_MS = 60_000;

function watchLongTasks() {
  window.benchLongTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.benchLongTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
}

/** Runs the in-page export rounds; resolves with each format's times and the longest task during each click. */
export async function exportInPage(events, log) {
  let outcome = null;
  await inBenchBrowser({ profilePrefix: 'command-post-bench-export-', launchTimeoutMs: TIMEOUT_MS }, async ({ context, origin }) => {
    const seed = await seedIncident(context, origin, events);
    const page = await context.newPage();
    await page.addInitScript(watchLongTasks);
    await page.goto(`${origin}/index.html#/incident/${seed.incidentId}`);
    await page.waitForFunction(() => performance.getEntriesByName('incident-full-view').length > 0, null, { timeout: TIMEOUT_MS });
    // The instrument works: opening an incident this long has long tasks, and the observer must have seen them.
    if ((await page.evaluate(() => window.benchLongTasks.length)) === 0) throw new Error('The long-task observer saw no task while the incident opened: it is not measuring.');
    // Every file says who exported it: a name first, as a person would give it.
    const unnamed = page.getByRole('button', { name: /Not signed in/ });
    if (await unnamed.count()) {
      await unnamed.click();
      await page.keyboard.type('Bench Exporter');
      await page.keyboard.press('Enter');
    }
    await page.keyboard.press('Alt+R');
    await page.getByRole('region', { name: 'Postmortem', exact: true }).waitFor({ timeout: TIMEOUT_MS });
    await page.keyboard.press('e');
    const dialog = page.getByRole('dialog', { name: 'Export the postmortem' });
    await dialog.waitFor({ timeout: TIMEOUT_MS });
    const runs = Object.fromEntries(PAGE_FORMATS.map(([key]) => [key, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [key, label] of PAGE_FORMATS) {
        await page.evaluate(() => (window.benchLongTasks = []));
        const download = page.waitForEvent('download', { timeout: TIMEOUT_MS });
        const started = performance.now();
        await dialog.getByRole('button', { name: label }).click();
        const file = await withTimeout(download, TIMEOUT_MS, `The ${label} download`);
        const ms = performance.now() - started;
        const size = (await import('node:fs')).statSync(await file.path()).size;
        // A long task still running when the download starts is counted once it ends.
        await page.waitForTimeout(100);
        const longest = await page.evaluate(() => Math.max(0, ...window.benchLongTasks));
        runs[key].push({ ms, longestTaskMs: longest, bytes: size });
        log(`  round ${round + 1} ${label.padEnd(20)} ${ms.toFixed(0).padStart(5)} ms to the download, longest task ${longest.toFixed(0)} ms, ${Math.round(size / 1024)} KB`);
      }
    }
    outcome = { events: seed.events, rounds: ROUNDS, runs };
  });
  return outcome;
}
