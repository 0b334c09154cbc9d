/**
 * Appends, for bench/scale.mjs: captures through the real UI in an opened
 * app page (the chord, a line typed, Enter, until the write has committed),
 * every few of them backdated so that it sorts before entries already
 * logged; the page times each (bench/lib/page-timing.mjs, captureTiming).
 * Around them: the main thread's long tasks, which captures compacted the
 * stored incident, and the heap once they are done.
 */
import { stats } from '../common.mjs';

const CHORD = 'Control+Alt+Shift+Digit1';

/** What a Scribe logs; letters, digits and plain punctuation only, so no key is read as a shortcut. */
const LINES = [
  'pool on db-proxy-3 restarted, error rate back under 2 percent',
  'rolled checkout-api back to the previous release in eu-west-1',
  'paged the on-call DBA for orders-db, waiting for an answer',
  'customers in eu-central-1 report slow payments again',
  'raised the connection limit of cart-service from 200 to 400',
];

/**
 * How far back a backdated capture says it happened ("@-10m " and so on, as
 * the capture form reads it): minutes, as a Scribe catching up writes, and
 * hours, deep inside the seeded timeline (which spans the ten hours before
 * the seed), so the insertion is far from the end.
 */
const BACKDATES = ['-10m', '-1h', '-4h'];

/** The text typed for capture i (from 0) and whether it is backdated. */
function captureText(i, backdateEvery) {
  const backdated = (i + 1) % backdateEvery === 0;
  const when = backdated ? `@${BACKDATES[Math.floor(i / backdateEvery) % BACKDATES.length]} ` : '';
  return { text: `${when}${LINES[i % LINES.length]} (${i + 1})`, backdated };
}

/**
 * The seqs of the incident's snapshots, read in the page from the app's
 * database: each snapshot is written with a backup copy keyed by its seq,
 * so a new key is a compaction, and reading keys reads no bytes.
 */
function snapshotSeqs(incidentId) {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('command-post');
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      const keys = db.transaction('backups', 'readonly').objectStore('backups').index('incidentId').getAllKeys(incidentId);
      keys.onerror = () => reject(keys.error);
      keys.onsuccess = () => {
        db.close();
        resolve(keys.result);
      };
    };
  });
}

/** Starts keeping the main thread's long tasks (over 50 ms, by the Long Tasks API's definition) from now on. */
function watchLongTasks() {
  const tasks = [];
  const observer = new PerformanceObserver((list) => {
    for (const task of list.getEntries()) tasks.push({ start: task.startTime, duration: task.duration });
  });
  observer.observe({ type: 'longtask', buffered: false });
  window.__longTasks = { tasks, observer };
}

function stopLongTasks() {
  window.__longTasks.observer.disconnect();
  return window.__longTasks.tasks;
}

const newest = (seqs) => (seqs.length ? Math.max(...seqs) : null);

/**
 * Runs `captures` captures in `page` (opened on the incident, interactive)
 * and resolves with each one's times in the page, whether it was backdated
 * and whether its write compacted, the long tasks meanwhile, the heap
 * after a forced garbage collection, and the timeline's count at the end.
 */
export async function captureMany(page, { incidentId, captures, backdateEvery, stepTimeoutMs }) {
  const appends = [];
  let snapshot = newest(await page.evaluate(snapshotSeqs, incidentId));
  await page.evaluate(watchLongTasks);
  for (let i = 0; i < captures; i++) {
    const { text, backdated } = captureText(i, backdateEvery);
    const from = await page.evaluate(() => performance.now());
    await page.keyboard.press(CHORD);
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => window.__capture.committed >= n, i + 1, { timeout: stepTimeoutMs });
    const to = await page.evaluate(() => performance.now());
    const seq = newest(await page.evaluate(snapshotSeqs, incidentId));
    appends.push({ backdated, compacted: seq !== snapshot, from, to });
    snapshot = seq;
  }
  // The last capture's frame.
  await page.waitForFunction((n) => window.__capture.samples.enterToFrame.length >= n, captures, { timeout: stepTimeoutMs });
  const longTasks = await page.evaluate(stopLongTasks);
  const samples = await page.evaluate(() => window.__capture.samples);
  for (const name of ['enterToDoc', 'enterToFrame', 'enterToCommit']) {
    if (samples[name].length !== captures) throw new Error(`${samples[name].length} samples of ${name} for ${captures} captures.`);
  }
  const label = await page.locator('.timeline[role=log]').getAttribute('aria-label');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return {
    appends: appends.map((append, i) => ({
      ...append,
      enterToDoc: samples.enterToDoc[i],
      enterToFrame: samples.enterToFrame[i],
      enterToCommit: samples.enterToCommit[i],
    })),
    chordToFocus: samples.chordToFocus,
    longTasks,
    heapUsedBytes: heap.usedSize,
    shownEvents: Number(/^Timeline, ([\d,]+) events?/.exec(label ?? '')?.[1]?.replaceAll(',', '') ?? NaN),
  };
}

/** The long tasks that started while one of `appends` was under way. */
const during = (tasks, appends) => tasks.filter((task) => appends.some((a) => task.start >= a.from && task.start <= a.to));

const maxOf = (values) => (values.length ? Math.max(...values) : 0);

/** What bench/scale.mjs reports of the captures at one size. */
export function summarizeAppends({ appends, chordToFocus, longTasks, heapUsedBytes }) {
  const of = (list, key) => (list.length ? stats(list.map((a) => a[key])) : null);
  const outOfOrder = appends.filter((a) => a.backdated);
  const compacting = appends.filter((a) => a.compacted);
  const inCompactions = during(longTasks, compacting);
  return {
    captures: appends.length,
    backdated: outOfOrder.length,
    chordToFocus: stats(chordToFocus),
    toDocument: of(appends, 'enterToDoc'),
    toFrame: of(appends, 'enterToFrame'),
    toCommit: of(appends, 'enterToCommit'),
    outOfOrder: { toDocument: of(outOfOrder, 'enterToDoc'), toFrame: of(outOfOrder, 'enterToFrame'), toCommit: of(outOfOrder, 'enterToCommit') },
    compactions: { count: compacting.length, at: compacting.map((a) => appends.indexOf(a) + 1), commitMs: compacting.map((a) => a.enterToCommit) },
    longTasks: {
      count: longTasks.length,
      maxMs: maxOf(longTasks.map((t) => t.duration)),
      totalMs: longTasks.reduce((sum, t) => sum + t.duration, 0),
      inCompactions: { count: inCompactions.length, maxMs: maxOf(inCompactions.map((t) => t.duration)) },
    },
    heapUsedBytes,
  };
}
