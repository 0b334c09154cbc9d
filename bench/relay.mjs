#!/usr/bin/env node
/**
 * Relay cluster benchmark (part of npm run bench; alone: npm run bench:relay).
 *
 * What it measures (bench/relay-workload.ts, run in Node through Vite's
 * runner so it uses the app's own TypeScript): two relay nodes, each
 * `npm run relay`'s build (out/relay/cli.js) in a process of its own on
 * 127.0.0.1, sharing a Redis and a PostgreSQL of their own
 * (scripts/relay-services.sh); 200 command posts (RelayLinks, the class the
 * app runs, on Hocuspocus's own provider over `ws`, every change and every
 * presence sealed) on one 20,000-entry incident. Four of them run in this
 * process and write every entry; the rest are spread over one process per
 * core (this script again, with --command-posts).
 * - propagation: an entry logged by one command post, until each of the
 *   others holds it; the command posts split across the nodes (each lists
 *   one, so half are reached through Redis), then with the share listing
 *   both (the app connects to every relay listed), then on the one node
 *   left after the kill;
 * - a newcomer's full sync, on node 2, against the floor: the incident's
 *   bytes over a plain WebSocket on loopback, applied to a fresh doc;
 * - each node's memory (VmRSS): idle, with the room and its clients;
 * - node 1 killed (SIGKILL): until an entry written at once reaches every
 *   command post, and until every one is up on node 2 alone and synced.
 *
 * Targets (reported, never asserted): propagation to the last client at p95
 * under 250 ms; the clients of a killed node converged within 5 s.
 *
 * Output: tables and the `relay` section of bench/results.json.
 * Environment: BENCH_RELAY_CLIENTS (default 200), BENCH_RELAY_EVENTS
 * (default 20000), BENCH_RELAY_ROUNDS (default 30), BENCH_RELAY_NEWCOMERS
 * (default 5), BENCH_RELAY_HOSTS (processes for the command posts; default
 * one per core), BENCH_SKIP_BUILD=1 (reuse out/relay). Redis and PostgreSQL
 * are those of COMMAND_POST_RELAY_REDIS and COMMAND_POST_RELAY_POSTGRES when
 * both are set, else started and stopped here.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, runnerImport } from 'vite';
import { log, machine, round1, roundStats, stats, updateResults } from './common.mjs';
import { runBench, statsHeader, statsRow } from './lib/harness.mjs';

const CLIENTS = Number(process.env.BENCH_RELAY_CLIENTS ?? 200);
const EVENTS = Number(process.env.BENCH_RELAY_EVENTS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_RELAY_ROUNDS ?? 30);
const NEWCOMERS = Number(process.env.BENCH_RELAY_NEWCOMERS ?? 5);
const HOSTS = Number(process.env.BENCH_RELAY_HOSTS ?? Math.max(1, os.cpus().length));
const WARMUP = 3;
const ROUNDS_AFTER_KILL = Math.max(5, Math.round(ROUNDS / 3));
const TARGETS = { propagationP95Ms: 250, convergeMs: 5_000 };
/** Set from the workload's own (bench/relay-workload.ts). */
let ROUND_LIMIT_MS = 10_000;
const RELAY_CLI = resolve('out/relay/cli.js');

/**
 * What a series of rounds says: when the last command post had the entry,
 * round by round; when each had it; when those with a process of their own
 * had it; and how long the command posts' processes were held up.
 */
function propagation(rounds) {
  const at = (a) => a ?? ROUND_LIMIT_MS;
  const last = rounds.map((r) => Math.max(...r.arrivals.map(at)));
  const own = rounds.flatMap((r) => r.ownProcess.map(at));
  return {
    rounds: rounds.length,
    receivers: rounds[0]?.arrivals.length ?? 0,
    incompleteRounds: rounds.filter((r) => r.arrivals.some((a) => a === null)).length,
    missedArrivals: rounds.reduce((sum, r) => sum + r.arrivals.filter((a) => a === null).length, 0),
    lastClient: roundStats(stats(last)),
    perClient: roundStats(stats(rounds.flatMap((r) => r.arrivals.map(at)))),
    ownProcess: roundStats(stats(own)),
    processesHeldUp: roundStats(stats(rounds.map((r) => r.stallMs))),
    lastClientRuns: last.map(round1),
  };
}

const mb = (bytes) => Math.round(bytes / 1e5) / 10;
const whole = (ms) => (ms === null ? null : round1(ms));

async function main() {
  if (process.env.BENCH_SKIP_BUILD === '1' && existsSync(RELAY_CLI)) log('Reusing out/relay (BENCH_SKIP_BUILD=1).');
  else {
    log('Building the relay (vite.relay.config.ts) into out/relay…');
    await build({ configFile: resolve('vite.relay.config.ts'), logLevel: 'warn' });
  }
  const { module } = await runnerImport(resolve('bench/relay-workload.ts'));
  // A command post that has not had the entry when a round gives up waiting is counted at the limit.
  ROUND_LIMIT_MS = module.ROUND_LIMIT_MS;
  const started = performance.now();
  const result = await module.runRelayBench({
    clients: CLIENTS,
    hosts: HOSTS,
    hostScript: fileURLToPath(import.meta.url),
    events: EVENTS,
    rounds: ROUNDS,
    warmup: WARMUP,
    roundsAfterKill: ROUNDS_AFTER_KILL,
    newcomers: NEWCOMERS,
    relayCli: RELAY_CLI,
    log,
  });
  const runMs = performance.now() - started;

  const series = { split: propagation(result.propagation.split), both: propagation(result.propagation.both), afterKill: propagation(result.propagation.afterKill) };
  const newcomer = roundStats(stats(result.newcomer.ms));
  const admitted = roundStats(stats(result.newcomer.admittedMs));
  const roomReceived = roundStats(stats(result.newcomer.roomMs));
  const floor = roundStats(stats(result.newcomer.floorMs));
  const floorApply = roundStats(stats(result.newcomer.floorApplyMs));
  const newcomerRatio = Math.round((newcomer.median / floor.median) * 100) / 100;
  const nodes = result.memory.nodes.map((n) => ({ idleMB: mb(n.idle), splitMB: mb(n.split), bothMB: mb(n.both), peakMB: mb(n.peak) }));
  const met = (s) => s.lastClient.p95 < TARGETS.propagationP95Ms;
  const kill = result.kill;
  const convergedMs = kill.convergedMs === null || kill.deliveredMs === null ? null : Math.max(kill.convergedMs, kill.deliveredMs);
  const convergeMet = convergedMs !== null && convergedMs < TARGETS.convergeMs;

  const width = 38;
  console.log(
    `\nRelay cluster: 2 nodes and Redis on 127.0.0.1, rooms in ${result.store}; ${result.clients} command posts (RelayLinks), ` +
      `${result.ownProcess} in the bench's process and the rest over ${result.hosts} processes, on one ${result.events.toLocaleString('en-US')}-entry incident (${mb(result.incidentBytes)} MB)`,
  );
  console.log(`the room loaded: the first command post synced in ${Math.round(result.setup.seedMs)} ms; every command post held the incident ${(result.setup.loadAllMs / 1000).toFixed(1)} s after the first wave (${result.setup.joinWave} a wave)`);
  console.log(`\npropagation: ${series.split.rounds} rounds a layout after ${WARMUP} warm-up, ${series.split.receivers} receivers a round; an entry not there within ${ROUND_LIMIT_MS / 1000} s is counted at ${ROUND_LIMIT_MS / 1000} s`);
  console.log(statsHeader(width, 'p50'));
  for (const [key, label] of [
    ['split', 'split: each command post lists one node'],
    ['both', 'both nodes listed by every command post'],
    ['afterKill', 'node 2 alone, after the kill'],
  ]) {
    const s = series[key];
    console.log(label);
    console.log(statsRow(width, '  the last client', s.lastClient));
    console.log(statsRow(width, '  each client', s.perClient));
    console.log(statsRow(width, '  one with a process of its own', s.ownProcess));
    console.log(statsRow(width, '  command post processes held up', s.processesHeldUp));
    if (s.missedArrivals) console.log(`  ${s.missedArrivals} arrivals in ${s.incompleteRounds} rounds not within ${ROUND_LIMIT_MS / 1000} s`);
  }
  console.log(`target: the last client at p95 < ${TARGETS.propagationP95Ms} ms; split: ${met(series.split) ? 'met' : 'NOT met'}; both listed: ${met(series.both) ? 'met' : 'NOT met'}`);

  console.log(`\nnewcomer on node 2 (${result.newcomer.ms.length} fresh ones, cold, in the bench's process)`);
  console.log(statsHeader(width));
  console.log(statsRow(width, 'newcomer: start to every entry', newcomer));
  console.log(statsRow(width, '  of which until admitted', admitted));
  console.log(statsRow(width, '  until the room was received', roomReceived));
  console.log(statsRow(width, 'floor: plain WebSocket, then apply', floor));
  console.log(statsRow(width, 'of the floor, the apply', floorApply));
  console.log(`the newcomer received ${mb(stats(result.newcomer.bytes).median)} MB (the incident: ${mb(result.incidentBytes)} MB); ${newcomerRatio}x the floor`);

  console.log('\nmemory per node (VmRSS, MB)   idle   split (room + clients)   both listed   peak');
  nodes.forEach((n, i) => console.log(`node ${i + 1}${''.padEnd(24)}${String(n.idleMB).padStart(5)}${String(n.splitMB).padStart(25)}${String(n.bothMB).padStart(14)}${String(n.peakMB).padStart(7)}`));
  console.log(`the command posts' processes: ${result.memory.hostsRss.map((b) => `${mb(b)} MB`).join(', ')}`);
  const cores = (c) => `nodes ${c.nodes.join(' and ')}, command post processes ${c.hosts.join(' and ')}`;
  console.log(`CPU, in cores: idle room (presence only, both listed) ${cores(result.cpu.idle)}; split rounds ${cores(result.cpu.split)}; both-listed rounds ${cores(result.cpu.both)}`);

  const say = (ms) => (ms === null ? `never (within ${module.KILL_LIMIT_MS / 1000} s)` : `${Math.round(ms)} ms`);
  console.log(`\nnode 1 killed (SIGKILL): an entry written at once reached every other command post after ${say(kill.deliveredMs)}; every command post was up on node 2 alone and synced after ${say(kill.convergedMs)}`);
  console.log(`target: converged within ${TARGETS.convergeMs / 1000} s: ${convergeMet ? 'met' : 'NOT met'}`);
  const closed = Object.entries(result.closes);
  console.log(closed.length ? `connections closed by a relay or a provider: ${closed.map(([k, n]) => `${k} (${n})`).join('; ')}` : 'no connection closed but by the bench');
  console.log(result.missingAtEnd ? `at the end, ${result.missingAtEnd} command posts still lacked entries` : 'at the end, every command post held every entry written');
  // A stack trace's closing brace says nothing.
  const problems = [...new Set([...result.problems.nodes, ...result.problems.clients])].filter((line) => !/:\s*[{}[\]),]+$/.test(line));
  if (problems.length) console.log(`logged by the relays and command posts (${result.problems.nodes.length + result.problems.clients.length} lines):\n${problems.slice(0, 12).map((p) => `  ${p}`).join('\n')}`);
  console.log(`\nrun: ${(runMs / 1000).toFixed(0)} s\n`);

  await updateResults((previous) => ({
    ...previous,
    relay: {
      date: new Date().toISOString(),
      machine: machine(),
      nodes: 2,
      clients: result.clients,
      ownProcessClients: result.ownProcess,
      clientProcesses: result.hosts,
      events: result.events,
      store: result.store,
      incidentBytes: result.incidentBytes,
      setupMs: { buildIncident: round1(result.setup.buildIncidentMs), seed: round1(result.setup.seedMs), loadAll: round1(result.setup.loadAllMs), joinWave: result.setup.joinWave },
      propagation: { warmupRounds: WARMUP, roundLimitMs: ROUND_LIMIT_MS, ...series },
      newcomer: {
        ms: newcomer,
        runs: result.newcomer.ms.map(round1),
        admittedMs: admitted,
        roomReceivedMs: roomReceived,
        bytesReceived: result.newcomer.bytes,
        floorMs: floor,
        floorRuns: result.newcomer.floorMs.map(round1),
        floorApplyMs: floorApply,
        ratioToFloor: newcomerRatio,
      },
      memory: { nodes, clientProcessesMB: result.memory.hostsRss.map(mb) },
      cpuCores: result.cpu,
      kill: { deliveredMs: whole(kill.deliveredMs), upAndSyncedMs: whole(kill.convergedMs), convergedMs: whole(convergedMs), notDelivered: kill.notDelivered, notConverged: kill.notConverged },
      closes: result.closes,
      missingAtEnd: result.missingAtEnd,
      logged: { nodeLines: result.problems.nodes.length, clientLines: result.problems.clients.length, distinct: problems.slice(0, 12) },
      runSeconds: Math.round(runMs / 1000),
      targets: {
        propagationP95Ms: TARGETS.propagationP95Ms,
        propagationMet: met(series.split),
        propagationBothMet: met(series.both),
        convergeMs: TARGETS.convergeMs,
        convergeMet,
      },
    },
  }));
}

if (process.argv.includes('--command-posts')) {
  // A process of command posts, forked by the bench (bench/relay-workload.ts); it ends when the bench does.
  const { module } = await runnerImport(resolve('bench/relay-workload.ts'));
  module.hostCommandPosts();
} else {
  runBench('Relay benchmark', 9 * 60_000, main);
}
