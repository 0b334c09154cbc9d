/**
 * Signs what this machine writes to an incident, in the order it writes it.
 *
 * Commands stay synchronous (an entry is in the doc the moment Enter is
 * pressed); the sealer watches the timeline for entries written here and
 * signs each one, then appends its seal. WebCrypto signs in well under a
 * millisecond, so a seal follows its entry before the change leaves this
 * machine (the sync waits for it: see `settled`). Statements (invites,
 * admissions, removals) go through the same queue, so this key's records
 * form one chain, each naming the hash of the one before.
 *
 * Only entries written by a command here (LOCAL_ORIGIN) are sealed: an
 * entry that arrived from a peer or a file is never signed by this machine,
 * whoever's name it carries.
 */
import * as Y from 'yjs';
import { LOCAL_ORIGIN } from '../incident/append';
import { timelineOf, type TimelineEvent } from '../incident/schema';
import { verifySignature, type Signer } from './signatures';
import { sealsOf, statementsOf } from './doc';
import { entryBytes, isSeal, isSignedIncidentId, isStatement, recordHash, statementBytes, type Seal, type Statement, type StatementBody } from './records';
import { sealEntry, signStatement } from './sign';

export interface SealerOptions {
  readonly now: () => number;
  /** Signing failed: the entries named stay unsigned, and every peer will refuse them. */
  readonly onError: (message: string) => void;
  /**
   * Where this key's chains stand, verified: the incident's gate knows once
   * its first check is done (a session passes it; see gate.ts). Without it
   * the sealer finds them itself, checking every record of its key.
   */
  readonly heads?: () => Promise<Heads>;
}

export class Sealer {
  /** The hash of this key's latest statement and latest sealed entry: the next of each names it. */
  private heads: Heads = { statement: null, entry: null };
  /** The names this key has stated in this incident (declared, joined or renamed with). */
  private readonly names = new Set<string>();
  private queue: Promise<unknown>;
  /** Entries written here and sealed (or being sealed): admitted here before their check comes back. */
  private readonly mine = new WeakSet<object>();
  private readonly listeners = new Set<(entry: TimelineEvent) => void>();
  private stopped = false;
  /**
   * Runs before any observer of the transaction (the projection's included),
   * so an entry written here is known to be awaiting its seal by the time
   * the projection asks whether it may fold it.
   */
  private readonly onTransaction = (transaction: Y.Transaction) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types the changed map by its own any-typed events
    if (transaction.origin !== LOCAL_ORIGIN || !this.signs || !transaction.changed.has(this.timeline as unknown as Y.AbstractType<Y.YEvent<any>>)) return;
    for (const entry of appendedHere(this.doc, this.timeline, transaction)) this.sealLater(entry);
  };
  private readonly timeline: Y.Array<TimelineEvent>;

  /** Whether this incident takes signatures (one declared before signing existed does not). */
  readonly signs: boolean;

  constructor(
    private readonly doc: Y.Doc,
    readonly signer: Signer,
    private readonly options: SealerOptions,
  ) {
    this.signs = isSignedIncidentId(doc.guid);
    // Nothing is signed before the chain's head is known: it names it.
    this.timeline = timelineOf(doc);
    // Asked for after the constructor returns: the gate that knows the heads is made after the sealer.
    this.queue = Promise.resolve()
      .then(() => (options.heads ? options.heads() : headsOf(doc, signer.key)))
      .then((heads) => {
      this.heads = heads;
      for (const s of statementsOf(doc).toArray()) if (isStatement(s) && s.key === signer.key) this.noteName(s.body);
    });
    doc.on('beforeObserverCalls', this.onTransaction);
  }

  get key(): string {
    return this.signer.key;
  }

  /** The origin of this machine's own writes (the sync treats them as local). */
  readonly origin = LOCAL_ORIGIN;

  /** Whether this machine wrote this entry (this very object) and has sealed it or is sealing it. */
  wrote(entry: object): boolean {
    return this.mine.has(entry);
  }

  /** Called with an entry this machine wrote whose seal could not be made: it no longer counts as its own. */
  onGaveUp(listener: (entry: TimelineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once everything queued so far is signed and written (or has failed). */
  settled(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  /** Signs a statement after everything queued before it, appends it, and resolves with it. */
  state(body: StatementBody): Promise<Statement> {
    const job = this.queue.then(() => this.signStatement(body));
    this.queue = job.catch(() => undefined);
    return job;
  }

  /**
   * Signs a statement without writing it: an observer's admission, which
   * it sends to the responders for them to write (guard.ts). It names this
   * key's head, as any record does, but moves nothing.
   */
  signApart(body: StatementBody): Promise<Statement> {
    return this.queue.then(async () => (await signStatement(this.signer, this.doc.guid, this.heads.statement, this.options.now(), body)).record);
  }

  private async signStatement(body: StatementBody): Promise<Statement> {
    const { record, hash } = await signStatement(this.signer, this.doc.guid, this.heads.statement, this.options.now(), body);
    if (this.stopped) throw new Error('The incident was closed before the statement was signed.');
    this.doc.transact(() => statementsOf(this.doc).push([record]), LOCAL_ORIGIN);
    this.heads = { ...this.heads, statement: hash };
    this.noteName(body);
    return record;
  }

  private noteName(body: StatementBody): void {
    if (body.type === 'genesis' || body.type === 'admit' || body.type === 'name') this.names.add(body.name.trim());
  }

  stop(): void {
    this.stopped = true;
    this.doc.off('beforeObserverCalls', this.onTransaction);
  }

  private sealLater(entry: TimelineEvent): void {
    this.mine.add(entry);
    this.queue = this.queue.then(async () => {
      try {
        // A member who renamed themselves (Settings) states the new name before the first entry that carries it.
        const author = entry.author.trim();
        if (this.names.size && !this.names.has(author)) await this.signStatement({ type: 'name', name: author });
        const { record, hash } = await sealEntry(this.signer, this.doc.guid, this.heads.entry, entry);
        if (this.stopped) return;
        this.doc.transact(() => sealsOf(this.doc).push([record]), LOCAL_ORIGIN);
        this.heads = { ...this.heads, entry: hash };
      } catch (error) {
        this.mine.delete(entry);
        this.options.onError(`An entry (“${entry.text.slice(0, 60)}”) could not be signed: ${error instanceof Error ? error.message : String(error)}. Other machines will not accept it.`);
        for (const listener of this.listeners) listener(entry);
      }
    });
  }
}

/**
 * The timeline entries this transaction created on this machine, in the
 * order written: this client's newest structs, from the transaction's start.
 */
function appendedHere(doc: Y.Doc, timeline: Y.Array<TimelineEvent>, transaction: Y.Transaction): TimelineEvent[] {
  const structs = (doc.store.clients.get(doc.clientID) ?? []) as unknown as (Y.Item | Y.GC)[];
  const from = transaction.beforeState.get(doc.clientID) ?? 0;
  const found: TimelineEvent[] = [];
  for (let i = structs.length - 1; i >= 0 && structs[i]!.id.clock >= from; i--) {
    const struct = structs[i]!;
    if (struct instanceof Y.Item && struct.parent === (timeline as unknown) && !struct.deleted) found.unshift(...(struct.content.getContent() as TimelineEvent[]));
  }
  return found;
}

export interface Heads {
  readonly statement: string | null;
  readonly entry: string | null;
}

/**
 * This key's latest statement and latest sealed entry in the doc: of each
 * kind, the record no other names as its previous (the latest by time if a
 * second window with the same key forked the chain), or null if none. Only
 * records whose signatures hold count: anyone could write a seal naming
 * this key, and a chain continued from it would break.
 */
export async function headsOf(doc: Y.Doc, key: string): Promise<Heads> {
  const incident = doc.guid;
  type Held = { hash: string; prev: string | null; at: number; bytes: Uint8Array; sig: string };
  const statements: Held[] = [];
  for (const s of statementsOf(doc).toArray()) {
    if (!isStatement(s) || s.key !== key) continue;
    const bytes = statementBytes(incident, s);
    statements.push({ hash: recordHash(bytes), prev: s.prev, at: s.at, bytes, sig: s.sig });
  }
  const mine = new Map<string, Seal[]>();
  for (const seal of sealsOf(doc).toArray()) {
    if (!isSeal(seal) || seal.key !== key) continue;
    const list = mine.get(seal.entry);
    if (list) list.push(seal);
    else mine.set(seal.entry, [seal]);
  }
  const entries: Held[] = [];
  if (mine.size) {
    for (const entry of timelineOf(doc).toArray()) {
      for (const seal of mine.get((entry as { id?: string }).id ?? '') ?? []) {
        const bytes = entryBytes(incident, key, seal.prev, entry);
        entries.push({ hash: recordHash(bytes), prev: seal.prev, at: (entry as { loggedAt?: number }).loggedAt ?? 0, bytes, sig: seal.sig });
      }
    }
  }
  const headOf = async (records: Held[]): Promise<string | null> => {
    const valid = await Promise.all(records.map((r) => verifySignature(key, r.bytes, r.sig)));
    const held = records.filter((_, i) => valid[i]);
    const named = new Set(held.map((r) => r.prev));
    return held.filter((r) => !named.has(r.hash)).sort((a, b) => b.at - a.at)[0]?.hash ?? null;
  };
  return { statement: await headOf(statements), entry: await headOf(entries) };
}
