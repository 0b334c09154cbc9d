/**
 * The signatures benchmark's workload (bench/signatures.mjs), in the app's
 * own TypeScript: a signed incident of `events` entries written through the
 * real commands and sealed by the real sealer, then what each part costs:
 * writing an entry (the part a person waits for: the command, until the
 * entry is in the doc), signing it (afterwards, off that path), and opening
 * the incident: applying its stored bytes (the floor), checking every
 * signature in it, and checking it again from this machine's checkpoint.
 */
import * as Y from 'yjs';
import { createIncidentDoc, declareIncident, isTimelineEvent, logEvent, timelineOf } from '../src/shared/incident';
import { sealsOf, statementsOf } from '../src/shared/trust/doc';
import { guardIncident, TrustGate } from '../src/shared/trust/gate';
import { TrustLedger } from '../src/shared/trust/ledger';
import { incidentIdFor } from '../src/shared/trust/records';
import { Sealer } from '../src/shared/trust/sealer';
import { generateKeyPair, signerOf } from '../src/shared/trust/signatures';

export interface SignaturesResult {
  readonly events: number;
  /** Per entry, ms: logEvent until the entry is in the doc, on a signed and an unsigned incident. */
  readonly write: { readonly signed: number[]; readonly unsigned: number[] };
  /** Per entry, ms: the sealer's work (sign and append the seal), measured over batches. */
  readonly signPerEntry: number[];
  /**
   * Per open, ms: apply the stored bytes to a fresh doc (the floor); check
   * every signature in it, as a machine that never held it does; and check
   * it as the machine that verified it before does, from its checkpoint.
   */
  readonly open: { readonly apply: number[]; readonly verify: number[]; readonly checkpoint: number[] };
  readonly checkpointBytes: number;
  readonly bytes: number;
}

const BATCH = 200;

function context(actor: string) {
  let t = Date.UTC(2026, 2, 14, 9, 30);
  let n = 0;
  return { actor, now: () => (t += 1_000), newId: () => `ev-${++n}` };
}

export async function runSignaturesBench(events: number, opens: number): Promise<SignaturesResult> {
  const signer = signerOf(await generateKeyPair());
  const nonce = 'bench';
  const doc = createIncidentDoc(incidentIdFor(signer.key, nonce));
  const ctx = context('Sue Park');
  const sealer = new Sealer(doc, signer, { now: ctx.now, onError: (m) => console.error(m) });
  const gate = guardIncident(doc, sealer)!;
  await sealer.state({ type: 'genesis', nonce, name: 'Sue Park', machine: 'bench' });
  declareIncident(doc, { name: '26-Bench', severity: 'SEV-1', synopsis: 'Signatures at scale' }, ctx);

  const unsignedDoc = createIncidentDoc('7c9e6679-7425-40de-944b-e07fc1f90ae7');
  const unsignedCtx = context('Sue Park');
  declareIncident(unsignedDoc, { name: '26-Floor', severity: 'SEV-1', synopsis: 'No signatures' }, unsignedCtx);

  const write = { signed: [] as number[], unsigned: [] as number[] };
  const signPerEntry: number[] = [];
  for (let i = 1; i < events; i += BATCH) {
    const batch = Math.min(BATCH, events - i);
    for (let j = 0; j < batch; j++) {
      // Alternated, so drift in the machine's speed hits both alike.
      let t = performance.now();
      logEvent(doc, { kind: 'note', text: `Entry ${i + j}: replica lag ${j % 17} s on db-${j % 5}` }, ctx);
      write.signed.push(performance.now() - t);
      t = performance.now();
      logEvent(unsignedDoc, { kind: 'note', text: `Entry ${i + j}: replica lag ${j % 17} s on db-${j % 5}` }, unsignedCtx);
      write.unsigned.push(performance.now() - t);
    }
    const t = performance.now();
    await sealer.settled();
    signPerEntry.push((performance.now() - t) / batch);
  }
  const update = Y.encodeStateAsUpdate(doc);
  await gate.checked();
  // As stored in IndexedDB and read back: a structured clone.
  const checkpoint = structuredClone(gate.checkpointNow()!);
  const checkpointBytes = JSON.stringify({ ...checkpoint, stateVector: [...checkpoint.stateVector] }).length;

  const open = { apply: [] as number[], verify: [] as number[], checkpoint: [] as number[] };
  for (let k = 0; k < opens; k++) {
    const fresh = new Y.Doc({ guid: doc.guid });
    let t = performance.now();
    Y.applyUpdate(fresh, update);
    open.apply.push(performance.now() - t);
    t = performance.now();
    const report = await new TrustLedger(doc.guid).assess({
      statements: statementsOf(fresh).toArray(),
      seals: sealsOf(fresh).toArray(),
      entries: timelineOf(fresh).toArray().filter(isTimelineEvent),
    });
    open.verify.push(performance.now() - t);
    const refused = [...report.verdicts.values()].filter((v) => !v.ok).length;
    if (refused) throw new Error(`${refused} entries failed their check: the workload is wrong`);
    fresh.destroy();

    // The machine that checked it before: the same apply, then the gate from its checkpoint.
    const again = new Y.Doc({ guid: doc.guid });
    Y.applyUpdate(again, update);
    t = performance.now();
    const reopened = new TrustGate(again, null, checkpoint);
    const presumed = await reopened.checked();
    open.checkpoint.push(performance.now() - t);
    const entries = timelineOf(again).toArray().filter(isTimelineEvent);
    if (!presumed.presumed || entries.length !== report.verdicts.size || !entries.every((e) => reopened.admits(e))) {
      throw new Error('The checkpoint was not taken: the workload is wrong');
    }
    reopened.stop();
    again.destroy();
  }
  return { events: timelineOf(doc).length, write, signPerEntry, open, bytes: update.byteLength, checkpointBytes };
}
