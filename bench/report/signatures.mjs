/** The signatures section of bench/README.md, from the `signatures` section of bench/results.json. */
import { bytes, ms, num, paragraphs, ratio, table, where } from './format.mjs';

export function signaturesSection(sig) {
  if (!sig) return '';
  const m = sig.ms ?? {};
  const explanation = `**What it times** (\`bench/signatures.mjs\`, alone with \`npm run bench:signatures\`; \`BENCH_SIGNATURES_EVENTS\`, \`BENCH_SIGNATURES_OPENS\`): a signed incident written through the real commands, each entry sealed by the real sealer with Ed25519 (WebCrypto, Node's here). Writing an entry is timed from the command to the entry in the doc, which is what a person waits for after Enter; the seal is made afterwards, off that path, and its cost is timed per entry over batches. Opening is timed as applying the stored bytes to a fresh doc (the floor no open can beat), then checking the record as the machine that verified it before does, from the checkpoint it keeps beside the incident (the open people meet; the first run is cold), and checking every signature and chain in it from nothing, as a machine does the first time it holds the incident. Reading the checkpoint, a few hundred bytes, runs beside reading the stored records and is not in the figure. **Floors:** the same command on an unsigned incident; the apply. **Targets:** an entry in the doc at p95 under ${ms(sig.targets?.writeP95Ms)}; the check on reopening adding at most ${num((sig.targets?.openOverhead ?? 0) * 100)}% to the open floor.`;
  const figures = table(
    ['what', 'median', 'p95'],
    [
      ['writing an entry, signed incident', ms(m.writeSigned?.median), ms(m.writeSigned?.p95)],
      ['floor: writing an entry, unsigned incident', ms(m.writeUnsigned?.median), ms(m.writeUnsigned?.p95)],
      ['signing an entry (after the write)', ms(m.signPerEntry?.median), ms(m.signPerEntry?.p95)],
      ['floor: opening, applying the stored bytes', ms(m.openApply?.median), ms(m.openApply?.p95)],
      ['reopening: checking from the checkpoint', ms(m.openFromCheckpoint?.median), ms(m.openFromCheckpoint?.p95)],
      ['first open on a machine: checking every signature', ms(m.openVerify?.median), ms(m.openVerify?.p95)],
    ],
  );
  const verdicts = `${where(sig)} ${num(sig.events)} entries, ${bytes(sig.storedBytes)} stored. Writing on a signed incident took ${ratio(sig.ratios?.writeSignedToUnsigned)} the unsigned floor: ${sig.targets?.writeMet ? 'met' : 'missed'}. Reopening, the check from the checkpoint took ${ms(m.openFromCheckpoint?.median)} (cold ${ms(m.openFromCheckpoint?.runs?.[0])}), adding ${num(Math.round((m.openFromCheckpoint?.median / m.openApply?.median) * 1000) / 10)}% to the open floor: ${sig.targets?.openMet ? 'met' : 'missed'}. A machine that never held the record checks every signature once, as it arrives: ${ms(m.openVerify?.median)} from nothing, ${num(sig.verifyPerEntryUs)} µs an entry, ${ratio(sig.ratios?.firstCheckToFloor)} the floor, in slices that leave the page answering.`;
  return paragraphs('## Signatures', explanation, verdicts, figures);
}
