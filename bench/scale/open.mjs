/**
 * Opening a seeded incident, for bench/scale.mjs: the app in a fresh page,
 * timed by the page itself to interactive (bench/lib/page-timing.mjs,
 * openTiming), and its floor, the bench page that reads the same stored
 * bytes and applies them to a fresh Y.Doc (bench/pages/floor.ts).
 */
import { runBenchPage, withTimeout } from '../common.mjs';
import { pageErrors } from '../lib/harness.mjs';
import { openTiming } from '../lib/page-timing.mjs';

const ENTRY_LINE = 'Log a timeline event';

/**
 * Opens the incident in a fresh page and waits until it is interactive and
 * its entry line has taken a key (typed as soon as the line is there, as a
 * person would, then erased). Resolves with the page, still open, and the
 * times, each counted from the page's navigation start.
 */
export async function openApp(context, origin, seed, timeoutMs) {
  const page = await context.newPage();
  const errors = pageErrors(page);
  try {
    await page.addInitScript(openTiming, seed.events);
    await page.goto(`${origin}/index.html#/incident/${seed.incidentId}`, { waitUntil: 'commit', timeout: timeoutMs });
    const line = page.getByLabel(ENTRY_LINE);
    await line.waitFor({ state: 'visible', timeout: timeoutMs });
    await line.press('x', { timeout: timeoutMs });
    const times = await withTimeout(
      page
        .waitForFunction(
          () => window.__open.interactiveFrame !== null && window.__open.keyTaken !== null && performance.getEntriesByName('incident-full-view').length > 0,
          null,
          { timeout: timeoutMs },
        )
        .then(() =>
          page.evaluate(() => {
            const mark = (name) => performance.getEntriesByName(name, 'mark')[0]?.startTime ?? null;
            return { ...window.__open, openStart: mark('incident-open-start'), fullView: mark('incident-full-view') };
          }),
        ),
      timeoutMs,
      'Opening the incident to interactive',
    );
    await line.press('Backspace');
    if (errors.length) throw new Error(`The app reported errors: ${errors.join('; ')}`);
    if (times.openStart === null) throw new Error('The app never marked incident-open-start.');
    return {
      page,
      errors,
      open: {
        // What a person waits for: from navigation to the whole incident on screen and taking entries.
        interactiveMs: times.interactiveFrame,
        interactiveInDocumentMs: times.interactive,
        keyTakenMs: times.keyTaken,
        // The app's own part, as bench/run.mjs times it (its session starting to load, then the mark after the whole view's frame).
        openStartToInteractiveMs: times.interactiveFrame - times.openStart,
        openStartToFullViewMs: times.fullView - times.openStart,
      },
    };
  } catch (error) {
    await page.close();
    throw error;
  }
}

/** One timed open, the page closed after. */
export async function openAppOnce(context, origin, seed, timeoutMs) {
  const { page, open } = await openApp(context, origin, seed, timeoutMs);
  await page.close();
  return open;
}

/** The floor page once: navigation to the last stored record applied, and the read and apply alone. */
export async function openFloorOnce(context, origin, seed, timeoutMs) {
  const result = await runBenchPage(context, `${origin}/bench/floor.html?id=${seed.incidentId}`, timeoutMs, 'The floor');
  if (result.timelineEntries !== seed.events) throw new Error(`The floor read ${result.timelineEntries} timeline entries, not ${seed.events}.`);
  return { interactiveMs: result.sinceNavigationMs, inPageMs: result.totalMs, readMs: result.readMs, applyMs: result.applyMs };
}
