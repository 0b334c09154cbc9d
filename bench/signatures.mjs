#!/usr/bin/env node
/**
 * Signatures benchmark (part of npm run bench).
 *
 * What it measures, on a signed incident of 20,000 entries written through
 * the real commands and sealed by the real sealer (bench/signatures-workload.ts,
 * run in Node through Vite's runner, with Node's WebCrypto):
 * - writing an entry: the command until the entry is in the doc, which is
 *   what a person waits for after Enter (the seal is made afterwards);
 *   against the same command on an unsigned incident, in the same run;
 * - signing: the sealer's work per entry (WebCrypto's Ed25519 and the seal's
 *   append), measured over batches;
 * - opening: applying the stored bytes to a fresh doc (the floor no open can
 *   beat) and then checking every signature and chain in it from nothing,
 *   as a machine does the first time it holds the incident.
 *
 * Targets (reported, never asserted): an entry in the doc at p95 under
 * 5 ms; the check on reopening adding at most 10% to the open floor.
 *
 * Output: a table and the `signatures` section of bench/results.json.
 * Environment: BENCH_SIGNATURES_EVENTS (default 20000), BENCH_SIGNATURES_OPENS (default 5).
 */
import { resolve } from 'node:path';
import { runnerImport } from 'vite';
import { machine, round2, stats, updateResults } from './common.mjs';

const EVENTS = Number(process.env.BENCH_SIGNATURES_EVENTS ?? 20_000);
const OPENS = Number(process.env.BENCH_SIGNATURES_OPENS ?? 5);
const WRITE_P95_MS = 5;
const OPEN_OVERHEAD = 0.1;

const { module } = await runnerImport(resolve('bench/signatures-workload.ts'));
const result = await module.runSignaturesBench(EVENTS, OPENS);
const warm = (values) => values.slice(Math.ceil(values.length / 10));
const counted = (values) => ({ ...stats(values), n: values.length });
const write = { signed: counted(warm(result.write.signed)), unsigned: counted(warm(result.write.unsigned)) };
const sign = counted(warm(result.signPerEntry));
// The first open is the cold one a person meets; the rest show the spread.
const apply = counted(result.open.apply);
const verify = counted(result.open.verify);
const reopen = counted(result.open.checkpoint);
// The target is the open a person meets on their own machine (from its checkpoint); a machine that never held the record checks it all, reported beside it.
const overhead = reopen.median / apply.median;
const firstOverhead = verify.median / apply.median;

console.log(`\nSignatures: ${result.events} entries, ${Math.round(result.bytes / 1024)} KiB stored`);
console.log('what                                   median ms    p95 ms');
const row = (label, s) => console.log(`${label.padEnd(38)}${String(round2(s.median)).padStart(10)}${String(round2(s.p95)).padStart(10)}`);
row('write an entry, signed incident', write.signed);
row('write an entry, unsigned (floor)', write.unsigned);
row('sign an entry (after, off that path)', sign);
row('open: apply stored bytes (floor)', apply);
row('open: check every signature', verify);
row('open: check from the checkpoint', reopen);
console.log(`check per entry: ${round2((verify.median / result.events) * 1000)} µs. Reopening, the check adds ${round2(overhead * 100)}% to the open floor (cold run ${round2(result.open.checkpoint[0])} ms); on a machine that never held the record, ${round2(firstOverhead * 100)}%. Checkpoint: ${result.checkpointBytes} bytes`);
const writeMet = write.signed.p95 < WRITE_P95_MS;
const openMet = overhead <= OPEN_OVERHEAD;
console.log(`targets: entry in the doc p95 < ${WRITE_P95_MS} ms: ${writeMet ? 'met' : 'NOT met'}; check within ${OPEN_OVERHEAD * 100}% of the open floor: ${openMet ? 'met' : 'NOT met'}\n`);

await updateResults((previous) => ({
  ...previous,
  signatures: {
    date: new Date().toISOString(),
    machine: machine(),
    events: result.events,
    storedBytes: result.bytes,
    ms: {
      writeSigned: { median: round2(write.signed.median), p95: round2(write.signed.p95), n: write.signed.n },
      writeUnsigned: { median: round2(write.unsigned.median), p95: round2(write.unsigned.p95), n: write.unsigned.n },
      signPerEntry: { median: round2(sign.median), p95: round2(sign.p95), n: sign.n },
      openApply: { median: round2(apply.median), p95: round2(apply.p95), n: apply.n, runs: result.open.apply.map(round2) },
      openVerify: { median: round2(verify.median), p95: round2(verify.p95), n: verify.n, runs: result.open.verify.map(round2) },
      openFromCheckpoint: { median: round2(reopen.median), p95: round2(reopen.p95), n: reopen.n, runs: result.open.checkpoint.map(round2) },
    },
    checkpointBytes: result.checkpointBytes,
    verifyPerEntryUs: round2((verify.median / result.events) * 1000),
    ratios: { writeSignedToUnsigned: round2(write.signed.median / write.unsigned.median), openCheckToFloor: round2(overhead), firstCheckToFloor: round2(firstOverhead) },
    targets: { writeP95Ms: WRITE_P95_MS, writeMet, openOverhead: OPEN_OVERHEAD, openMet },
  },
}));
