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
 * A live incident changes by appends: an entry and its seal at a time. While
 * the statements are the ones decided last and nothing was taken away, a run
 * decides only the entries that are new, or got a new seal, or did not stand
 * last time (a missing predecessor may have arrived); the others keep their
 * verdicts. Anything else decides everything again.
 *
 * An entry stands (is verified) when a seal's signature covers it exactly,
 * the seal's key is a responder's, within what any removal kept, the entry
 * names that member as its author, its chain reaches back to the key's
 * first entry, and, for a declaration, the key is the first member's.
 */
import type { TimelineEvent } from '../incident/schema';
import { chainChecker, headsOf, type ChainLink } from './chains';
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
  /** A verdict for every entry passed in (by the entry object). */
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

/** The seals held, by entry id. Seals from several peers interleave in the array, so each is known by itself, not by its place. */
interface SealIndex {
  readonly indexed: WeakSet<object>;
  /** Seals indexed (malformed ones included): fewer seen in a run means some were taken away. */
  total: number;
  readonly byEntry: Map<string, Seal[]>;
  malformed: number;
}

const emptySeals = (): SealIndex => ({ indexed: new WeakSet(), total: 0, byEntry: new Map(), malformed: 0 });

/** The last decision, kept for the next run. */
interface Decided {
  readonly statementsKey: string;
  readonly statementMalformed: number;
  readonly membership: Membership;
  readonly links: Map<string, ChainLink>;
  readonly checks: Map<TimelineEvent, EntryCheck>;
  readonly report: TrustReport;
}

/** Remembers what was checked and decided, so a live incident checks only what is new. One per incident. */
export class TrustLedger {
  /** `${hash}|${key}|${sig}` → whether the signature holds (statements and admission proofs). */
  private readonly checked = new Map<string, boolean>();
  /** Entry object → seal signature → its hash when the seal covers it (null when it does not). */
  private readonly entryChecks = new WeakMap<object, Map<string, string | null>>();
  private seals: SealIndex = emptySeals();
  /** Records whose chains were found whole: they stay whole while records are only added (a full run starts afresh). */
  private whole = new Set<string>();
  private last: Decided | null = null;

  constructor(readonly incident: string) {}

  async assess(input: LedgerInput): Promise<TrustReport> {
    if (!isSignedIncidentId(this.incident)) {
      const verdicts = new Map<TimelineEvent, Verdict>(input.entries.map((e) => [e, { ok: true, key: '', hash: '' }]));
      return { mode: 'unsigned', root: null, members: [], verdicts, refusedStatements: [], malformed: 0, heads: new Map() };
    }
    const touched = this.indexSeals(input.seals);
    const statementsKey = input.statements.map((s) => (s as { sig?: unknown } | null)?.sig ?? '?').join('|');
    const last = this.last;
    if (last && touched && last.statementsKey === statementsKey) {
      const fresh = this.freshEntries(input.entries, last, touched);
      if (fresh) return this.decideSome(last, fresh);
    }
    return this.decideAll(input, statementsKey);
  }

  /** Indexes seals not seen before; returns the ids they seal, or null when a seal was taken away (a full run). */
  private indexSeals(seals: readonly unknown[]): Set<string> | null {
    let index = this.seals;
    let seen = 0;
    for (const value of seals) if (typeof value === 'object' && value !== null && index.indexed.has(value)) seen++;
    const full = seen < index.total;
    if (full) index = this.seals = emptySeals();
    const touched = new Set<string>();
    for (const value of seals) {
      if (typeof value === 'object' && value !== null) {
        if (index.indexed.has(value)) continue;
        index.indexed.add(value);
      }
      index.total++;
      if (!isSeal(value)) {
        index.malformed++;
        continue;
      }
      const list = index.byEntry.get(value.entry);
      if (list) list.push(value);
      else index.byEntry.set(value.entry, [value]);
      touched.add(value.entry);
    }
    return full ? null : touched;
  }

  /** The entries to decide again, or null when an entry decided last time is gone (a full run). */
  private freshEntries(entries: readonly TimelineEvent[], last: Decided, touched: ReadonlySet<string>): TimelineEvent[] | null {
    const fresh: TimelineEvent[] = [];
    let kept = 0;
    for (const entry of entries) {
      const before = last.checks.get(entry);
      if (!before) fresh.push(entry);
      else {
        kept++;
        if (touched.has(entry.id) || !last.report.verdicts.get(entry)?.ok) fresh.push(entry);
      }
    }
    return kept === last.checks.size ? fresh : null;
  }

  private async decideAll(input: LedgerInput, statementsKey: string): Promise<TrustReport> {
    // From the records held now only: what was whole before may have lost a record since.
    this.whole = new Set();
    const [statements, checks] = await Promise.all([this.checkStatements(input.statements), this.checkEntries(input.entries)]);
    const links = new Map<string, ChainLink>();
    for (const s of statements.rows) if (s.ok) links.set(s.hash, { key: s.statement.key, prev: s.statement.prev, kind: 'statement' });
    for (const check of checks.values()) if (check.seal && check.hash) links.set(check.hash, { key: check.seal.key, prev: check.seal.prev, kind: 'entry' });
    const chained = chainChecker(links, this.whole);
    const membership = decideMembers(this.incident, statements.rows, links, chained);
    const verdicts = new Map<TimelineEvent, Verdict>();
    for (const [entry, check] of checks) verdicts.set(entry, entryVerdict(entry, check, membership, links, chained));
    const report = reportOf({
      mode: 'signed',
      root: membership.root,
      members: memberList(membership.members),
      verdicts,
      refusedStatements: membership.refused,
      malformed: statements.malformed + this.seals.malformed,
      links,
    });
    this.last = { statementsKey, statementMalformed: statements.malformed, membership, links, checks, report };
    return report;
  }

  /** Decides `fresh` against the last decision's members, which stand (the statements did not change). */
  private async decideSome(last: Decided, fresh: readonly TimelineEvent[]): Promise<TrustReport> {
    const found = await this.checkEntries(fresh);
    for (const check of found.values()) if (check.seal && check.hash) last.links.set(check.hash, { key: check.seal.key, prev: check.seal.prev, kind: 'entry' });
    const chained = chainChecker(last.links, this.whole);
    // Updated in place: copying twenty thousand verdicts for each new entry would cost more than deciding it.
    const verdicts = last.report.verdicts as Map<TimelineEvent, Verdict>;
    for (const [entry, check] of found) {
      last.checks.set(entry, check);
      verdicts.set(entry, entryVerdict(entry, check, last.membership, last.links, chained));
    }
    const { members, root, refusedStatements } = last.report;
    const report = reportOf({ mode: 'signed', root, members, verdicts, refusedStatements, malformed: last.statementMalformed + this.seals.malformed, links: last.links });
    this.last = { ...last, report };
    return report;
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

  private async checkEntries(entries: readonly TimelineEvent[]): Promise<Map<TimelineEvent, EntryCheck>> {
    const pending: Promise<void>[] = [];
    for (const entry of entries) {
      let known = this.entryChecks.get(entry);
      if (!known) this.entryChecks.set(entry, (known = new Map()));
      const results = known;
      for (const seal of this.seals.byEntry.get(entry.id) ?? []) {
        if (results.has(seal.sig)) continue;
        const bytes = entryBytes(this.incident, seal.key, seal.prev, entry);
        const hash = recordHash(bytes);
        pending.push(verifySignature(seal.key, bytes, seal.sig).then((ok) => void results.set(seal.sig, ok ? hash : null)));
      }
    }
    await Promise.all(pending);
    const checks = new Map<TimelineEvent, EntryCheck>();
    for (const entry of entries) {
      const seals = this.seals.byEntry.get(entry.id) ?? [];
      const results = this.entryChecks.get(entry)!;
      const covering = seals.find((seal) => results.get(seal.sig));
      checks.set(entry, covering ? { seal: covering, hash: results.get(covering.sig)!, forged: false } : { seal: null, hash: null, forged: seals.length > 0 });
    }
    return checks;
  }
}

/** A report whose heads are found when first asked for (only a removal needs them). */
function reportOf(parts: Omit<TrustReport, 'heads'> & { readonly links: ReadonlyMap<string, ChainLink> }): TrustReport {
  const { links, ...rest } = parts;
  let heads: ReadonlyMap<KeyId, readonly string[]> | null = null;
  return Object.freeze({
    ...rest,
    get heads() {
      return (heads ??= headsOf(links));
    },
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
