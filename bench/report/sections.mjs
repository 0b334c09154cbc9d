/**
 * bench/README.md's sections for the single-machine and sync benchmarks: the
 * explanation of each (what it times, its floor, its target) is written here
 * by hand; every figure, ratio and met-or-missed is read from
 * bench/results.json. The chaos benchmark's section is in ./chaos.mjs.
 */
import { bytes, list, ms, num, pair, paragraphs, ratio, table, verdict, where } from './format.mjs';

/** The open-incident benchmark (bench/run.mjs): the `open` section of results.json. */
export function openingSection(r) {
  if (!r) return '';
  const s = r.stats ?? {};
  const events = num(r.incident?.events);
  const explanation = `**What it times** (\`bench/run.mjs\`; \`BENCH_RUNS\`, \`BENCH_EVENTS\`): opening an incident of ${events} stored events, from the moment it starts being read to the whole incident on screen and usable (the entry line writes, the timeline holds every event, the tabs work). The incident's first paint is timed too, for context: for an incident over 40,000 entries the stored first view (the header and the newest entries, read-only, painted before the document is applied), for one of this size the whole incident, which is applied as soon as it is read; it is not what a person waits for, and the targets are not judged on it. That span holds everything the app adds to the storage read: the CRC check of every record, applying them to the Y.Doc, the projection, React's first render and the paint. Each run is a fresh page in a Chromium with a persistent profile on disk, so IndexedDB lives on disk as it does for a user; floor and app runs alternate, and the first round is a warm-up. How the first view works is in [the architecture notes](../docs/architecture.md#opening-a-long-incident).

**Floor:** in the same run and browser, on the same stored bytes: open the database, run the query the app runs and apply every record to a fresh Y.Doc (\`bench/pages/floor.ts\`). No way of opening an incident can be faster. **Targets** (medians): the whole incident within ${ms(r.targets?.maxMs)}, and within ${num(r.targets?.maxRatio)}x the floor.`;
  const row = (label, st) => [label, ms(st?.median), ms(st?.p95), ms(st?.min), ms(st?.max)];
  const figures = table(
    ['measure', 'median', 'p95', 'min', 'max'],
    [
      row('floor: IndexedDB read and `Y.applyUpdate`', s.floor),
      row('floor: read (open and query)', s.floorRead),
      row('floor: apply to a fresh Y.Doc', s.floorApply),
      row('app: open start to whole incident on screen', s.appFull),
      row('app: open start to first paint (context)', s.app),
      row('app: read (open and query)', s.appRead),
      row('app: CRC check and apply', s.appVerifyApply),
      row('app: projection', s.appProject),
    ],
  );
  const verdicts = `${where(r)} ${num(r.runs)} runs after ${num(r.warmupRounds)} warm-up round, ${num(r.incident?.records)} stored records (${bytes(r.incident?.storedBytes)}). The whole incident came ${ratio(r.ratio)} the floor's time (medians; per round, median ${ratio(r.pairedRatioMedian)}); its first paint, for context, ${ratio(r.firstViewRatio)}. Target of ${ms(r.targets?.maxMs)}: ${verdict(r.met?.absolute, s.appFull?.median, r.targets?.maxMs)}; target of ${num(r.targets?.maxRatio)}x the floor: ${r.met?.ratio ? 'met' : 'missed'}.`;
  return paragraphs('## Opening a long incident', explanation, verdicts, figures);
}

export function syncSection(sync, history) {
  if (!sync) return '';
  const rooms = sync.propagation ?? [];
  const spread = Math.max(...rooms.map((room) => room.clock?.spreadMs ?? 0), sync.fullSync?.clock?.spreadMs ?? 0);
  const targets = Object.entries(sync.targets?.p95MaxMsByPeers ?? {}).map(([peers, limit]) => `p95 under ${ms(limit)} with ${peers} peers`);
  const full = sync.fullSync ?? {};
  const explanation = `**What it times** (\`bench/sync.mjs\`, alone with \`npm run bench:sync\`; \`BENCH_SYNC_SAMPLES\`, \`BENCH_SYNC_RUNS\`, \`BENCH_SYNC_PEERS\`, \`BENCH_EVENTS\`). Every peer is its own Chromium browser running the app's real sync code (IncidentSync, y-webrtc with the chunked peer, the real signaling server on 127.0.0.1, the real commands and projection), inside the end-to-end tests' private network namespace. Browsers, not tabs: tabs of one browser would reach each other through BroadcastChannel and share one network service. Times are read in the pages on \`performance.timeOrigin + performance.now()\`, which agrees across the browsers' processes; the bench checks every page's clock against its own before each room and reports the spread (at most ${ms(spread)} in the last run).

- *Propagation*: with ${list(rooms.map((room) => room.peers))} peers connected and in sync, ${rooms[0]?.events ? `each holding a ${num(rooms[0].events)}-event incident (the first writes it, the others open a copy of its doc, as after a full sync), ` : ''}one peer logs a note (\`logEvent\`) and the bench times, from just before the command, the moment each other peer's projection (what the store renders) shows it; ${num(rooms[0]?.samples)} events per room after ${num(rooms[0]?.warmupSamples)} warm-up ones, the writer rotating. **Floor:** a message of the same size (the event's Yjs update, ${bytes(rooms[0]?.updateBytes)}) over a bare \`RTCDataChannel\` between two of the same pages, sent between the app's samples. **Targets:** ${list(targets)}.
- *Full sync*: a newcomer joins a room where one peer holds a ${num(full.events)}-event incident (written through the commands, ${bytes(full.updateBytes)} as one Yjs update), timed from creating its IncidentSync to its doc holding every event. **Floor:** the same bytes (\`Y.encodeStateAsUpdate\` of the holder's doc) sent over an already open bare data channel in 16 KiB frames and applied to a fresh doc. ${num(full.runs)} rounds after ${num(full.warmupRounds)} warm-up, alternating which goes first.`;
  const figures = table(
    ['propagation', 'p50', 'p95', 'slowest peer, p50', 'floor p50 / p95', 'messages per event', 'target'],
    rooms.map((room) => [
      `${room.peers} peers`,
      ms(room.stats?.receivers?.median),
      ms(room.stats?.receivers?.p95),
      ms(room.stats?.slowest?.median),
      pair(room.stats?.bare?.median, room.stats?.bare?.p95),
      num(room.messagesPerEvent),
      room.target ? `p95 ≤ ${ms(room.target.p95MaxMs)}: ${verdict(room.target.met, room.stats?.receivers?.p95, room.target.p95MaxMs)}` : '',
    ]),
  );
  const st = full.stats ?? {};
  const across = history?.fullSyncRatioAcrossRuns;
  const fullSync = `A newcomer's full sync took ${ms(st.app?.median)} (median; ${ms(st.app?.min)} to ${ms(st.app?.max)}), of which ${ms(st.appConnect?.median)} was connecting (room key, signaling, ICE, DTLS); the bare channel moved and applied the same bytes in ${ms(st.bare?.median)} (encode ${ms(st.bareEncode?.median)}, transfer ${ms(st.bareTransfer?.median)}, apply ${ms(st.bareApply?.median)}): ${ratio(full.ratio?.total)}, ${ratio(full.ratio?.data)} once connected.${across ? ` Across earlier runs that ratio went from ${ratio(across.min)} to ${ratio(across.max)} on the same machine.` : ''} Windows from 256 KiB to 8 MiB, and 64 KiB frames, made no measurable difference to the bare transfer, so the chunked peer's 1 MiB window and 16 KiB frames are not the bottleneck.`;
  const largest = rooms.at(-1);
  const experiment = history?.withoutRebroadcast;
  const rebroadcast = `What grows with the room is y-webrtc's rebroadcast: every peer sends every update it receives on to all its peers (that is how an update reaches a peer it has no direct connection to), so one event costs N(N-1) data channel messages, ${num(largest?.messagesPerEvent)} with ${num(largest?.peers)} peers.${experiment ? ` With rebroadcasting switched off in an experiment, the slowest of ${experiment.peers} receivers had an event after ${ms(experiment.slowestReceiverMedianMs)} instead of ${ms(experiment.withRebroadcastMedianMs)} (medians);` : ''} it stays, since it is what carries updates between peers that cannot reach each other directly.`;
  return paragraphs('## Sync between command posts', explanation, `${where(sync)} The tails move a lot from run to run on a shared machine.`, figures, fullSync, rebroadcast);
}

export function orgSection(org) {
  if (!org) return '';
  const m = org.ms ?? {};
  const explanation = `**What it times** (\`bench/org.mjs\`, alone with \`npm run bench:org\`; \`BENCH_ORG_RESPONDERS\`, \`BENCH_ORG_SAMPLES\`): a large response (a Tech Lead, team leads, sub-team leads, members under them, the rest in staging), then single changes timed from calling the command to the updated snapshot the views render (validation, the rules checked against the chart, the Yjs write, the incremental projection, the rebuilt chart): assigning a vacant role, adding a role with its holder, moving a sub-team. **Floor:** logging a note on the same incident, the same command path without the chart. **Target** (issue 18): every kind of change within ${ms(org.target?.p95Ms)} at p95 and ${ms(org.target?.maxMs)} (a frame) at its slowest.`;
  const row = (label, key) => [label, ms(m[key]?.median), ms(m[key]?.p95), ms(m[key]?.max), key === 'logNote' ? '1x' : ratio(org.ratiosToBaseline?.[key])];
  const figures = table(
    ['change', 'median', 'p95', 'slowest', 'median vs floor'],
    [row('assigning a vacant role', 'assign'), row('adding a role with its holder', 'addRoleWithHolder'), row('moving a sub-team', 'move'), row('floor: logging a note', 'logNote')],
  );
  const verdicts = `${where(org)} ${num(org.responders)} responders, ${num(org.roles)} roles, ${num(org.timelineEvents)} timeline events; ${num(m.assign?.n)} samples of each after ${num(org.warmupSamplesDiscarded)} warm-up ones.${m.move?.median > m.assign?.median ? ' A move costs more than an assignment because it also checks that nobody ends up with two bosses.' : ''} Target: ${org.target?.met ? 'met' : 'missed'} (the worst p95 ${ms(org.target?.worstP95Ms)}, the slowest change ${ms(org.target?.slowestMs)}; the slowest samples are where other work on a shared machine shows).`;
  return paragraphs('## The org chart', explanation, verdicts, figures);
}

export function timersSection(timers) {
  if (!timers) return '';
  const t = timers.msPerRecompute ?? {};
  const explanation = `**What it times** (\`bench/plan.mjs\`, alone with \`npm run bench:timers\`; \`BENCH_PLAN_TASKS\`, \`BENCH_PLAN_RUNNING\`, \`BENCH_PLAN_SAMPLES\`): with thousands of tasks, some of them running, and custom timers, the time to recompute the timers board (\`src/shared/views/timers-board.ts\`), which the renderer does once a second, so it is the cost per second of wall time. **Floor:** reading every task's deadline and sorting the running ones. **Target:** at most ${ms(timers.target?.msPerSecond)} (p95).`;
  const figures = table(
    ['recompute', 'median', 'p95', 'slowest'],
    [
      ['the board', ms(t.board?.median), ms(t.board?.p95), ms(t.board?.max)],
      ['floor: read and sort', ms(t.floor?.median), ms(t.floor?.p95), ms(t.floor?.max)],
    ],
  );
  const verdicts = `${where(timers)} ${num(timers.tasks)} tasks, ${num(timers.running)} running, ${num(timers.boardEntries)} timers on the board; the board took ${ratio(timers.ratioToFloor)} the floor's median. Target: ${verdict(timers.target?.met, t.board?.p95, timers.target?.msPerSecond)}.`;
  return paragraphs('## The timers board', explanation, verdicts, figures);
}

/** The capture benchmark's targeted measures first, then the next-frame ones given for context. */
const CAPTURE_ORDER = ['chordToFocus', 'enterToDoc', 'enterToCommit', 'keyToDone', 'chordToFocusFrame', 'enterToFrame', 'keyToFrame'];

export function captureSection(capture, history) {
  if (!capture) return '';
  const tg = capture.targets ?? {};
  const explanation = `**What it times** (\`bench/capture.mjs\`, alone with \`npm run bench:capture\`; \`BENCH_CAPTURE_ROUNDS\`, \`BENCH_CAPTURE_TRIALS\`, \`BENCH_EVENTS\`): on an incident of ${num(capture.events)} events open in the app as the web host ships it, Chromium presses the capture chord, types a line and presses Enter, many times, then types as many keys into the quick-entry line. The page times each from the key's own event time (\`KeyboardEvent.timeStamp\`), so the driver's round trips do not count: the chord to the capture field focused, Enter to the event in the incident's document (the command has returned), Enter to the write committed in IndexedDB (the strict transaction has completed), and a key to the entry line having handled it (its events dispatched and React's render of the line done); each also to the next frame, for context.

**Floor**, in the same run and browser: a page with the same fields and the same keys, a plain \`<dialog>\` and \`<textarea>\`, a raw push onto the same Y.Doc and a strict IndexedDB write of the update (\`bench/pages/capture-floor.ts\`). Rounds alternate floor and app pages; the first is a warm-up. **Targets** (p95): chord to focused field under ${ms(tg.chordToFocusMs)}, Enter to the document under ${ms(tg.enterToDocMs)}, Enter to IndexedDB under ${ms(tg.enterToCommitMs)}, a key under ${ms(tg.keyToDoneMs)}.`;
  const measures = capture.measures ?? {};
  const figures = table(
    ['measure', 'app p50 / p95', 'floor p50 / p95', 'p95 ratio', 'target'],
    CAPTURE_ORDER.filter((key) => measures[key]).map((key) => {
      const m = measures[key];
      const target = typeof m.targetMs === 'number' ? `< ${ms(m.targetMs)}: ${verdict(m.met, m.app?.p95, m.targetMs)}` : '';
      return [m.label.replace('->', '→'), pair(m.app?.median, m.app?.p95), pair(m.floor?.median, m.floor?.p95), ratio(m.p95Ratio), target];
    }),
  );
  const sample = CAPTURE_ORDER.map((key) => measures[key]?.samples).find((n) => typeof n === 'number');
  const verdicts = `${where(capture)} ${num(sample)} samples of each.`;
  const before = history?.beforeIncrementalTimelineFolds;
  const first = history?.firstBuildMeasured;
  const folds = before
    ? `The timeline's filters, amendments and derived deadlines had made each capture replay the whole log three times (the deadlines that ran out, the role each author held, the authors), main-thread work between the event reaching the document and its transaction completing: Enter → committed was ${pair(before.enterToCommit.median, before.enterToCommit.p95)} and Enter → next frame ${pair(before.enterToFrame.median, before.enterToFrame.p95)} on the same machine just before. Those folds now go on from where they stopped when an event is appended (\`src/shared/views/timeline-fold.ts\`), so a capture costs them one step each.${first ? ` The build this benchmark was written on (before those features) measured, in a shorter run of ${num(first.samples)} samples, ${pair(first.enterToCommit.median, first.enterToCommit.p95)} to IndexedDB and ${pair(first.enterToFrame.median, first.enterToFrame.p95)} to the next frame; what is left of the difference is the richer timeline's render (more controls to lay out when the new row is measured) and its filter pass.` : ''}`
    : '';
  const frames = `The frames come whole (about 16 ms apart in headless Chromium), so one missed frame moves a sample by 16 ms; under load the floor's plain dialog misses them too, which is why the next-frame rows are context rather than targets. Enter to IndexedDB costs more than the floor's single record because the app's transaction also replaces the older delta and writes the incident's catalog entry and stored first view, so that "Saved" and the next opening both hold.`;
  return paragraphs('## Quick capture and typing', explanation, verdicts, figures, folds, frames);
}

/** The export benchmark's formats in the order a reader meets them, with the floor and the .cpinc export after. */
const EXPORT_ROWS = [
  ['markdown', 'Markdown'],
  ['html', 'HTML'],
  ['json', 'JSON'],
  ['csv', 'CSV (ICS 214 activity log)'],
  ['ics', 'iCalendar (the meeting)'],
  ['timelineJson', 'floor: `JSON.stringify` of the timeline'],
  ['incidentFile', 'the incident file (`.cpinc`)'],
];

export function exportSection(exp, history) {
  if (!exp) return '';
  const floor = exp.ms?.timelineJson?.median;
  const explanation = `**What it times** (\`bench/export.mjs\`, alone with \`npm run bench:export\`; \`BENCH_EVENTS\`, \`BENCH_EXPORT_SAMPLES\`): the long incident of the other benchmarks, given a response (people in roles, an objective and a task, updates sent, key and struck entries), ended, and its postmortem drafted with ${num(exp.actionItems)} action items gathered, exported to every format from the live snapshot (what the app holds) to the file's text, in Node through Vite's runner (V8, as in the renderer); every series in each sample, the order rotated, the first sample a warm-up. **Floors** in the same run: \`JSON.stringify\` of the same timeline (no export can be faster), and the incident file (\`.cpinc\`) export the app already had. **Target:** all five formats under ${ms(exp.target?.totalMs)} in total.`;
  const figures = table(
    ['format', 'median', 'p95', 'size', 'vs floor'],
    EXPORT_ROWS.map(([key, label]) => {
      const m = exp.ms?.[key];
      const vsFloor = key === 'ics' ? '' : key === 'timelineJson' ? '1x' : ratio(m?.median / floor);
      return [label, ms(m?.median), ms(m?.p95), bytes(exp.bytes?.[key]), vsFloor];
    }),
  );
  const earlier = history?.beforeFormattingOncePerMinute;
  const verdicts = `${where(exp)} ${num(exp.events)} timeline events, medians of ${num(exp.samples)} samples. All five took ${ms(exp.totalMs)} (${ratio(exp.ratioToIncidentFile)} the incident file alone): target ${verdict(exp.target?.met, exp.totalMs, exp.target?.totalMs)}. The tails are the machine's load and garbage collection.${earlier ? ` Two changes got it there from ${ms(earlier.totalMs)}: times are formatted once per minute (tens of thousands of rows share a few hundred minutes, and \`Date\`'s own formatting cost more than the rest of a row), and escaping is skipped for text with nothing to escape, which is most of it.` : ''}`;
  const page = exp.inPage;
  const inPage = page
    ? [
        `**In the app** (\`bench/export-page.mjs\`; \`BENCH_EXPORT_ROUNDS\`): the same exports as a person makes them, in Chromium, on a stored incident of ${num(page.events)} events (its timeline; no postmortem draft): the Postmortem tab's Export dialog, each format clicked in turn, timed from the click to the download starting, ${num(page.rounds)} rounds, the first cold (the page had made no file yet). A long-task observer in the page gives the longest main-thread task during each click: how long the page stopped answering. The files are written by the worker that keeps a copy of the document (\`src/renderer/incidents/snapshots.ts\`). **Targets:** every format, cold, under ${ms(page.targets?.coldTotalMs)} in total; no task over ${ms(page.targets?.longestTaskMs)}.`,
        `Every format cold took ${ms(page.coldTotalMs)} in total: ${verdict(page.met?.coldTotal, page.coldTotalMs, page.targets?.coldTotalMs)}. ${page.longestTaskMs > 0 ? `The longest main-thread task during a click was ${ms(page.longestTaskMs)}` : 'No long task (50 ms or more, as the browser counts them) ran during any click'}: ${page.met?.longestTask ? 'met' : 'missed'}.`,
        table(
          ['format', 'cold', 'warm median', 'longest task', 'size'],
          Object.entries(page.formats ?? {}).map(([key, f]) => [EXPORT_ROWS.find(([k]) => k === key)?.[1] ?? key, ms(f.coldMs), ms(f.warmMedianMs), f.longestTaskMs > 0 ? ms(f.longestTaskMs) : 'none', bytes(f.bytes)]),
        ),
      ]
    : [];
  return paragraphs('## Postmortem exports', explanation, verdicts, figures, ...inPage);
}
