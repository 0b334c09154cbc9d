#!/usr/bin/env node
/**
 * Sync benchmark (the second half of npm run bench).
 *
 * What it measures, with the app's real sync code (IncidentSync over
 * y-webrtc, the chunked peer in place of simple-peer, the real signaling
 * server, the real commands and projection; bench/pages/sync.ts):
 *
 * 1. Propagation of one timeline event among 2, 5 and 10 peers, each
 *    holding the long incident (BENCH_EVENTS events, as a room does hours
 *    into a response; the first peer writes it, the others open a copy of
 *    its doc): once every peer is connected and synced, one peer logs a
 *    note through logEvent;
 *    the time from just before the command to the moment each other peer's
 *    projection (what the app's store renders) shows it. The writer rotates
 *    through the peers. p50 and p95 over every receiver's observation, and
 *    of the slowest receiver per event.
 * 2. A newcomer's full sync of the long incident (20,000 events, written
 *    through the real commands by bench/pages/long-incident.ts): from
 *    creating its IncidentSync (joining) to its doc holding every event
 *    (and, beside it, its projection), in a room where one peer holds the
 *    incident.
 *
 * With the propagation it counts the data channel messages the whole room
 * sends per event (y-webrtc relays every update it receives to all its
 * peers, so this grows as N(N-1)).
 *
 * Against what, in the same run, between the same pages:
 *
 * 1. the one-way latency of a message of the same size as the event's Yjs
 *    update over a bare RTCDataChannel between two of the peers' pages,
 *    sent in the gaps between the app's samples;
 * 2. the same bytes (Y.encodeStateAsUpdate of the holder's doc) sent over a
 *    bare RTCDataChannel, already open, in 16 KiB frames (the app's frame
 *    size) with a plain 8 MiB bufferedAmount window, and applied to a fresh
 *    Y.Doc (bench/pages/bare-channel.ts).
 *
 * How: builds the bench pages (bench/vite.bench.config.ts, with the app's
 * renderer config and its simple-peer alias) and the signaling server
 * (vite.signal.config.ts, out/signal/cli.js), runs the signaling server on
 * 127.0.0.1 and serves the pages on 127.0.0.1 with Vite's preview server.
 * Every peer is its own Chromium browser (its own processes, network
 * service and storage), as separate machines would be: pages of one browser
 * could find each other through BroadcastChannel, and would share one
 * network service. WebRTC between headless browsers needs a network
 * interface besides loopback, so npm run bench runs this inside the e2e
 * tests' private network namespace (test/e2e/private-network.sh). Each room
 * gets fresh pages; each page has one peer. Times are read in the pages on
 * performance.timeOrigin + performance.now(); the runner checks that every
 * page's clock agrees with its own (and so with each other's) before the
 * measurements of each room, and reports the spread. Warm-up samples and
 * rounds are discarded.
 *
 * Output: a table on stdout and the `sync` section of bench/results.json
 * (the open-incident results there are kept). Targets (p95 at most 50 ms
 * with 5 peers, at most 250 ms with 10) are reported as met or missed,
 * never asserted: the exit code is non-zero only when the bench itself could
 * not run or a peer never got what it was sent.
 *
 * Environment: BENCH_SYNC_SAMPLES (events per room size, default 40),
 * BENCH_SYNC_RUNS (full-sync rounds, default 7), BENCH_SYNC_PEERS (default
 * 2,5,10), BENCH_EVENTS (default 20000), BENCH_SKIP_BUILD=1 (reuse
 * out/bench and out/signal), CHROMIUM_PATH.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { build } from 'vite';
import { chromium } from '@playwright/test';
import { BENCH_OUT_DIR, coresLine, findChromium, log, machine, round1, round2, stats, updateResults, withTimeout } from './common.mjs';
import { alternate, browserVersion, pageErrors, roundAllStats, roundSeries, runBench, servePages, statsHeader, statsRow } from './lib/harness.mjs';

const PEER_COUNTS = (process.env.BENCH_SYNC_PEERS ?? '2,5,10').split(',').map(Number);
const SAMPLES = Number(process.env.BENCH_SYNC_SAMPLES ?? 40);
const WARMUP_SAMPLES = 5;
const RUNS = Number(process.env.BENCH_SYNC_RUNS ?? 7);
const WARMUP_ROUNDS = 1;
const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
/** p95 of propagation, by room size (the targets on these machines). */
const TARGET_P95_MS = { 5: 50, 10: 250 };
/**
 * The baseline's frames are the app's frame size (16 KiB, what every WebRTC
 * stack interoperates with); its window, half of what Chrome lets a channel
 * queue, sends the whole incident at once. Windows of 256 KiB to 8 MiB and
 * 64 KiB frames measured the same here, within the noise.
 */
const BARE_CHUNK_BYTES = 16 * 1024;
const BARE_WINDOW_BYTES = 8 * 1024 * 1024;
const SIGNAL_CLI = resolve('out/signal/cli.js');

const START_TIMEOUT_MS = 30_000;
const CONNECT_TIMEOUT_MS = (peers) => 30_000 + 10_000 * peers;
const SAMPLE_TIMEOUT_MS = 10_000;
const SEED_TIMEOUT_MS = 120_000;
const FULL_SYNC_TIMEOUT_MS = 90_000;
const STEP_TIMEOUT_MS = 20_000;
const TOTAL_TIMEOUT_MS = 12 * 60_000;
const CLOCK_PROBES = 15;
/** Two clocks agree if they differ by no more than this plus the probe's own uncertainty. */
const CLOCK_TOLERANCE_MS = 1;

/** A small seeded PRNG (mulberry32), so the gaps between samples are the same every run. */
function jitter(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function buildAll() {
  if (process.env.BENCH_SKIP_BUILD === '1') {
    if (!existsSync(join(BENCH_OUT_DIR, 'bench/sync.html')) || !existsSync(SIGNAL_CLI)) {
      throw new Error('BENCH_SKIP_BUILD=1 but out/bench/bench/sync.html or out/signal/cli.js is not built; run without it once.');
    }
    return;
  }
  log('Building the bench pages and the signaling server…');
  await build({ configFile: resolve('bench/vite.bench.config.ts'), logLevel: 'warn' });
  await build({ configFile: resolve('vite.signal.config.ts'), logLevel: 'warn' });
}

/**
 * The signaling server `npm run signal` runs, on a free loopback port. The
 * bench pages are served from an origin of their own (a free port), which
 * the server refuses unless told to let it in.
 */
async function startSignaling(pagesOrigin) {
  const child = spawn(process.execPath, [SIGNAL_CLI, '--port', '0', '--allow-origin', pagesOrigin], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await withTimeout(
    new Promise((resolveUrl, reject) => {
      const read = (chunk) => {
        output += chunk.toString();
        const found = /ws:\/\/127\.0\.0\.1:\d+/.exec(output);
        if (found) resolveUrl(found[0]);
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      child.on('exit', (code) => reject(new Error(`The signaling server exited (${code}): ${output}`)));
    }),
    START_TIMEOUT_MS,
    'Starting the signaling server',
  );
  return { child, url };
}

/** A fresh sync page in this browser, once its window.syncBench is there. */
async function openPage(browser, origin) {
  const page = await browser.newPage();
  page.benchErrors = pageErrors(page);
  await page.goto(`${origin}/bench/sync.html`, { waitUntil: 'commit', timeout: START_TIMEOUT_MS });
  await withTimeout(
    page.evaluate(() => new Promise((ready) => (window.syncBench ? ready() : window.addEventListener('bench-ready', () => ready(), { once: true })))),
    START_TIMEOUT_MS,
    'A sync bench page (loading)',
  );
  return page;
}

/** Runs fn(window.syncBench, arg) in the page, bounded. */
function call(page, what, fn, arg, timeoutMs = STEP_TIMEOUT_MS) {
  return withTimeout(page.evaluate(`(${fn})(window.syncBench, ${JSON.stringify(arg ?? null)})`), timeoutMs, what);
}

async function closePage(page) {
  await withTimeout(page.evaluate(() => window.syncBench?.leave()), STEP_TIMEOUT_MS, 'Leaving').catch(() => {});
  await page.close().catch(() => {});
  if (page.benchErrors.length) throw new Error(`A sync page reported errors: ${page.benchErrors.join('; ')}`);
}

const nodeNow = () => performance.timeOrigin + performance.now();

/**
 * How far this page's clock is from the runner's: the probe with the
 * shortest round trip, offset from its midpoint (± half the round trip).
 */
async function clockOffset(page) {
  let best = null;
  for (let i = 0; i < CLOCK_PROBES; i++) {
    const before = nodeNow();
    const pageNow = await withTimeout(
      page.evaluate(() => performance.timeOrigin + performance.now()),
      STEP_TIMEOUT_MS,
      'Reading a page clock',
    );
    const after = nodeNow();
    if (!best || after - before < best.roundTripMs) best = { roundTripMs: after - before, offsetMs: pageNow - (before + after) / 2 };
  }
  return best;
}

/** The spread of the pages' clocks (what a cross-page time difference can be off by). */
async function clockCheck(pages) {
  const probes = [];
  for (const page of pages) probes.push(await clockOffset(page));
  const offsets = probes.map((p) => p.offsetMs);
  const uncertaintyMs = Math.max(...probes.map((p) => p.roundTripMs / 2));
  const spreadMs = Math.max(...offsets) - Math.min(...offsets);
  return { spreadMs, uncertaintyMs, agree: spreadMs <= CLOCK_TOLERANCE_MS + 2 * uncertaintyMs };
}

/** Opens a bare RTCDataChannel between two pages, the runner carrying offer and answer. */
async function bareConnect(a, b) {
  const offer = await call(a, 'Bare channel offer', (bench) => bench.bare.offer());
  const answer = await call(b, 'Bare channel answer', (bench, o) => bench.bare.answer(o), offer);
  await call(a, 'Bare channel accept', (bench, o) => bench.bare.accept(o), answer);
  await Promise.all([a, b].map((p) => call(p, 'Bare channel open', (bench, t) => bench.bare.opened(t), STEP_TIMEOUT_MS, STEP_TIMEOUT_MS + 1_000)));
}

async function bareClose(...pages) {
  for (const page of pages) await call(page, 'Bare channel close', (bench) => bench.bare.close());
}

/** Data channel messages sent so far, summed over the pages. */
async function sentSoFar(pages) {
  const counts = await Promise.all(pages.map((page) => call(page, 'Counting messages', (bench) => bench.sent())));
  return counts.reduce((sum, c) => ({ messages: sum.messages + c.messages, bytes: sum.bytes + c.bytes }), { messages: 0, bytes: 0 });
}

async function propagation(browsers, origin, signalingUrl, peers) {
  log(`Propagation with ${peers} peers: joining…`);
  const pages = [];
  try {
    for (let i = 0; i < peers; i++) pages.push(await openPage(browsers[i], origin));
    const clock = await clockCheck(pages);
    // Every peer holds the long incident, as the room of a real response would
    // after hours: the first writes it, the others start from a copy of its
    // doc (as after a full sync, which is measured on its own below).
    const seeded = await call(pages[0], 'Writing the long incident', (bench, events) => bench.seedLong(events, 'Peer 1'), EVENTS, SEED_TIMEOUT_MS);
    const encoded = await call(pages[0], 'Encoding the incident', (bench) => bench.encoded());
    const share = await call(pages[0], 'Sharing', (bench, s) => bench.newShare(s.id, s.signaling), { id: seeded.incidentId, signaling: [signalingUrl] });
    await call(pages[0], 'Joining', (bench, s) => bench.join(s), share);
    for (let i = 1; i < peers; i++) {
      await call(pages[i], 'Joining', (bench, a) => {
        bench.openCopy(a.share.incidentId, a.name, a.encoded);
        return bench.join(a.share);
      }, { share, name: `Peer ${i + 1}`, encoded });
    }
    const connectStarted = Date.now();
    await Promise.all(
      pages.map((page) =>
        call(page, `Connecting ${peers} peers`, (bench, a) => bench.waitPeers(a.peers, a.events, a.timeout), { peers: peers - 1, events: seeded.events, timeout: CONNECT_TIMEOUT_MS(peers) }, CONNECT_TIMEOUT_MS(peers) + 5_000),
      ),
    ).catch((error) => {
      if (process.env.CP_PRIVATE_NET) throw error;
      throw new Error(`${error.message}\n(Headless browsers find each other over WebRTC only with a network besides loopback: run this through npm run bench:sync, which uses test/e2e/private-network.sh.)`);
    });
    log(`  ${peers} peers connected and synced in ${((Date.now() - connectStarted) / 1000).toFixed(1)} s; clocks within ${clock.spreadMs.toFixed(2)} ms (±${clock.uncertaintyMs.toFixed(2)})`);
    await bareConnect(pages[0], pages[1]);
    await sleep(1_000);

    const random = jitter(peers);
    const receiverMs = [];
    const slowestMs = [];
    const bareMs = [];
    const updateBytes = [];
    const messages = [];
    const messageBytes = [];
    for (let i = 0; i < WARMUP_SAMPLES + SAMPLES; i++) {
      const warmup = i < WARMUP_SAMPLES;
      const writer = i % peers;
      const sentBefore = await sentSoFar(pages);
      const logged = await call(pages[writer], 'Logging an event', (bench, text) => bench.log(text), `Propagation sample ${i + 1}, logged by peer ${writer + 1} of ${peers}`);
      const arrivals = await Promise.all(
        pages
          .filter((_, k) => k !== writer)
          .map((page) => call(page, 'Waiting for the event', (bench, a) => bench.arrival(a.id, a.timeout), { id: logged.id, timeout: SAMPLE_TIMEOUT_MS }, SAMPLE_TIMEOUT_MS + 1_000)),
      );
      const latencies = arrivals.map((at) => at - logged.at);
      const sentAfter = await sentSoFar(pages);
      // Half the gap before the bare ping, half after: the ping sees the same background as the events.
      const gapMs = 100 + 150 * random();
      await sleep(gapMs / 2);
      const [from, to] = i % 2 === 0 ? [pages[0], pages[1]] : [pages[1], pages[0]];
      const sentAt = await call(from, 'Bare ping', (bench, a) => bench.bare.ping(a.seq, a.bytes), { seq: i, bytes: logged.bytes });
      const arrivedAt = await call(to, 'Bare ping arrival', (bench, a) => bench.bare.pingArrival(a.seq, a.timeout), { seq: i, timeout: SAMPLE_TIMEOUT_MS }, SAMPLE_TIMEOUT_MS + 1_000);
      await sleep(gapMs / 2);
      if (warmup) continue;
      receiverMs.push(...latencies);
      slowestMs.push(Math.max(...latencies));
      bareMs.push(arrivedAt - sentAt);
      updateBytes.push(logged.bytes);
      messages.push(sentAfter.messages - sentBefore.messages);
      messageBytes.push(sentAfter.bytes - sentBefore.bytes);
    }
    await bareClose(pages[0], pages[1]);
    const s = { receivers: stats(receiverMs), slowest: stats(slowestMs), bare: stats(bareMs) };
    log(`  p50 ${s.receivers.median.toFixed(1)} ms, p95 ${s.receivers.p95.toFixed(1)} ms (bare channel: p50 ${s.bare.median.toFixed(1)} ms)`);
    const targetMs = TARGET_P95_MS[peers] ?? null;
    return {
      peers,
      events: seeded.events,
      samples: SAMPLES,
      warmupSamples: WARMUP_SAMPLES,
      observations: receiverMs.length,
      updateBytes: stats(updateBytes).median,
      /** Data channel messages (and bytes) the whole room sent per event, until every peer had it. */
      messagesPerEvent: stats(messages).median,
      bytesPerEvent: stats(messageBytes).median,
      clock,
      stats: s,
      ratio: { p50: s.receivers.median / s.bare.median, p95: s.receivers.p95 / s.bare.p95 },
      target: targetMs === null ? null : { p95MaxMs: targetMs, met: s.receivers.p95 <= targetMs },
      series: { receiverMs: receiverMs.map(round1), slowestMs: slowestMs.map(round1), bareMs: bareMs.map(round2) },
    };
  } finally {
    for (const page of pages) await closePage(page);
  }
}

async function fullSync(browsers, origin, signalingUrl) {
  log(`Full sync: the holder writes ${EVENTS.toLocaleString('en-US')} events through the commands…`);
  const holder = await openPage(browsers[0], origin);
  try {
    const seed = await call(holder, 'Seeding the long incident', (bench, events) => bench.seedLong(events, 'Holder'), EVENTS, SEED_TIMEOUT_MS);
    if (seed.events !== EVENTS) throw new Error(`The holder's projection holds ${seed.events} events, not ${EVENTS}.`);
    const share = await call(holder, 'Sharing', (bench, s) => bench.newShare(s.id, s.signaling), { id: seed.incidentId, signaling: [signalingUrl] });
    await call(holder, 'Joining', (bench, s) => bench.join(s), share);
    log(`  ${seed.events} events, ${(seed.updateBytes / 1e6).toFixed(2)} MB as one update, written in ${(seed.seedMs / 1000).toFixed(1)} s`);

    const clocks = [];
    const appOnce = async () => {
      const joiner = await openPage(browsers[1], origin);
      try {
        clocks.push(await clockCheck([holder, joiner]));
        const times = await call(joiner, 'Full sync', (bench, a) => bench.fullSync(a.share, a.events, 'Newcomer', a.timeout), { share, events: EVENTS, timeout: FULL_SYNC_TIMEOUT_MS }, FULL_SYNC_TIMEOUT_MS + 5_000);
        if (times.events !== EVENTS) throw new Error(`The newcomer's projection holds ${times.events} events, not ${EVENTS}.`);
        return {
          totalMs: times.docCompleteAt - times.joinedAt,
          connectMs: times.presenceAt === null ? null : times.presenceAt - times.joinedAt,
          dataMs: times.presenceAt === null ? null : times.docCompleteAt - times.presenceAt,
          projectedMs: times.projectedAt - times.joinedAt,
        };
      } finally {
        await closePage(joiner);
        // The holder drops the newcomer before the next round starts.
        await call(holder, 'The holder dropping the newcomer', (bench, t) => bench.waitPeers(0, 0, t), STEP_TIMEOUT_MS, STEP_TIMEOUT_MS + 1_000);
      }
    };
    const bareOnce = async () => {
      const joiner = await openPage(browsers[1], origin);
      try {
        clocks.push(await clockCheck([holder, joiner]));
        await bareConnect(holder, joiner);
        await call(joiner, 'Expecting the incident', (bench, id) => bench.bare.expectState(id), seed.incidentId);
        const sent = await call(holder, 'Sending the incident', (bench, a) => bench.bare.sendState(a.chunk, a.window), { chunk: BARE_CHUNK_BYTES, window: BARE_WINDOW_BYTES }, FULL_SYNC_TIMEOUT_MS);
        const got = await call(joiner, 'Receiving the incident', (bench, t) => bench.bare.stateArrival(t), FULL_SYNC_TIMEOUT_MS, FULL_SYNC_TIMEOUT_MS + 1_000);
        if (got.events !== EVENTS) throw new Error(`The bare channel delivered ${got.events} events, not ${EVENTS}.`);
        if (got.bytes !== sent.bytes) throw new Error(`The bare channel delivered ${got.bytes} bytes of ${sent.bytes}.`);
        await bareClose(holder, joiner);
        return {
          totalMs: got.appliedAt - sent.startedAt,
          encodeMs: sent.encodedAt - sent.startedAt,
          transferMs: got.receivedAt - sent.encodedAt,
          applyMs: got.appliedAt - got.receivedAt,
          bytes: sent.bytes,
          frames: sent.frames,
        };
      } finally {
        await closePage(joiner);
      }
    };
    const { app, bare } = await alternate({
      sides: ['bare', 'app'],
      rounds: RUNS,
      warmupRounds: WARMUP_ROUNDS,
      // The newcomer's echo of the whole incident settles too.
      settleMs: 1_000,
      indent: '  ',
      run: (which) => (which === 'app' ? appOnce() : bareOnce()),
      say: (which, result) => `${which === 'app' ? 'app ' : 'bare'} ${result.totalMs.toFixed(1)} ms`,
    });
    const has = (key) => app.every((a) => a[key] !== null);
    const s = {
      app: stats(app.map((a) => a.totalMs)),
      appConnect: has('connectMs') ? stats(app.map((a) => a.connectMs)) : null,
      appData: has('dataMs') ? stats(app.map((a) => a.dataMs)) : null,
      appProjected: stats(app.map((a) => a.projectedMs)),
      bare: stats(bare.map((b) => b.totalMs)),
      bareEncode: stats(bare.map((b) => b.encodeMs)),
      bareTransfer: stats(bare.map((b) => b.transferMs)),
      bareApply: stats(bare.map((b) => b.applyMs)),
    };
    return {
      events: EVENTS,
      updateBytes: seed.updateBytes,
      bareFrames: bare[0]?.frames ?? null,
      seedMs: seed.seedMs,
      runs: RUNS,
      warmupRounds: WARMUP_ROUNDS,
      clock: {
        spreadMs: Math.max(...clocks.map((c) => c.spreadMs)),
        uncertaintyMs: Math.max(...clocks.map((c) => c.uncertaintyMs)),
        agree: clocks.every((c) => c.agree),
      },
      stats: s,
      ratio: { total: s.app.median / s.bare.median, data: s.appData ? s.appData.median / s.bare.median : null },
      series: {
        appMs: app.map((a) => round1(a.totalMs)),
        appConnectMs: roundSeries(app.map((a) => a.connectMs)),
        appDataMs: roundSeries(app.map((a) => a.dataMs)),
        bareMs: bare.map((b) => round1(b.totalMs)),
      },
    };
  } finally {
    await closePage(holder);
  }
}

const row = (label, s, unit) => statsRow(50, label, s, unit);

function table(version, rooms, full) {
  const header = statsHeader(50, 'p50');
  const lines = [
    '',
    `Sync between command posts: every peer its own ${version.product} browser; ${coresLine()}`,
    '',
    `Propagation of one timeline event, logEvent on one peer -> each other peer's projection`,
    `(${SAMPLES} events per room after ${WARMUP_SAMPLES} warm-up, writer rotating; bare: a message of the same size over an RTCDataChannel)`,
    '',
    header,
  ];
  for (const r of rooms) {
    lines.push(
      row(`${r.peers} peers: each receiver (${r.observations})`, r.stats.receivers),
      row(`  slowest receiver of each event (${r.samples})`, r.stats.slowest),
      row(`  bare RTCDataChannel, one way (${r.samples})`, r.stats.bare),
      `  ratio app / bare: p50 ${r.ratio.p50.toFixed(1)}x, p95 ${r.ratio.p95.toFixed(1)}x; clocks within ${r.clock.spreadMs.toFixed(2)} ms`,
      `  per event: a ${r.updateBytes}-byte update; the room sent ${r.messagesPerEvent} data channel messages (${r.bytesPerEvent} bytes)`,
    );
  }
  lines.push('');
  for (const r of rooms) {
    if (r.target) lines.push(`target p95 <= ${r.target.p95MaxMs} ms with ${r.peers} peers: ${r.target.met ? 'MET' : 'MISSED'} (${r.stats.receivers.p95.toFixed(1)} ms)`);
  }
  if (full) {
    lines.push(
      '',
      `A newcomer's full sync of ${full.events.toLocaleString('en-US')} events (${(full.updateBytes / 1e6).toFixed(2)} MB as one update): ${full.runs} rounds each after ${full.warmupRounds} warm-up`,
      '',
      statsHeader(50),
      row('app: join -> doc holds every event', full.stats.app),
      ...(full.stats.appConnect ? [row('  join -> first peer connected (its presence)', full.stats.appConnect)] : []),
      ...(full.stats.appData ? [row('  connected -> doc holds every event', full.stats.appData)] : []),
      row('  (join -> projection holds every event)', full.stats.appProjected),
      row('bare: encode + send + receive + apply', full.stats.bare),
      row('  Y.encodeStateAsUpdate', full.stats.bareEncode),
      row(`  transfer (${full.bareFrames} frames of ${BARE_CHUNK_BYTES / 1024} KiB)`, full.stats.bareTransfer),
      row('  Y.applyUpdate to a fresh doc', full.stats.bareApply),
      '',
      `ratio app / bare (medians): ${full.ratio.total.toFixed(2)}x join to complete` +
        (full.ratio.data === null ? '' : `, ${full.ratio.data.toFixed(2)}x once connected`),
      `clocks within ${full.clock.spreadMs.toFixed(2)} ms (±${full.clock.uncertaintyMs.toFixed(2)})`,
    );
  }
  const clocksAgree = rooms.every((r) => r.clock.agree) && (!full || full.clock.agree);
  lines.push(`page clocks agree (within ${CLOCK_TOLERANCE_MS} ms + probe uncertainty): ${clocksAgree ? 'yes' : 'NO: cross-page times are off by the spread above'}`, '');
  return { text: lines.join('\n'), clocksAgree };
}

async function main() {
  await buildAll();
  const { executablePath, webrtcArgs } = await findChromium();
  const { server, origin } = await servePages();
  const signaling = await startSignaling(origin);
  // Even when the watchdog ends the bench, the server goes with it.
  process.on('exit', () => signaling.child.kill());
  const browsers = [];
  try {
    const count = Math.max(2, ...PEER_COUNTS);
    log(`Serving out/bench at ${origin}, signaling at ${signaling.url}; launching ${count} Chromium browsers…`);
    for (let i = 0; i < count; i++) {
      browsers.push(await chromium.launch({ executablePath, args: webrtcArgs, headless: true, timeout: START_TIMEOUT_MS }));
    }
    const version = await browserVersion(browsers[0]);

    const rooms = [];
    for (const peers of PEER_COUNTS) rooms.push(await propagation(browsers, origin, signaling.url, peers));
    const full = RUNS > 0 ? await fullSync(browsers, origin, signaling.url) : null;

    const { text, clocksAgree } = table(version, rooms, full);
    process.stdout.write(text);
    const met = Object.fromEntries(rooms.filter((r) => r.target).map((r) => [`p95With${r.peers}Peers`, r.target.met]));
    const result = {
      date: new Date().toISOString(),
      chromium: { product: version.product, revision: version.revision, executablePath: executablePath ?? null },
      machine: machine(),
      peers: 'one Chromium browser per peer; the real signaling server on 127.0.0.1; a private network namespace',
      propagation: rooms.map((r) => ({
        ...r,
        stats: roundAllStats(r.stats),
        ratio: { p50: round2(r.ratio.p50), p95: round2(r.ratio.p95) },
        clock: { spreadMs: round2(r.clock.spreadMs), uncertaintyMs: round2(r.clock.uncertaintyMs), agree: r.clock.agree },
      })),
      fullSync: full && {
        ...full,
        stats: roundAllStats(full.stats),
        ratio: { total: round2(full.ratio.total), data: full.ratio.data === null ? null : round2(full.ratio.data) },
        clock: { spreadMs: round2(full.clock.spreadMs), uncertaintyMs: round2(full.clock.uncertaintyMs), agree: full.clock.agree },
      },
      targets: { p95MaxMsByPeers: TARGET_P95_MS },
      met: { ...met, all: Object.values(met).every(Boolean) },
      checks: { everyEventArrived: true, fullSyncComplete: full !== null, clocksAgree },
    };
    await updateResults((previous) => ({ ...previous, sync: result }));
  } finally {
    for (const browser of browsers) await browser.close().catch(() => {});
    await server.close().catch(() => {});
    signaling.child.kill();
  }
}

runBench('The sync bench', TOTAL_TIMEOUT_MS, main);
