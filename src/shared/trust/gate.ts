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
 */
import type * as Y from 'yjs';
import { setEntryGate, type EntryGate } from '../incident/entry-gate';
import { isTimelineEvent, timelineOf, type TimelineEvent } from '../incident/schema';
import { sealsOf, statementsOf } from './doc';
import { TrustLedger, type TrustReport } from './ledger';
import { isSignedIncidentId } from './records';
import type { Sealer } from './sealer';

export class TrustGate implements EntryGate {
  private readonly ledger: TrustLedger;
  private current: TrustReport | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly reportListeners = new Set<(report: TrustReport) => void>();
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly schedule = () => this.check();
  /** Entries are never changed in place: each is checked for its shape once. */
  private readonly shapes = new WeakMap<object, boolean>();
  private readonly wellFormed = (entry: unknown): entry is TimelineEvent => {
    if (typeof entry !== 'object' || entry === null) return false;
    let ok = this.shapes.get(entry);
    if (ok === undefined) this.shapes.set(entry, (ok = isTimelineEvent(entry)));
    return ok;
  };
  private readonly stopSealer: () => void;

  constructor(
    private readonly doc: Y.Doc,
    private readonly sealer: Sealer | null,
  ) {
    this.ledger = new TrustLedger(doc.guid);
    timelineOf(doc).observe(this.schedule);
    statementsOf(doc).observe(this.schedule);
    sealsOf(doc).observe(this.schedule);
    this.stopSealer = sealer ? sealer.subscribe(() => this.changed()) : () => undefined;
    void this.check();
  }

  /** The last decision; null until the first check has finished. */
  get report(): TrustReport | null {
    return this.current;
  }

  admits(entry: TimelineEvent): boolean {
    const verdict = this.current?.verdicts.get(entry);
    if (verdict) return verdict.ok;
    return this.sealer?.wrote(entry) ?? false;
  }

  subscribe(listener: () => void): () => void {
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

  stop(): void {
    this.stopped = true;
    timelineOf(this.doc).unobserve(this.schedule);
    statementsOf(this.doc).unobserve(this.schedule);
    sealsOf(this.doc).unobserve(this.schedule);
    this.stopSealer();
    this.listeners.clear();
    this.reportListeners.clear();
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
        const entries = timelineOf(this.doc).toArray().filter(this.wellFormed);
        const report = await this.ledger.assess({ statements: statementsOf(this.doc).toArray(), seals: sealsOf(this.doc).toArray(), entries });
        if (this.stopped) return;
        this.current = report;
        for (const listener of this.reportListeners) listener(report);
        this.changed();
      } while (this.again && !this.stopped);
    })().finally(() => (this.running = null));
    return this.running;
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

/** Installs the gate on a signed incident's doc (none on an older, unsigned one); returns it, or null. */
export function guardIncident(doc: Y.Doc, sealer: Sealer | null): TrustGate | null {
  if (!isSignedIncidentId(doc.guid)) return null;
  const gate = new TrustGate(doc, sealer);
  setEntryGate(doc, gate);
  return gate;
}
