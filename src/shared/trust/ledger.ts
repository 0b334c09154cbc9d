/**
 * Deciding, from what a copy of an incident holds, who its members are and
 * which entries stand. Every replica runs the same decision on the same
 * records, so honest replicas that hold the same records show the same
 * verified state, whatever order the records arrived in.
 *
 * Two steps:
 * 1. every signature is checked once, through WebCrypto (asynchronous), and
 *    remembered, so a later run checks only what is new;
 * 2. members are decided from the statements (membership.ts), and each
 *    entry gets a verdict.
 *
 * A live incident changes by appends: an entry and its seal at a time. A
 * run is given what was added (`update`) and decides only the entries that
 * are new, or got a new seal, or did not stand last time (a missing
 * predecessor may have arrived); the others keep their verdicts, so an
 * append costs the same at any size. Statements that only add members keep
 * the verdicts too; anything taken away, or a change to a member's standing,
 * decides everything again.
 *
 * Opening an incident this machine checked before starts from that check
 * (`adopt`, with a checkpoint: checkpoint.ts): the entries it covered stand
 * without their signatures being checked again.
 *
 * An entry stands (is verified) when a seal's signature covers it exactly,
 * the seal's key is a responder's, within what any removal kept, the entry
 * names that member as its author, its chain reaches back to the key's
 * first entry, and, for a declaration, the key is the first member's.
 */
import type { TimelineEvent } from '../incident/schema';
import { chainChecker, chainHeads, headOf, headsOf, type ChainLink } from './chains';
import { decideMembers, memberList, withinRemoval, type Member, type MemberState, type Membership, type RefusedStatement, type StatementCheck } from './membership';
import { admissionBytes, entryBytes, isSeal, isSignedIncidentId, isStatement, recordHash, statementBytes, type Seal, type Statement } from './records';
import { verifySignature, type KeyId } from './signatures';

export type { Member, RefusedStatement } from './membership';

export type Refusal = 'unsigned' | 'bad-signature' | 'not-a-member' | 'observer' | 'removed' | 'name' | 'chain' | 'declaration';

export type Verdict =
  | { readonly ok: true; readonly key: KeyId; readonly hash: string }
  | { readonly ok: false; readonly reason: Refusal; readonly key: KeyId | null };

export interface TrustReport {
  /** 'unsigned': an incident declared before signing existed; nothing is checked. */
  readonly mode: 'signed' | 'unsigned';
  /** The first member's key; null when no valid genesis is held (every entry then fails). */
  readonly root: KeyId | null;
  /** Everyone admitted, in the order they were admitted. */
  readonly members: readonly Member[];
  /** A verdict for every entry passed in (by the entry object); see `presumed`. */
  readonly verdicts: ReadonlyMap<TimelineEvent, Verdict>;
  /** Statements that did not count, and why. */
  readonly refusedStatements: readonly RefusedStatement[];
  /** Statements and seals held but not in the shape of any (a hostile or damaged copy). */
  readonly malformed: number;
  /**
   * Each key's latest records (the ones no other record of the key names as
   * its previous): what a removal names, so that what the member wrote up
   * to then stands.
   */
  readonly heads: ReadonlyMap<KeyId, readonly string[]>;
  /** The latest of a key's records of one kind, verified: where its chain continues. */
  readonly headOf: (key: KeyId, kind: 'statement' | 'entry') => string | null;
  /** Every key's latest verified entry: where a checkpoint says each chain continues. */
  readonly entryHeads: () => Presumption['heads'];
  /**
   * Some entries stand on this machine's earlier check (from a checkpoint)
   * rather than one made now: they have no verdict here (an entry with none
   * that the gate has not been given stands) and their hashes are not
   * known, so nothing that names them (a fingerprint) can be made until the
   * gate's `complete`.
   */
  readonly presumed: boolean;
  /**
   * Whether an entry that stood (or was waiting for its seal) may not stand
   * now: always after a run that decided everything. When false, only
   * entries that did not stand can have changed.
   */
  readonly revoked: boolean;
}

/** What was found for one entry: the seal whose signature covers it, if any. */
interface EntryCheck {
  readonly seal: Seal | null;
  readonly hash: string | null;
  /** Seals were held for this entry, and none covered it. */
  readonly forged: boolean;
}

export interface LedgerInput {
  readonly statements: readonly unknown[];
  readonly seals: readonly unknown[];
  readonly entries: readonly TimelineEvent[];
}

/** What changed in a live incident since the last decision: the records added, all statements (they are few), and whether anything was taken away. */
export interface LedgerChange {
  readonly statements: readonly unknown[];
  readonly seals: readonly unknown[];
  readonly entries: readonly TimelineEvent[];
  readonly removed: boolean;
}

/**
 * What this machine found when it last checked the incident, taken on
 * trust for the entries it covers (checkpoint.ts decides which): they stand
 * without their signatures being checked again, and each key's latest entry
 * is where its chain continues.
 */
export interface Presumption {
  readonly heads: readonly { readonly key: KeyId; readonly hash: string; readonly at: number }[];
}

/** The decision so far, kept for the next run. */
interface State {
  statementSigs: ReadonlySet<string>;
  statementMalformed: number;
  membership: Membership;
  readonly links: Map<string, ChainLink>;
  readonly sealsByEntry: Map<string, Seal[]>;
  sealMalformed: number;
  readonly entriesById: Map<string, TimelineEvent[]>;
  readonly verdicts: Map<TimelineEvent, Verdict>;
  /** Entries that do not stand: decided again on every run (a missing seal, predecessor or name may arrive). */
  readonly unsettled: Set<TimelineEvent>;
  /** Some entries stand on an earlier check: a run that cannot be decided from what is known checks everything. */
  presumed: boolean;
}

/** Remembers what was checked and decided, so a live incident checks only what is new. One per incident. */
export class TrustLedger {
  /** `${hash}|${key}|${sig}` → whether the signature holds (statements and admission proofs). */
  private readonly checked = new Map<string, boolean>();
  /** Entry object → seal signature → its hash when the seal covers it (null when it does not). */
  private readonly entryChecks = new WeakMap<object, Map<string, string | null>>();
  /** Records whose chains were found whole: they stay whole while records are only added (a full run starts afresh). */
  private whole = new Set<string>();
  private state: State | null = null;

  constructor(readonly incident: string) {}

  /** Decides everything held, from nothing but the signatures checked before. */
  async assess(input: LedgerInput): Promise<TrustReport> {
    if (!isSignedIncidentId(this.incident)) return unsignedReport(input.entries);
    this.whole = new Set();
    const state = await this.begin(input.statements, input.seals, []);
    for (const entry of input.entries) addEntry(state, entry);
    return this.decide(state, input.entries, true);
  }

  /**
   * Decides what `change` added against the decision so far: the entries
   * added, the ones a new seal names, and the ones that did not stand. A
   * removal, or statements that change a member's standing, decide
   * everything again (from `all`, the records held now).
   */
  async update(change: LedgerChange, all: () => LedgerInput): Promise<TrustReport> {
    const state = this.state;
    if (!isSignedIncidentId(this.incident)) return unsignedReport(all().entries);
    if (!state || change.removed) return this.assess(all());
    const fresh = new Set<TimelineEvent>(state.unsettled);
    for (const entry of change.entries) {
      addEntry(state, entry);
      fresh.add(entry);
    }
    for (const id of indexSeals(state, change.seals)) for (const entry of state.entriesById.get(id) ?? []) fresh.add(entry);
    const sigs = statementSigs(change.statements);
    if (!sameSet(sigs, state.statementSigs)) {
      if (![...state.statementSigs].every((sig) => sigs.has(sig))) return this.assess(all());
      const before = state.membership;
      await this.takeStatements(state, change.statements, sigs);
      if (!onlyAdds(before, state.membership)) return this.assess(all());
    }
    const report = await this.decide(state, [...fresh]);
    return state.presumed && [...state.unsettled].some((e) => state.verdicts.get(e)?.ok === false && (state.verdicts.get(e) as { reason: Refusal }).reason === 'chain')
      ? this.assess(all())
      : report;
  }

  /**
   * Starts from what this machine verified before: entries other than
   * `fresh` stand as they did, are given no verdict (the report is
   * `presumed`: see gate.ts) and are not looked at again (a seal added to
   * one cannot undo the seal that covers it); `fresh` ones (held since, or
   * not standing then) are checked against `seals`. A chain that cannot be
   * followed from the presumed heads checks everything (from `all`).
   */
  async adopt(input: Presumption & { readonly statements: readonly unknown[]; readonly seals: readonly unknown[]; readonly fresh: readonly TimelineEvent[] }, all: () => LedgerInput): Promise<TrustReport> {
    if (!isSignedIncidentId(this.incident)) return unsignedReport(all().entries);
    this.whole = new Set();
    const state = await this.begin(input.statements, input.seals, input.heads);
    state.presumed = true;
    return this.update({ statements: input.statements, seals: [], entries: input.fresh, removed: false }, all);
  }

  /** A fresh state: statements checked and members decided, every seal indexed, no entry decided yet. */
  private async begin(statements: readonly unknown[], seals: readonly unknown[], heads: Presumption['heads']): Promise<State> {
    const state: State = {
      statementSigs: new Set(),
      statementMalformed: 0,
      membership: { root: null, members: new Map(), refused: [] },
      links: new Map(),
      sealsByEntry: new Map(),
      sealMalformed: 0,
      entriesById: new Map(),
      verdicts: new Map(),
      unsettled: new Set(),
      presumed: false,
    };
    // A presumed head is where its key's chain is taken to begin: what comes before it was verified then.
    for (const head of heads) state.links.set(head.hash, { key: head.key, prev: null, kind: 'entry', at: head.at });
    indexSeals(state, seals);
    await this.takeStatements(state, statements, statementSigs(statements));
    this.state = state;
    return state;
  }

  /** Checks the statements held (only new signatures cost anything) and decides the members again. */
  private async takeStatements(state: State, statements: readonly unknown[], sigs: ReadonlySet<string>): Promise<void> {
    const checked = await this.checkStatements(statements);
    for (const [hash, link] of state.links) if (link.kind === 'statement') state.links.delete(hash);
    for (const s of checked.rows) if (s.ok) state.links.set(s.hash, { key: s.statement.key, prev: s.statement.prev, kind: 'statement', at: s.statement.at });
    state.membership = decideMembers(this.incident, checked.rows, state.links, chainChecker(state.links, this.whole));
    state.statementSigs = sigs;
    state.statementMalformed = checked.malformed;
  }

  /** Decides `entries` (checking any seal not checked before) and reports. */
  private async decide(state: State, entries: readonly TimelineEvent[], everything = false): Promise<TrustReport> {
    const found = await this.checkEntries(state, entries);
    for (const [entry, check] of found) if (check.seal && check.hash) state.links.set(check.hash, { key: check.seal.key, prev: check.seal.prev, kind: 'entry', at: entry.loggedAt });
    const chained = chainChecker(state.links, this.whole);
    let revoked = everything;
    for (const [entry, check] of found) {
      const verdict = entryVerdict(entry, check, state.membership, state.links, chained);
      const before = state.verdicts.get(entry);
      // An entry waiting for its seal (or never decided) may have been shown as its writer's own.
      if (!verdict.ok && verdict.reason !== 'unsigned' && (!before || before.ok || before.reason === 'unsigned')) revoked = true;
      state.verdicts.set(entry, verdict);
      if (verdict.ok) state.unsettled.delete(entry);
      else state.unsettled.add(entry);
    }
    const { membership } = state;
    return reportOf({
      mode: 'signed',
      root: membership.root,
      members: memberList(membership.members),
      // Updated in place: copying twenty thousand verdicts for each new entry would cost more than deciding it.
      verdicts: state.verdicts,
      refusedStatements: membership.refused,
      malformed: state.statementMalformed + state.sealMalformed,
      presumed: state.presumed,
      revoked,
      links: state.links,
    });
  }

  private async checkStatements(values: readonly unknown[]): Promise<{ rows: StatementCheck[]; malformed: number }> {
    const incident = this.incident;
    let malformed = 0;
    const pending: Promise<void>[] = [];
    const verify = (hash: string, key: KeyId, bytes: Uint8Array, sig: string, done: (ok: boolean) => void) => {
      const id = `${hash}|${key}|${sig}`;
      const known = this.checked.get(id);
      if (known !== undefined) return done(known);
      pending.push(
        verifySignature(key, bytes, sig).then((ok) => {
          this.checked.set(id, ok);
          done(ok);
        }),
      );
    };
    const rows: { statement: Statement; hash: string; ok: boolean; proofOk: boolean }[] = [];
    const byHash = new Map<string, Statement>();
    for (const value of values) {
      if (!isStatement(value)) {
        malformed++;
        continue;
      }
      const bytes = statementBytes(incident, value);
      const row = { statement: value, hash: recordHash(bytes), ok: false, proofOk: false };
      rows.push(row);
      byHash.set(row.hash, value);
      verify(row.hash, value.key, bytes, value.sig, (ok) => (row.ok = ok));
    }
    for (const row of rows) {
      const body = row.statement.body;
      if (body.type !== 'admit') continue;
      const invite = byHash.get(body.invite);
      if (invite?.body.type !== 'invite') continue;
      verify(row.hash, invite.body.admissionKey, admissionBytes(incident, body.invite, row.statement.key), body.proof, (ok) => (row.proofOk = ok));
    }
    await Promise.all(pending);
    return { rows, malformed };
  }

  private async checkEntries(state: State, entries: readonly TimelineEvent[]): Promise<Map<TimelineEvent, EntryCheck>> {
    const pending: Promise<void>[] = [];
    let hashed = 0;
    for (const entry of entries) {
      let known = this.entryChecks.get(entry);
      if (!known) this.entryChecks.set(entry, (known = new Map()));
      const results = known;
      for (const seal of state.sealsByEntry.get(entry.id) ?? []) {
        if (results.has(seal.sig)) continue;
        const bytes = entryBytes(this.incident, seal.key, seal.prev, entry);
        const hash = recordHash(bytes);
        pending.push(verifySignature(seal.key, bytes, seal.sig).then((ok) => void results.set(seal.sig, ok ? hash : null)));
        // Hashing a whole record is a long task: the page keeps answering between slices of it.
        if (++hashed % SLICE === 0) await nextTask();
      }
    }
    await Promise.all(pending);
    const checks = new Map<TimelineEvent, EntryCheck>();
    for (const entry of entries) {
      const seals = state.sealsByEntry.get(entry.id) ?? [];
      const results = this.entryChecks.get(entry)!;
      const covering = seals.find((seal) => results.get(seal.sig));
      checks.set(entry, covering ? { seal: covering, hash: results.get(covering.sig)!, forged: false } : { seal: null, hash: null, forged: seals.length > 0 });
    }
    return checks;
  }
}

/** Records hashed before the page may answer input again: a few milliseconds' work. */
const SLICE = 300;

const nextTask = () => new Promise<void>((resolve) => (globalThis as unknown as { setTimeout: (run: () => void, ms: number) => unknown }).setTimeout(resolve, 0));

function unsignedReport(entries: readonly TimelineEvent[]): TrustReport {
  const verdicts = new Map<TimelineEvent, Verdict>(entries.map((e) => [e, { ok: true, key: '', hash: '' }]));
  return reportOf({ mode: 'unsigned', root: null, members: [], verdicts, refusedStatements: [], malformed: 0, presumed: false, revoked: true, links: new Map() });
}

function addEntry(state: State, entry: TimelineEvent): void {
  const list = state.entriesById.get(entry.id);
  if (list) {
    if (!list.includes(entry)) list.push(entry);
  }
  else state.entriesById.set(entry.id, [entry]);
}

/** Indexes seals by the entry they name; returns those ids. */
function indexSeals(state: State, seals: readonly unknown[]): Set<string> {
  const touched = new Set<string>();
  for (const value of seals) {
    if (!isSeal(value)) {
      state.sealMalformed++;
      continue;
    }
    const list = state.sealsByEntry.get(value.entry);
    if (list?.includes(value)) continue;
    if (list) list.push(value);
    else state.sealsByEntry.set(value.entry, [value]);
    touched.add(value.entry);
  }
  return touched;
}

function statementSigs(statements: readonly unknown[]): Set<string> {
  return new Set(statements.map((s) => String((s as { sig?: unknown } | null)?.sig ?? '?')));
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

/**
 * Whether new statements only added to the members (someone admitted, a
 * name stated): then an entry that stood still stands, and only the ones
 * that did not need deciding again.
 */
function onlyAdds(before: Membership, after: Membership): boolean {
  if (before.root !== after.root) return false;
  for (const [key, was] of before.members) {
    const now = after.members.get(key);
    if (!now || now.member.role !== was.member.role || (now.removal === null) !== (was.removal === null)) return false;
    if (was.removal && now.removal && was.removal.heads.join() !== now.removal.heads.join()) return false;
    if (!was.names.every((n) => now.names.includes(n))) return false;
  }
  return true;
}

/** A report whose heads are found when first asked for (only a removal and the sealer need them). */
function reportOf(parts: Omit<TrustReport, 'heads' | 'headOf' | 'entryHeads'> & { readonly links: ReadonlyMap<string, ChainLink> }): TrustReport {
  const { links, ...rest } = parts;
  let heads: ReadonlyMap<KeyId, readonly string[]> | null = null;
  return Object.freeze({
    ...rest,
    get heads() {
      return (heads ??= headsOf(links));
    },
    headOf: (key: KeyId, kind: ChainLink['kind']) => headOf(links, key, kind),
    entryHeads: () => chainHeads(links, 'entry'),
  });
}

function entryVerdict(entry: TimelineEvent, check: EntryCheck, membership: Membership, links: ReadonlyMap<string, ChainLink>, chained: (hash: string) => boolean): Verdict {
  if (!check.seal || !check.hash) return { ok: false, reason: check.forged ? 'bad-signature' : 'unsigned', key: null };
  const key = check.seal.key;
  const refuse = (reason: Refusal): Verdict => ({ ok: false, reason, key });
  const m: MemberState | undefined = membership.members.get(key);
  if (!m) return refuse('not-a-member');
  if (m.member.role !== 'responder') return refuse('observer');
  if (!withinRemoval(m, check.hash, links)) return refuse('removed');
  if (!m.names.includes(entry.author.trim())) return refuse('name');
  if (!chained(check.hash)) return refuse('chain');
  if (entry.kind === 'declared' && key !== membership.root) return refuse('declaration');
  return { ok: true, key, hash: check.hash };
}
