/**
 * Init scripts the browser benchmarks add to their pages (Playwright's
 * addInitScript): they run before the page's own scripts and record, in the
 * page, when what a person waits for happened, so the driver's round trips
 * are never in a figure. Each is serialized into the page on its own, so
 * each carries its own helpers and none may use anything from this module.
 */

/**
 * Quick capture and typing (bench/capture.mjs, bench/scale.mjs). Runs in
 * every page before its own scripts, so its capture-phase listener sees
 * each key first. It keeps, per measure, the milliseconds from the key's
 * event time to what followed, in window.__capture.samples, one sample per
 * key in the order of the keys.
 */
export function captureTiming() {
  const samples = { chordToFocus: [], chordToFocusFrame: [], enterToDoc: [], enterToFrame: [], enterToCommit: [], keyToDone: [], keyToFrame: [] };
  let chordAt = null;
  let enterAt = null;
  let keyAt = null;
  /** Calls back once the next frame's rendering work is done (the change is on screen). */
  const afterFrame = (callback) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => callback(performance.now());
      channel.port2.postMessage(0);
    });
  window.__capture = { samples, committed: 0 };
  window.addEventListener(
    'keydown',
    (event) => {
      const target = event.target;
      if (event.code === 'Digit1' && event.ctrlKey && event.altKey && event.shiftKey) chordAt = event.timeStamp;
      else if (event.key === 'Enter' && target?.matches?.('[data-capture-input]')) enterAt = event.timeStamp;
      else if (event.key.length === 1 && !event.ctrlKey && !event.altKey && target?.getAttribute?.('aria-label') === 'Log a timeline event') keyAt = event.timeStamp;
    },
    true,
  );
  document.addEventListener('focusin', (event) => {
    if (chordAt === null || !event.target?.matches?.('[data-capture-input]')) return;
    const from = chordAt;
    chordAt = null;
    samples.chordToFocus.push(performance.now() - from);
    afterFrame((now) => samples.chordToFocusFrame.push(now - from));
  });
  // Bubbling, on window: after the page's own input handlers, and after the
  // render React runs for them before the event is done dispatching.
  window.addEventListener('input', () => {
    if (keyAt === null) return;
    const from = keyAt;
    keyAt = null;
    samples.keyToDone.push(performance.now() - from);
    afterFrame((now) => samples.keyToFrame.push(now - from));
  });
  new PerformanceObserver((list) => {
    for (const mark of list.getEntries()) {
      if (enterAt === null || mark.startTime < enterAt) continue;
      const from = enterAt;
      if (mark.name === 'capture-logged') {
        samples.enterToDoc.push(mark.startTime - from);
        afterFrame((now) => samples.enterToFrame.push(now - from));
      } else if (mark.name === 'incident-saved') {
        samples.enterToCommit.push(mark.startTime - from);
        enterAt = null;
        window.__capture.committed++;
      }
    }
  }).observe({ type: 'mark' });
}

/**
 * Opening an incident to interactive (bench/scale.mjs): the moment the page
 * holds the whole incident and can take an entry, that is the quick-entry
 * line present and enabled (it comes only with the whole incident, not with
 * its stored first view) and the timeline labelled with all `expected`
 * events; then the next frame after it (on screen). Also when the entry
 * line first took a key typed into it. Times are the page's own
 * performance.now(), which counts from its navigation start.
 */
export function openTiming(expected) {
  const open = { interactive: null, interactiveFrame: null, keyTaken: null };
  window.__open = open;
  const afterFrame = (callback) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => callback(performance.now());
      channel.port2.postMessage(0);
    });
  const isEntryLine = (element) => element?.matches?.('textarea[aria-label="Log a timeline event"]');
  const interactive = () => {
    const line = document.querySelector('textarea[aria-label="Log a timeline event"]');
    if (!line || line.disabled || line.readOnly) return false;
    // "Timeline, 200,000 events, times in UTC": the count in words, with its thousands separators.
    const label = document.querySelector('.timeline[role=log]')?.getAttribute('aria-label') ?? '';
    const shown = /^Timeline, ([\d,]+) events?\b/.exec(label)?.[1];
    return shown !== undefined && Number(shown.replaceAll(',', '')) === expected;
  };
  // Called after every batch of DOM changes, before the browser renders them.
  const observer = new MutationObserver(() => {
    if (!interactive()) return;
    observer.disconnect();
    open.interactive = performance.now();
    afterFrame((now) => (open.interactiveFrame = now));
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label', 'disabled', 'readonly'] });
  document.addEventListener(
    'input',
    (event) => {
      if (open.keyTaken === null && isEntryLine(event.target)) open.keyTaken = performance.now();
    },
    true,
  );
}

/**
 * Starting up (bench/startup.mjs): the moment the page shows an enabled
 * button whose text is `label` (the app's incident list has its Declare
 * button; the floor page shows the same button), then the next frame after
 * it (on screen). Times are the page's own performance.now(), which counts
 * from its navigation start.
 */
export function startupTiming(label) {
  const startup = { interactive: null, interactiveFrame: null };
  window.__startup = startup;
  const ready = () => [...document.querySelectorAll('button')].some((b) => !b.disabled && b.textContent?.trim() === label);
  // Called after every batch of DOM changes, before the browser renders them.
  const observer = new MutationObserver(() => {
    if (!ready()) return;
    observer.disconnect();
    startup.interactive = performance.now();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => (startup.interactiveFrame = performance.now());
      channel.port2.postMessage(0);
    });
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled'] });
}
