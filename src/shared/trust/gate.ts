/**
 * The live check of a signed incident on this machine: it watches the
 * doc's entries, seals and statements, has the ledger decide (ledger.ts),
 * and answers the projection's one question, whether an entry may change
 * the incident (../incident/entry-gate.ts).
 *
 * An entry written here is admitted while its seal is being made (the
 * sealer knows it is ours and will sign it); every other entry waits for
 * its check, a fraction of a millisecond of WebCrypto per signature, run
 * off the keystroke's path and coalesced when changes arrive together.
 * Each check is given only what was added since the last (found from the
 * transaction, not by reading the whole timeline), so its cost does not
 * grow with the incident. Opening an incident this machine checked before
 * starts from its checkpoint (checkpoint.ts).
 */
import * as Y from 'yjs';
import { setEntryGate, type EntryGate, type GateChange } from '../incident/entry-gate';
import { isTimelineEvent, timelineOf, type TimelineEvent } from '../incident/schema';
import { checkedState, checkpointOf, presumptionFrom, type CheckedState, type TrustCheckpoint } from './checkpoint';
import { removedFrom, valuesSince } from './appended';
import { sealsOf, statementsOf } from './doc';
import { TrustLedger, type LedgerInput, type TrustReport } from './ledger';
import { isSignedIncidentId } from './records';
import { Sealer, type SealerOptions } from './sealer';
import type { Signer } from './signatures';

export class TrustGate implements EntryGate {
  private readonly ledger: TrustLedger;
  private current: TrustReport | null = null;
  private readonly listeners = new Set<(change: GateChange) => void>();
  private readonly reportListeners = new Set<(report: TrustReport) => void>();
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  /** What was added since the last check began (observers collect it; a check takes it). */
  private pending: Pending = emptyPending();
  /** What the doc held when the current report's check began: a checkpoint names it. */
  private held: CheckedState | null = null;
  /** The first check reads everything (and starts from the checkpoint, if there is one). */
  private first = true;
  /**
   * Values added since the first check and not yet decided. After a first
   * check from a checkpoint, an entry with no verdict is either one of
   * these or one the checkpoint covers (which stands).
   */
  private readonly undecided = new WeakSet<object>();
  /** Entries are never changed in place: each is checked for its shape once. */
  private readonly shapes = new WeakMap<object, boolean>();
  private readonly wellFormed = (entry: unknown): entry is TimelineEvent => {
    if (typeof entry !== 'object' || entry === null) return false;
    let ok = this.shapes.get(entry);
    if (ok === undefined) this.shapes.set(entry, (ok = isTimelineEvent(entry)));
    return ok;
  };
  private readonly onTimeline = (_event: unknown, transaction: Y.Transaction) => this.collect(timelineOf(this.doc), transaction, this.pending.entries);
  private readonly onSeals = (_event: unknown, transaction: Y.Transaction) => this.collect(sealsOf(this.doc), transaction, this.pending.seals);
  private readonly onStatements = () => void this.check();
  private readonly stopSealer: () => void;

  constructor(
    private readonly doc: Y.Doc,
    private readonly sealer: Sealer | null,
    private readonly checkpoint: TrustCheckpoint | null = null,
  ) {
    this.ledger = new TrustLedger(doc.guid);
    timelineOf(doc).observe(this.onTimeline);
    statementsOf(doc).observe(this.onStatements);
    sealsOf(doc).observe(this.onSeals);
    // An entry whose seal could not be made is no longer admitted as this machine's own.
    this.stopSealer = sealer ? sealer.onGaveUp(() => this.changed(true)) : () => undefined;
    void this.check();
  }

  /** The last decision; null until the first check has finished. */
  get report(): TrustReport | null {
    return this.current;
  }

  admits(entry: TimelineEvent): boolean {
    const report = this.current;
    const verdict = report?.verdicts.get(entry);
    // Checked before its seal was made: it is this machine's own, and stands until the seal says otherwise.
    if (verdict && (verdict.ok || verdict.reason !== 'unsigned')) return verdict.ok;
    if (!verdict && report?.presumed && !this.undecided.has(entry)) return true;
    return this.sealer?.wrote(entry) ?? false;
  }

  subscribe(listener: (change: GateChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called with each new decision. */
  onReport(listener: (report: TrustReport) => void): () => void {
    this.reportListeners.add(listener);
    if (this.current) listener(this.current);
    return () => this.reportListeners.delete(listener);
  }

  /** Resolves once everything held now has been checked. */
  async checked(): Promise<TrustReport> {
    while (this.running) await this.running;
    return this.current ?? (await this.check().then(() => this.current!));
  }

  /**
   * Resolves with a report in which every entry was checked now, none taken
   * on the checkpoint's word: what a fingerprint or a removal is made from.
   */
  async complete(): Promise<TrustReport> {
    const report = await this.checked();
    if (!report.presumed) return report;
    this.first = true;
    await this.check();
    return this.checked();
  }

  /** What this machine has verified, to keep beside the incident; null before the first check or on an unsigned incident. */
  checkpointNow(): TrustCheckpoint | null {
    return this.current && this.held ? checkpointOf(this.doc.guid, this.held, this.current) : null;
  }

  stop(): void {
    this.stopped = true;
    timelineOf(this.doc).unobserve(this.onTimeline);
    statementsOf(this.doc).unobserve(this.onStatements);
    sealsOf(this.doc).unobserve(this.onSeals);
    this.stopSealer();
    this.listeners.clear();
    this.reportListeners.clear();
  }

  private collect<T>(array: Y.Array<T>, transaction: Y.Transaction, into: unknown[]): void {
    const added: unknown[] = [];
    valuesSince(this.doc, array, transaction.beforeState, added);
    for (const value of added) {
      into.push(value);
      if (typeof value === 'object' && value !== null) this.undecided.add(value);
    }
    if (removedFrom(array, transaction)) this.pending.removed = true;
    void this.check();
  }

  private check(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        // Changes arriving together (an entry and its seal) are checked together.
        await Promise.resolve();
        const change = this.pending;
        this.pending = emptyPending();
        // Decided once this run reports (a report never leaves out what it was given).
        const taken = change.entries;
        const held = checkedState(this.doc);
        const all = (): LedgerInput => ({ statements: statementsOf(this.doc).toArray(), seals: sealsOf(this.doc).toArray(), entries: timelineOf(this.doc).toArray().filter(this.wellFormed) });
        let report: TrustReport;
        const everything = this.first;
        if (this.first) {
          // Everything is read now: what the observers collected is in it.
          const checkpoint = this.current ? null : this.checkpoint;
          this.first = false;
          const presumption = checkpoint && presumptionFrom(this.doc, checkpoint, this.wellFormed);
          report = presumption ? await this.ledger.adopt({ ...presumption, statements: held.statements }, all) : await this.ledger.assess(all());
        } else {
          report = await this.ledger.update({ statements: held.statements, seals: change.seals, entries: change.entries.filter(this.wellFormed), removed: change.removed }, all);
        }
        if (this.stopped) return;
        for (const value of taken) if (typeof value === 'object' && value !== null) this.undecided.delete(value);
        this.current = report;
        this.held = held;
        for (const listener of this.reportListeners) listener(report);
        this.changed(report.revoked || everything);
      } while (this.again && !this.stopped);
    })().finally(() => (this.running = null));
    return this.running;
  }

  private changed(revoked: boolean): void {
    for (const listener of this.listeners) listener({ revoked });
  }
}

interface Pending {
  readonly entries: unknown[];
  readonly seals: unknown[];
  removed: boolean;
}

const emptyPending = (): Pending => ({ entries: [], seals: [], removed: false });

/**
 * A signed incident's sealer (when this machine can sign) and gate, from
 * its checkpoint if there is one; the sealer continues its key's chains
 * from where the gate's first check finds them, so opening never checks
 * this key's records twice. Both null on an unsigned incident.
 */
export function openSigned(doc: Y.Doc, signer: Signer | null, options: Omit<SealerOptions, 'heads'>, checkpoint: TrustCheckpoint | null = null): { sealer: Sealer | null; trust: TrustGate | null } {
  if (!isSignedIncidentId(doc.guid)) return { sealer: null, trust: null };
  let trust: TrustGate | null = null;
  const heads = async () => {
    const report = await trust!.checked();
    return { statement: report.headOf(signer!.key, 'statement'), entry: report.headOf(signer!.key, 'entry') };
  };
  // The sealer asks for its heads after this returns (see Sealer), by when the gate is made.
  const sealer = signer ? new Sealer(doc, signer, { ...options, heads }) : null;
  trust = guardIncident(doc, sealer, checkpoint);
  return { sealer, trust };
}

/** Installs the gate on a signed incident's doc (none on an older, unsigned one); returns it, or null. */
export function guardIncident(doc: Y.Doc, sealer: Sealer | null, checkpoint: TrustCheckpoint | null = null): TrustGate | null {
  if (!isSignedIncidentId(doc.guid)) return null;
  const gate = new TrustGate(doc, sealer, checkpoint);
  setEntryGate(doc, gate);
  return gate;
}
