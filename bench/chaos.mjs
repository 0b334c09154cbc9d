#!/usr/bin/env node
/**
 * Chaos, measured (issue 13, point 4): `npm run bench:chaos`.
 *
 * Four command posts, each its own Chromium (own processes, own profile on
 * disk, own network namespace), share one incident through the real
 * signaling server, inside the private network namespace of
 * test/e2e/private-network.sh. Trial after trial, a schedule drawn from the
 * trial's seed (bench/chaos/schedule.mjs) injects three faults while every
 * person makes conflicting edits from the keyboard:
 *
 * faults (how each is injected)
 * - pause: "Pause sync", later "Resume sync", in the share dialog;
 * - reopen: back to the incident list and in again, no reload;
 * - reopen-pause: both, on the same machine (the split of issue 13);
 * - kill: SIGKILL to the browser's process, later the same browser again on
 *   the same profile, opening the incident;
 * - signal-restart: SIGKILL to the signaling server, later the same server
 *   on the same port;
 * - signal-replace: SIGKILL to it, and the other server the share lists
 *   starts on its own port (bench/chaos/signaling.mjs);
 * - cut: the link between two browsers is cut (blackhole rules in the hub,
 *   bench/chaos/network.mjs) while both still reach the others and the
 *   signaling server, later healed;
 * - glare: two browsers pause, then resume at the same moment, so both send
 *   offers to each other at once (two offers crossing).
 *
 * edits (each person, twice a trial, at drawn times; a refused one is
 * counted, not retried)
 * - note: a line in the quick-entry line;
 * - status: text typed at the very start of the status summary, where the
 *   others type too;
 * - reassign: the one task, to a drawn responder;
 * - handover: Incident Commander to a drawn responder, offered and
 *   acknowledged at this keyboard (or a handover already waiting,
 *   acknowledged).
 *
 * After the faults of a trial are over (everyone resumed, killed browsers
 * back with their incident open, the network healed, a signaling server up:
 * "healed"), every browser must show the same IC, the same number of
 * timeline entries, the same status text and the same digest within 10 s;
 * the time that took is the trial's convergeMs. One that does not is a
 * divergence: its seed is printed and kept, and `npm run bench:chaos --
 * --seed N --trials 1` replays its plan. Every browser is then reloaded (and
 * if that does not bring them together, a fresh incident is declared), so
 * that one failure does not carry into the next trial. Meanwhile a sampler
 * (bench/chaos/sampler.mjs, where the definition is) counts false "in sync".
 *
 * Output: a table, and the `chaos` section of bench/results.json (trials,
 * divergences, falseInSync, convergeMs p50/p95, failingSeeds...). Targets
 * (0 divergences, 0 false in sync, p95 under 10 s) are reported as met or
 * missed; the exit code is 0 unless the bench could not run.
 *
 * `--test` (the short version in npm test): 6 trials unless --trials says
 * otherwise, reuses the build, writes no results, and exits 1 if any trial
 * diverged or any false "in sync" was seen, ending with the line
 * "chaos: N passed, M failed".
 *
 * Options: --seed N (the first trial's seed; trial k uses N + k; random
 * otherwise, and printed), --trials N (BENCH_CHAOS_TRIALS, default 100),
 * --test. Environment: BENCH_SKIP_BUILD=1, CHROMIUM_PATH.
 */
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { randomInt } from 'node:crypto';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { build } from 'vite';
import { coresLine, findChromium, log, machine, round1, stats, updateResults, withTimeout } from './common.mjs';
import { runBench, servePages } from './lib/harness.mjs';
import { HUB_ADDRESS, assertPrivateNetwork, makeNetwork, peerAddress } from './chaos/network.mjs';
import { Peer } from './chaos/peer.mjs';
import { Sampler } from './chaos/sampler.mjs';
import { FAULTS, describePlan, planTrial } from './chaos/schedule.mjs';
import { SignalingServer } from './chaos/signaling.mjs';

const { values: args } = parseArgs({
  options: { seed: { type: 'string' }, trials: { type: 'string' }, test: { type: 'boolean' } },
  strict: true,
});
const TEST = args.test === true;
/** BENCH_CHAOS_DEBUG=1: whole error messages (Playwright's call logs) for edits that failed. */
const DEBUG = process.env.BENCH_CHAOS_DEBUG === '1';
const TRIALS = Number(args.trials ?? process.env.BENCH_CHAOS_TRIALS ?? (TEST ? 6 : 100));
const SEED = args.seed !== undefined ? Number(args.seed) : randomInt(1, 2 ** 31 - 1);
if (!Number.isInteger(TRIALS) || TRIALS < 0 || !Number.isInteger(SEED)) throw new Error('--trials and --seed take whole numbers');

/** The issue's bound: after healing, everyone shows the same thing within this. */
const CONVERGE_LIMIT_MS = 10_000;
/** After a divergence: how long reloaded browsers get to agree before a fresh incident is declared. */
const RECOVER_LIMIT_MS = 30_000;
const TRIAL_TIMEOUT_MS = 120_000;
const EDIT_TIMEOUT_MS = 15_000;
const FAULT_STEP_TIMEOUT_MS = 45_000;
const SETUP_TIMEOUT_MS = 180_000;
const TOTAL_TIMEOUT_MS = SETUP_TIMEOUT_MS + TRIALS * TRIAL_TIMEOUT_MS;

const PEOPLE = ['Ada', 'Bo', 'Cy', 'Di'];
/** Responders a handover or the task can go to (checked in at the start). */
const RESPONDERS = ['Quin Adler', 'Ray Brooks', 'Sam Cole', 'Tia Diaz'];
const TASK = 'Check replication lag';

async function buildAll() {
  if (TEST || process.env.BENCH_SKIP_BUILD === '1') {
    for (const built of ['out/web/index.html', 'out/signal/cli.js']) {
      if (!existsSync(built)) throw new Error(`${built} is not built: run npm run build first (npm test does).`);
    }
    return;
  }
  log('Building the web app and the signaling server…');
  await build({ configFile: resolve('vite.web.config.ts'), logLevel: 'warn' });
  await build({ configFile: resolve('vite.signal.config.ts'), logLevel: 'warn' });
}

/** Everything a run holds, so that it can all be stopped from one place (also on the watchdog's exit). */
const held = { peers: [], servers: [], network: null, pages: null, profiles: null };
// A signal ends the run through process.exit, so that the 'exit' handler below still stops what it started.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) process.on(signal, () => process.exit(code));
process.on('exit', () => {
  for (const server of held.servers) server.child?.kill('SIGKILL');
  for (const peer of held.peers) {
    try {
      if (peer.pid) process.kill(-peer.pid, 'SIGKILL');
    } catch {
      // Gone.
    }
  }
  if (held.profiles) rmSync(held.profiles, { recursive: true, force: true });
});

/** The response every trial runs against: declared by A, four responders, one task, shared through both servers, joined by B, C, D. */
async function setUpIncident(peers, signaling) {
  const [a, ...others] = peers;
  const incidentId = await a.declare('Primary database down; replicas lagging');
  const incidentName = await a.page.locator('.incident-view h1').innerText();
  for (const name of RESPONDERS) await a.checkIn(name);
  await a.addTask('Restore writes', TASK, RESPONDERS[0]);
  const invite = await a.share(signaling.map((s) => s.url));
  // Together, as a response's first minutes go: three people paste the invite at once.
  await Promise.all(others.map((peer) => peer.join(invite)));
  return { incidentId, incidentName };
}

/** What the four show agrees: IC, entries, status text, and the app's digest where it has one. */
function agreement(shown) {
  const first = shown[0];
  const same = (f) => shown.every((s) => f(s) === f(first));
  const problems = [];
  if (shown.some((s) => s.ic === null || s.summary === null || !Number.isFinite(s.entries))) problems.push('something not shown');
  if (!same((s) => s.ic)) problems.push(`IC ${shown.map((s) => s.ic).join(' / ')}`);
  if (!same((s) => s.entries)) problems.push(`entries ${shown.map((s) => s.entries).join(' / ')}`);
  if (!same((s) => s.summary)) problems.push(`status text lengths ${shown.map((s) => s.summary?.length).join(' / ')}`);
  if (!same((s) => s.sync?.digest ?? null)) problems.push(`digests ${shown.map((s) => s.sync?.digest).join(' / ')}`);
  return problems;
}

/** An error in one line: Playwright's first line and the last step of its call log. */
function brief(error) {
  const lines = String(error?.message ?? error)
    // Playwright colours its call log.
    .replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const step = lines.filter((l) => l.startsWith('- ')).pop();
  return step ? `${lines[0]} (${step.slice(2)})` : lines[0];
}

const visibleDigest = (s) => `${s.ic}|${s.entries}|${s.summary}`;

/**
 * Polls until all four show the same (or `limitMs` passes). With the app's
 * digest, the cheap header is polled until the digests agree, then what is
 * shown is read; without it, what is shown is read every round. Every round
 * also goes to the sampler. Returns { ok, ms, shown, problems }.
 */
async function awaitAgreement(peers, sampler, from, limitMs) {
  const deadline = from + limitMs;
  let last = { shown: [], problems: ['not read'] };
  for (let round = 0; ; round++) {
    if (sampler.appDigest) {
      const syncs = await Promise.all(peers.map((p) => withTimeout(p.readSync(), 3_000, 'reading a header').catch(() => null)));
      const digests = syncs.map((s) => s?.digest ?? null);
      if (digests.some((d) => d === null) || new Set(digests).size > 1) {
        if (Date.now() > deadline) {
          // For the report: what each shows, beside the digests that disagree.
          const shown = await Promise.all(peers.map((p, i) => p.lock.run(() => withTimeout(p.readShown(), 8_000, 'reading')).catch(() => ({ sync: syncs[i] }))));
          const problems = agreement(shown);
          last = { shown, problems: problems.length ? problems : [`digests ${digests.join(' / ')}`] };
          break;
        }
        await sleep(100);
        continue;
      }
    }
    const shown = await Promise.all(peers.map((p) => p.lock.run(() => withTimeout(p.readShown(), 8_000, `${p.label}: reading what it shows`)))).catch((error) => {
      log(`  (a reading failed: ${error.message})`);
      return null;
    });
    const at = Date.now();
    if (shown) {
      const read = new Set();
      shown.forEach((s, i) => {
        if (!s.sync) return;
        sampler.observe(i, s.sync, s.sync.digest ?? visibleDigest(s), at);
        read.add(i);
      });
      sampler.judge(at, read);
      const problems = agreement(shown);
      if (!problems.length) return { ok: true, ms: at - from, shown, problems };
      last = { shown, problems };
    }
    if (at > deadline) break;
    await sleep(sampler.appDigest ? 100 : 250);
  }
  return { ok: false, ms: null, ...last };
}

/** Runs one trial: its faults and edits at their times, then heals and measures. */
async function runTrial(ctx, index, seed) {
  const { peers, network, signaling, sampler, incident } = ctx;
  const plan = planTrial(seed, peers.length, RESPONDERS);
  const label = (i) => String.fromCharCode(65 + i);
  log(`trial ${index + 1}/${TRIALS} seed ${seed}: ${describePlan(plan, label)}`);
  sampler.setTrial({ index, seed });
  const record = { index, seed, faults: plan.faults.map((f) => f.kind), edits: { made: 0, refused: 0, skipped: 0 }, convergeMs: null, diverged: false, problems: [], errors: [] };
  const start = Date.now();
  const at = (ms) => sleep(Math.max(0, start + ms - Date.now()));
  const step = (what, promise) =>
    withTimeout(promise, FAULT_STEP_TIMEOUT_MS, what).catch((error) => {
      record.errors.push(`${what}: ${brief(error)}`);
      log(`  ! ${what}: ${DEBUG ? error.message : brief(error)}`);
    });

  const ui = (peer, what, fn) =>
    step(
      `${peer.label} ${what}`,
      peer.lock.run(async () => {
        if (!peer.alive) return;
        try {
          await fn();
        } catch (error) {
          await peer.tidy().catch(() => {});
          throw error;
        }
      }),
    );
  const restart = (peer) =>
    step(
      `${peer.label} restart`,
      peer.lock.run(async () => {
        if (peer.alive) return;
        sampler.forget(peer.index);
        await peer.launch();
        await peer.openIncident(incident.incidentId);
      }),
    );
  const pause = (peer) => ui(peer, 'pause', async () => !peer.paused && peer.setPaused(true));
  const resume = (peer) => ui(peer, 'resume', async () => peer.paused && peer.setPaused(false));

  async function fault(f) {
    const [a, b] = (f.peers ?? []).map((i) => peers[i]);
    await at(f.at);
    switch (f.kind) {
      case 'pause':
        await pause(a);
        await at(f.at + f.ms);
        await resume(a);
        break;
      case 'reopen':
        await ui(a, 'reopen', () => a.reopen(incident.incidentName));
        break;
      case 'reopen-pause':
        await ui(a, 'reopen', () => a.reopen(incident.incidentName));
        await pause(a);
        await at(f.at + f.ms);
        await resume(a);
        break;
      case 'kill':
        await step(`${a.label} SIGKILL`, a.kill());
        sampler.forget(a.index);
        await at(f.at + f.ms);
        await restart(a);
        break;
      case 'signal-restart': {
        const server = signaling.active;
        await step(`signaling ${server.name} SIGKILL`, server.kill());
        await at(f.at + f.ms);
        await step(`signaling ${server.name} restart`, server.start());
        break;
      }
      case 'signal-replace': {
        const old = signaling.active;
        const next = signaling.servers.find((s) => s !== old);
        await step(`signaling ${old.name} SIGKILL`, old.kill());
        await sleep(Math.min(f.ms, 1_000));
        await step(`signaling ${next.name} start`, next.start());
        signaling.active = next;
        break;
      }
      case 'cut':
        await step(`cut ${a.label}-${b.label}`, network.cut(a.index, b.index));
        await at(f.at + f.ms);
        await step(`heal ${a.label}-${b.label}`, network.heal(a.index, b.index));
        break;
      case 'glare': {
        await Promise.all([pause(a), pause(b)]);
        await at(f.at + f.ms);
        // Both dialogs open, then both "Resume sync" at once: each announces itself and each answers the other with an offer.
        let arrived = 0;
        let go;
        const bothReady = new Promise((resolveGo) => (go = resolveGo));
        const together = (peer) =>
          step(
            `${peer.label} resume (glare)`,
            peer.lock.run(async () => {
              let dialog = null;
              try {
                if (peer.alive && peer.paused) {
                  dialog = await peer.openShareDialog();
                  // Reopened since it paused: already syncing.
                  if ((await dialog.getByRole('button', { name: /^(Pause|Resume) sync$/ }).innerText()) !== 'Resume sync') peer.paused = false;
                }
              } finally {
                if (++arrived === 2) go();
              }
              await withTimeout(bothReady, 10_000, 'the other side of the glare');
              if (!dialog) return;
              try {
                if (peer.paused) await dialog.getByRole('button', { name: 'Resume sync' }).click();
                peer.paused = false;
                await dialog.getByRole('button', { name: 'Done' }).click();
              } catch (error) {
                await peer.tidy().catch(() => {});
                throw error;
              }
            }),
          );
        await Promise.all([together(a), together(b)]);
        break;
      }
      default:
        throw new Error(`unknown fault ${f.kind}`);
    }
  }

  let counter = 0;
  async function edit(e) {
    const peer = peers[e.peer];
    await at(e.at);
    if (!peer.alive) {
      record.edits.skipped++;
      return;
    }
    const tag = `${label(e.peer)}${index}.${++counter}`;
    await peer.lock.run(async () => {
      if (!peer.alive) {
        record.edits.skipped++;
        return;
      }
      try {
        await withTimeout(
          (async () => {
            if (e.kind === 'note') await peer.note(`Note ${tag} from ${peer.name}`);
            else if (e.kind === 'status') await peer.typeStatus(`[${tag}] `);
            else if (e.kind === 'reassign') await peer.reassignTask(TASK, e.to);
            else await peer.handOverCommand(e.to);
          })(),
          EDIT_TIMEOUT_MS,
          `${peer.label} ${e.kind}`,
        );
        record.edits.made++;
      } catch (error) {
        record.edits.refused++;
        if (peer.alive) log(`  (${peer.label} ${e.kind} ${e.to ?? ''}: ${DEBUG ? error.message : brief(error)})`);
        await peer.tidy().catch(() => {});
      }
    });
  }

  await Promise.all([...plan.faults.map(fault), ...plan.edits.map(edit)]);

  // Healed: whatever a fault's own end left undone (a step that failed) is done now.
  await network.healAll();
  if (!signaling.active.running) await step(`signaling ${signaling.active.name} start`, signaling.active.start());
  for (const peer of peers) {
    if (!peer.alive) await restart(peer);
    if (peer.alive && !peer.paused && (await peer.pausedShown().catch(() => false))) {
      record.errors.push(`${peer.label} was paused without the harness knowing`);
      peer.paused = true;
    }
    if (peer.paused) await resume(peer);
  }
  const unhealed = peers.filter((p) => !p.alive || p.paused);
  if (unhealed.length) throw new Error(`could not heal ${unhealed.map((p) => p.label).join(', ')}: ${record.errors.join('; ')}`);
  const healedAt = Date.now();
  record.activeMs = healedAt - start;
  for (const peer of peers) await peer.lock.run(() => peer.tidy().catch(() => {}));

  const result = await awaitAgreement(peers, sampler, healedAt, CONVERGE_LIMIT_MS);
  record.convergeMs = result.ms;
  record.diverged = !result.ok;
  record.problems = result.problems;
  record.falseInSync = sampler.episodesIn(index);
  log(
    `  ${result.ok ? `converged in ${(result.ms / 1000).toFixed(2)} s` : `DIVERGED (seed ${seed}): ${result.problems.join('; ')}`}` +
      ` · edits ${record.edits.made} made, ${record.edits.refused} refused, ${record.edits.skipped} skipped · faults over after ${(record.activeMs / 1000).toFixed(1)} s`,
  );
  if (!result.ok) {
    for (const [i, s] of result.shown.entries()) {
      log(`    ${peers[i].label}: IC ${s.ic ?? '?'}, ${s.entries ?? '?'} entries, status ${JSON.stringify((s.summary ?? '').slice(0, 60))}…, header "${s.sync?.label ?? '?'}", digest ${s.sync?.digest ?? '-'}`);
    }
  }
  return record;
}

/** After a divergence: reload every browser; if they still disagree, start over on a fresh incident. */
async function recover(ctx) {
  const { peers, sampler } = ctx;
  log('  recovering: reloading every browser…');
  for (const peer of peers) {
    await peer.lock.run(async () => {
      sampler.forget(peer.index);
      const reload = async () => {
        await peer.page.reload();
        await peer.waitIncidentReady();
      };
      // A browser that is down, or that cannot show the incident again, is started afresh on its profile.
      const reloaded = peer.alive && (await reload().then(() => true, () => false));
      if (!reloaded) {
        await peer.launch();
        await peer.openIncident(ctx.incident.incidentId);
      }
      peer.paused = await peer.pausedShown();
      if (peer.paused) await peer.setPaused(false);
    });
  }
  const result = await awaitAgreement(peers, sampler, Date.now(), RECOVER_LIMIT_MS);
  if (result.ok) {
    log(`  recovered: in agreement ${(result.ms / 1000).toFixed(1)} s after reloading`);
    return 'reload';
  }
  log(`  still apart after reloading (${result.problems.join('; ')}): declaring a fresh incident`);
  ctx.incident = await setUpIncident(peers, ctx.signaling.servers);
  const fresh = await awaitAgreement(peers, sampler, Date.now(), RECOVER_LIMIT_MS);
  if (!fresh.ok) throw new Error(`A fresh incident did not reach every browser: ${fresh.problems.join('; ')}`);
  return 'fresh incident';
}

function summarize(records, sampler, meta) {
  const converged = records.filter((r) => r.convergeMs !== null).map((r) => r.convergeMs);
  const s = converged.length ? stats(converged) : null;
  const p = (q) => {
    if (!converged.length) return null;
    const sorted = [...converged].sort((x, y) => x - y);
    return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
  };
  const divergences = records.filter((r) => r.diverged);
  const errored = records.filter((r) => r.harnessError);
  const failing = records.filter((r) => r.diverged || r.falseInSync > 0);
  const faults = Object.fromEntries(FAULTS.map(({ kind }) => [kind, records.filter((r) => r.faults.includes(kind)).length]));
  const edits = records.reduce((sum, r) => ({ made: sum.made + r.edits.made, refused: sum.refused + r.edits.refused, skipped: sum.skipped + r.edits.skipped }), { made: 0, refused: 0, skipped: 0 });
  return {
    trials: records.length,
    divergences: divergences.length,
    falseInSync: sampler.episodes.size,
    falseInSyncSamples: sampler.falseSamples.length,
    convergeMs: { p50: p(0.5) === null ? null : round1(p(0.5)), p95: p(0.95) === null ? null : round1(p(0.95)), max: s ? round1(s.max) : null, n: converged.length },
    failingSeeds: [...new Set(failing.map((r) => r.seed))],
    harnessErrors: errored.length,
    digest: sampler.appDigest ? 'the app\'s data-digest' : 'none in the app: IC, entries and status text as shown',
    faults,
    edits,
    ...meta,
  };
}

async function main() {
  if (TEST && process.env.CP_PRIVATE_NET !== '1') {
    // test/e2e/private-network.sh found no way to make a namespace here (no unshare, no user namespaces).
    log('note: no private network namespace here, so no chaos trials (they cut links between browsers)');
    process.stdout.write(`chaos: 0 passed, 0 failed, ${TRIALS} skipped\n`);
    return 0;
  }
  assertPrivateNetwork();
  await buildAll();
  const begun = Date.now();
  const { executablePath, webrtcArgs } = await findChromium();
  if (!executablePath) throw new Error('The chaos bench needs a Chromium executable (CHROMIUM_PATH or /usr/bin/chromium) to launch in each namespace.');
  log(`Chaos: ${TRIALS} trials from seed ${SEED} (trial k uses seed ${SEED} + k); 4 browsers; ${coresLine()}`);

  held.network = await makeNetwork(PEOPLE.length);
  const network = held.network;
  held.pages = await servePages(resolve('out/web'), HUB_ADDRESS);
  const { origin } = held.pages;
  // The pages come from the hub's address, not one of the app's own origins: the servers must let them in.
  const servers = [new SignalingServer('S1', origin), new SignalingServer('S2', origin)];
  held.servers = servers;
  // Both get their ports now; only the first runs at the start.
  await servers[1].start();
  await servers[1].kill();
  await servers[0].start();
  const signaling = { servers, active: servers[0] };
  held.profiles = await mkdtemp(join(os.tmpdir(), 'cp-chaos-'));
  log(`App at ${origin}; signaling ${servers.map((s) => s.url).join(' and ')}; browsers at ${PEOPLE.map((_, i) => peerAddress(i)).join(', ')}`);

  const peers = PEOPLE.map(
    (name, index) =>
      new Peer({ index, name, netns: network.netns[index], profile: join(held.profiles, `peer-${index}`), origin, chromium: executablePath, args: webrtcArgs, log }),
  );
  held.peers = peers;
  const sampler = new Sampler(peers, log);
  const ctx = { peers, network, signaling, sampler, incident: null };
  const records = [];
  let version = null;
  try {
    await withTimeout(
      (async () => {
        await Promise.all(peers.map((peer) => peer.launch()));
        log(`Browsers up in ${((Date.now() - begun) / 1000).toFixed(1)} s`);
        version = await peers[0].page.evaluate(() => navigator.userAgent);
        ctx.incident = await setUpIncident(peers, servers);
        const ready = await awaitAgreement(peers, sampler, Date.now(), 60_000);
        if (!ready.ok) throw new Error(`The four never agreed after joining: ${ready.problems.join('; ')}`);
      })(),
      SETUP_TIMEOUT_MS,
      'Setting up the incident on four browsers',
    );
    log(`Set up in ${((Date.now() - begun) / 1000).toFixed(1)} s: incident ${ctx.incident.incidentName}`);
    sampler.start();
    for (let k = 0; k < TRIALS; k++) {
      const seed = SEED + k;
      let record;
      try {
        record = await withTimeout(runTrial(ctx, k, seed), TRIAL_TIMEOUT_MS, `trial ${k + 1}`);
      } catch (error) {
        log(`  trial ${k + 1} (seed ${seed}) could not run to the end: ${brief(error)}`);
        record = { index: k, seed, faults: [], edits: { made: 0, refused: 0, skipped: 0 }, convergeMs: null, diverged: false, harnessError: brief(error), falseInSync: sampler.episodesIn(k) };
      }
      records.push(record);
      if (record.diverged || record.harnessError) {
        record.recovery = await withTimeout(recover(ctx), 3 * RECOVER_LIMIT_MS + SETUP_TIMEOUT_MS, 'Recovering');
        if (records.filter((r) => r.harnessError).length > Math.max(3, TRIALS / 5)) throw new Error('Too many trials could not run; stopping.');
      }
    }
  } finally {
    await sampler.stop();
    for (const peer of peers) await peer.close();
    for (const server of servers) await server.kill();
    await held.pages.server.close().catch(() => {});
    await network.close();
    rmSync(held.profiles, { recursive: true, force: true });
    held.profiles = null;
  }

  const totalS = (Date.now() - begun) / 1000;
  const summary = summarize(records, sampler, {
    seed: SEED,
    durationS: Math.round(totalS),
    trialMs: records.length ? Math.round(records.reduce((sum, r) => sum + (r.activeMs ?? 0), 0) / records.length) : null,
    namePromptsAfterRestart: peers.reduce((sum, p) => sum + (p.namePrompts ?? 0), 0),
  });
  const targets = { divergences: 0, falseInSync: 0, convergeP95MaxMs: CONVERGE_LIMIT_MS };
  const met = {
    divergences: summary.divergences === 0,
    falseInSync: summary.falseInSync === 0,
    convergeP95: summary.convergeMs.p95 !== null && summary.convergeMs.p95 < CONVERGE_LIMIT_MS,
  };
  const lines = [
    '',
    `Chaos: ${summary.trials} trials, 4 browsers, seed ${SEED}, ${(totalS / 60).toFixed(1)} min on ${coresLine()}`,
    `digest compared: ${summary.digest}`,
    `divergences (not agreeing 10 s after healing): ${summary.divergences}  ${met.divergences ? 'target 0: met' : 'target 0: MISSED'}`,
    `false "in sync" (trial x browser): ${summary.falseInSync} (${summary.falseInSyncSamples} samples)  ${met.falseInSync ? 'target 0: met' : 'target 0: MISSED'}`,
    `converged after healing: p50 ${summary.convergeMs.p50 ?? '-'} ms, p95 ${summary.convergeMs.p95 ?? '-'} ms, max ${summary.convergeMs.max ?? '-'} ms (${summary.convergeMs.n} trials)  ${met.convergeP95 ? 'target p95 < 10 s: met' : 'target p95 < 10 s: MISSED'}`,
    `faults drawn: ${Object.entries(summary.faults).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `edits: ${summary.edits.made} made, ${summary.edits.refused} refused or cut short, ${summary.edits.skipped} skipped (browser down)`,
    summary.harnessErrors ? `trials that could not run to the end: ${summary.harnessErrors}` : null,
    summary.failingSeeds.length ? `failing seeds (replay one: npm run bench:chaos -- --seed N --trials 1): ${summary.failingSeeds.join(', ')}` : null,
    '',
  ].filter((l) => l !== null);
  process.stdout.write(lines.join('\n'));

  if (TEST) {
    const failed = records.filter((r) => r.diverged || r.falseInSync > 0 || r.harnessError).length;
    process.stdout.write(`chaos: ${records.length - failed} passed, ${failed} failed\n`);
    return failed ? 1 : 0;
  }
  await updateResults((previous) => ({
    ...previous,
    chaos: {
      date: new Date().toISOString(),
      chromium: { version, executablePath },
      machine: machine(),
      setup: '4 Chromium browsers, each in its own network namespace joined to the private one; the real signaling server (two, one up at a time); pages on the hub address',
      ...summary,
      targets,
      met: { ...met, all: Object.values(met).every(Boolean) },
      // The trials that failed, with what was wrong (every trial's line is in the log).
      failing: records
        .filter((r) => r.diverged || r.falseInSync > 0 || r.harnessError)
        .map((r) => ({ seed: r.seed, faults: r.faults, diverged: r.diverged, falseInSync: r.falseInSync ?? 0, problems: r.problems ?? [], ...(r.harnessError ? { error: r.harnessError } : {}) })),
    },
  }));
  return 0;
}

runBench('The chaos bench', TOTAL_TIMEOUT_MS, main);
