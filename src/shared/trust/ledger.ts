/**
 * Deciding, from what a copy of an incident holds, who its members are and
 * which entries stand. Every replica runs the same decision on the same
 * records, so honest replicas that hold the same records show the same
 * verified state, whatever order the records arrived in.
 *
 * Two steps:
 * 1. `check` (asynchronous): every signature is checked once, through
 *    WebCrypto, and remembered (by the record's hash and signature), so a
 *    later run checks only what is new.
 * 2. `decide` (synchronous, from the checks): members are folded from the
 *    statements in a fixed order (their time, then their hash), and each
 *    entry gets a verdict.
 *
 * Membership, in order:
 * - the genesis statement whose key and nonce derive the incident's id
 *   admits the first member, a responder;
 * - an invite counts when a responder (not removed, or within what their
 *   removal kept) signed it; an admission counts when its invite counts, its
 *   proof is the invite's admission key signing the joiner's key, and no
 *   revocation of the invite left the joiner out;
 * - a removal by a responder keeps, of the removed key's records, only those
 *   its heads name and their ancestors; the rest (anything the key signs
 *   later) is refused;
 * - a statement that waits on another (an admission whose invite sorts
 *   later, an invite by a member admitted later: clocks differ) is taken
 *   as soon as what it waits on is.
 *
 * An entry stands (is verified) when a seal's signature covers it exactly,
 * the seal's key is a responder's, within what any removal kept, the entry
 * names that member as its author, its chain reaches back to the key's
 * first record, and, for a declaration, the key is the first member's.
 */
import type { TimelineEvent } from '../incident/schema';
import type { KeyId } from './signatures';
import { verifySignature } from './signatures';
import {
  admissionBytes,
  entryBytes,
  incidentIdFor,
  isSeal,
  isSignedIncidentId,
  isStatement,
  recordHash,
  statementBytes,
  type MemberRole,
  type Seal,
  type Statement,
} from './records';

export type Refusal = 'unsigned' | 'bad-signature' | 'not-a-member' | 'observer' | 'removed' | 'name' | 'chain' | 'declaration';

export type Verdict =
  | { readonly ok: true; readonly key: KeyId; readonly hash: string }
  | { readonly ok: false; readonly reason: Refusal; readonly key: KeyId | null };

export interface Member {
  readonly key: KeyId;
  readonly role: MemberRole;
  /** The name it joined with (or declared under). */
  readonly name: string;
  /** Every name it has used, the first first. */
  readonly names: readonly string[];
  readonly machine: string;
  /** When it was admitted (its own clock). */
  readonly at: number;
  /** Who admitted it: the invite's signer; null for the first member. */
  readonly admittedBy: KeyId | null;
  readonly removed: { readonly by: KeyId; readonly at: number } | null;
}

export interface RefusedStatement {
  readonly statement: Statement;
  readonly reason: 'bad-signature' | 'not-a-member' | 'observer' | 'removed' | 'chain' | 'invite' | 'proof' | 'revoked' | 'genesis';
}

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

/** What `check` found for one entry: the seal whose signature covers it, if any. */
interface EntryCheck {
  readonly seal: Seal | null;
  readonly hash: string | null;
  /** Seals were held for this entry, and none covered it. */
  readonly forged: boolean;
}

interface StatementCheck {
  readonly statement: Statement;
  readonly hash: string;
  readonly ok: boolean;
  /** For an admission: whether its proof is the invite's admission key's signature (false if the invite is not held). */
  readonly proofOk: boolean;
}

export interface LedgerInput {
  readonly incident: string;
  readonly statements: readonly unknown[];
  readonly seals: readonly unknown[];
  readonly entries: readonly TimelineEvent[];
}

/** Remembers what was checked, so a live incident checks only what is new. One per incident. */
export class TrustLedger {
  /** `${hash}|${sig}` → whether the signature holds. */
  private readonly checked = new Map<string, boolean>();
  /** Entry object → seal signature → its hash when the seal covers it (null when it does not). */
  private readonly entryChecks = new WeakMap<object, Map<string, string | null>>();

  constructor(readonly incident: string) {}

  async assess(input: Omit<LedgerInput, 'incident'>): Promise<TrustReport> {
    const { statements, entries, malformed } = await this.check(input);
    return decide(this.incident, statements, entries, malformed);
  }

  private async check(input: Omit<LedgerInput, 'incident'>): Promise<{ statements: StatementCheck[]; entries: Map<TimelineEvent, EntryCheck>; malformed: number }> {
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

    const statements: { statement: Statement; hash: string; ok: boolean; proofOk: boolean }[] = [];
    const byHash = new Map<string, Statement>();
    for (const value of input.statements) {
      if (!isStatement(value)) {
        malformed++;
        continue;
      }
      const bytes = statementBytes(incident, value);
      const row = { statement: value, hash: recordHash(bytes), ok: false, proofOk: false };
      statements.push(row);
      byHash.set(row.hash, value);
      verify(row.hash, value.key, bytes, value.sig, (ok) => (row.ok = ok));
    }
    for (const row of statements) {
      const body = row.statement.body;
      if (body.type !== 'admit') continue;
      const invite = byHash.get(body.invite);
      if (invite?.body.type !== 'invite') continue;
      const bytes = admissionBytes(incident, body.invite, row.statement.key);
      verify(row.hash, invite.body.admissionKey, bytes, body.proof, (ok) => (row.proofOk = ok));
    }

    const sealsOf = new Map<string, Seal[]>();
    for (const value of input.seals) {
      if (!isSeal(value)) {
        malformed++;
        continue;
      }
      const list = sealsOf.get(value.entry);
      if (list) list.push(value);
      else sealsOf.set(value.entry, [value]);
    }
    const entries = new Map<TimelineEvent, EntryCheck>();
    const deciders: (() => void)[] = [];
    for (const entry of input.entries) {
      const seals = sealsOf.get(entry.id) ?? [];
      let results = this.entryChecks.get(entry);
      if (!results) this.entryChecks.set(entry, (results = new Map()));
      const known = results;
      for (const seal of seals) {
        if (known.has(seal.sig)) continue;
        const bytes = entryBytes(incident, seal.key, seal.prev, entry);
        const hash = recordHash(bytes);
        pending.push(verifySignature(seal.key, bytes, seal.sig).then((ok) => void known.set(seal.sig, ok ? hash : null)));
      }
      deciders.push(() => {
        for (const seal of seals) {
          const hash = known.get(seal.sig);
          if (hash) return void entries.set(entry, { seal, hash, forged: false });
        }
        entries.set(entry, { seal: null, hash: null, forged: seals.length > 0 });
      });
    }
    await Promise.all(pending);
    for (const decideEntry of deciders) decideEntry();
    return { statements, entries, malformed };
  }
}

/** The same key's records, linked by `prev`: what a chain walk and a removal's heads need. */
interface ChainLink {
  readonly key: KeyId;
  readonly prev: string | null;
  /** Statements and entries are two chains per key: membership can be decided from statements alone. */
  readonly kind: 'statement' | 'entry';
}

function decide(incident: string, statements: readonly StatementCheck[], checks: ReadonlyMap<TimelineEvent, EntryCheck>, malformed: number): TrustReport {
  const verdicts = new Map<TimelineEvent, Verdict>();
  if (!isSignedIncidentId(incident)) {
    for (const entry of checks.keys()) verdicts.set(entry, { ok: true, key: '', hash: '' });
    return { mode: 'unsigned', root: null, members: [], verdicts, refusedStatements: [], malformed, heads: new Map() };
  }

  // Every record whose signature holds, by hash, for chains and removals.
  const links = new Map<string, ChainLink>();
  for (const s of statements) if (s.ok) links.set(s.hash, { key: s.statement.key, prev: s.statement.prev, kind: 'statement' });
  for (const check of checks.values()) if (check.seal && check.hash) links.set(check.hash, { key: check.seal.key, prev: check.seal.prev, kind: 'entry' });
  const chained = chainChecker(links);

  const refused: RefusedStatement[] = [];
  const members = new Map<KeyId, { member: Member; names: string[]; kept: Set<string> | null; removedBy: { by: KeyId; at: number } | null }>();
  const invites = new Map<string, { by: KeyId; role: MemberRole; admitted: Set<KeyId> | null }>();
  const waiting = new Map<string, StatementCheck[]>();
  let root: KeyId | null = null;

  /** Whether `key` may sign as a responder at the record `hash`. */
  const canWrite = (key: KeyId, hash: string): 'ok' | RefusedStatement['reason'] => {
    const m = members.get(key);
    if (!m) return 'not-a-member';
    if (m.member.role !== 'responder') return 'observer';
    if (m.kept && !m.kept.has(hash)) return 'removed';
    return 'ok';
  };
  const wait = (on: string, s: StatementCheck) => {
    const list = waiting.get(on);
    if (list) list.push(s);
    else waiting.set(on, [s]);
  };
  const release = (on: string) => {
    const list = waiting.get(on);
    if (!list) return;
    waiting.delete(on);
    for (const s of list) take(s);
  };
  const admit = (key: KeyId, member: Member) => {
    members.set(key, { member, names: [member.name], kept: null, removedBy: null });
    release(`member:${key}`);
  };

  function take(s: StatementCheck): void {
    const { statement, hash } = s;
    const body = statement.body;
    if (body.type === 'genesis') return; // taken first, below
    if (body.type === 'admit') {
      const invite = invites.get(body.invite);
      if (!invite) return wait(`invite:${body.invite}`, s);
      if (!s.proofOk) return void refused.push({ statement, reason: 'proof' });
      if (invite.admitted && !invite.admitted.has(statement.key)) return void refused.push({ statement, reason: 'revoked' });
      if (members.has(statement.key)) return;
      return admit(statement.key, {
        key: statement.key,
        role: invite.role,
        name: body.name.trim(),
        names: [],
        machine: body.machine,
        at: statement.at,
        admittedBy: invite.by,
        removed: null,
      });
    }
    const allowed = canWrite(statement.key, hash);
    if (allowed === 'not-a-member') return wait(`member:${statement.key}`, s);
    if (allowed !== 'ok' && !(body.type === 'name' && allowed === 'observer')) return void refused.push({ statement, reason: allowed });
    switch (body.type) {
      case 'invite':
        invites.set(hash, { by: statement.key, role: body.role, admitted: null });
        return release(`invite:${hash}`);
      case 'revoke': {
        const invite = invites.get(body.invite);
        if (!invite) return wait(`invite:${body.invite}`, s);
        if (!invite.admitted) invite.admitted = new Set(body.admitted);
        return;
      }
      case 'remove': {
        const target = members.get(body.member);
        // A removal can sort before the admission it undoes (their clocks differ): it waits for it.
        if (!target) return wait(`member:${body.member}`, s);
        if (target.removedBy) return;
        target.kept = ancestors(links, body.heads, body.member);
        target.removedBy = { by: statement.key, at: statement.at };
        return;
      }
      case 'name':
        members.get(statement.key)!.names.push(body.name.trim());
        return;
    }
  }

  const ordered = statements.filter((s) => {
    if (!s.ok) refused.push({ statement: s.statement, reason: 'bad-signature' });
    else if (!chained(s.hash)) refused.push({ statement: s.statement, reason: 'chain' });
    else return true;
    return false;
  });
  ordered.sort((a, b) => a.statement.at - b.statement.at || (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));

  for (const s of ordered) {
    const body = s.statement.body;
    if (body.type !== 'genesis') continue;
    if (s.statement.prev !== null || incidentIdFor(s.statement.key, body.nonce) !== incident) {
      refused.push({ statement: s.statement, reason: 'genesis' });
      continue;
    }
    if (root) continue;
    root = s.statement.key;
    admit(root, { key: root, role: 'responder', name: body.name.trim(), names: [], machine: body.machine, at: s.statement.at, admittedBy: null, removed: null });
  }
  for (const s of ordered) take(s);
  for (const list of waiting.values()) {
    for (const s of list) {
      const type = s.statement.body.type;
      // A removal or revocation of someone never admitted changes nothing; it is not refused.
      if (type === 'admit') refused.push({ statement: s.statement, reason: 'invite' });
      else if (!(type === 'remove' || type === 'revoke') || !members.has(s.statement.key)) refused.push({ statement: s.statement, reason: 'not-a-member' });
    }
  }

  for (const [entry, check] of checks) {
    verdicts.set(entry, entryVerdict(entry, check, root, members, chained));
  }
  const memberList = [...members.values()].map(({ member, names, removedBy }) => Object.freeze({ ...member, names: Object.freeze([...new Set(names)]), removed: removedBy }));
  return { mode: 'signed', root, members: memberList, verdicts, refusedStatements: refused, malformed, heads: headsOf(links) };
}

function entryVerdict(
  entry: TimelineEvent,
  check: EntryCheck,
  root: KeyId | null,
  members: ReadonlyMap<KeyId, { member: Member; names: string[]; kept: Set<string> | null }>,
  chained: (hash: string) => boolean,
): Verdict {
  if (!check.seal || !check.hash) return { ok: false, reason: check.forged ? 'bad-signature' : 'unsigned', key: null };
  const key = check.seal.key;
  const refuse = (reason: Refusal): Verdict => ({ ok: false, reason, key });
  const m = members.get(key);
  if (!m) return refuse('not-a-member');
  if (m.member.role !== 'responder') return refuse('observer');
  if (m.kept && !m.kept.has(check.hash)) return refuse('removed');
  if (!m.names.includes(entry.author.trim())) return refuse('name');
  if (!chained(check.hash)) return refuse('chain');
  if (entry.kind === 'declared' && key !== root) return refuse('declaration');
  return { ok: true, key, hash: check.hash };
}

/**
 * Whether a record's chain reaches its key's first record (of its kind)
 * through records that are held, signed, by the same key and of the same
 * kind. Walked without recursion (a
 * responder's chain can be thousands long) and remembered.
 */
function chainChecker(links: ReadonlyMap<string, ChainLink>): (hash: string) => boolean {
  const memo = new Map<string, boolean>();
  return (start) => {
    const path: string[] = [];
    let hash: string | null = start;
    let result: boolean | undefined;
    while (result === undefined) {
      if (hash === null) {
        result = true;
        break;
      }
      const known = memo.get(hash);
      if (known !== undefined) {
        result = known;
        break;
      }
      const link = links.get(hash);
      const previous: ChainLink | undefined = path.length ? links.get(path[path.length - 1]!) : undefined;
      if (!link || (previous && (previous.key !== link.key || previous.kind !== link.kind))) {
        result = false;
        break;
      }
      path.push(hash);
      hash = link.prev;
    }
    for (const h of path) memo.set(h, result);
    return result;
  };
}

function headsOf(links: ReadonlyMap<string, ChainLink>): Map<KeyId, string[]> {
  const named = new Set<string>();
  for (const link of links.values()) if (link.prev) named.add(link.prev);
  const heads = new Map<KeyId, string[]>();
  for (const [hash, link] of links) {
    if (named.has(hash)) continue;
    const list = heads.get(link.key);
    if (list) list.push(hash);
    else heads.set(link.key, [hash]);
  }
  return heads;
}

/** The records a removal keeps: the heads it names (of the removed key) and all their ancestors. */
function ancestors(links: ReadonlyMap<string, ChainLink>, heads: readonly string[], key: KeyId): Set<string> {
  const kept = new Set<string>();
  for (const head of heads) {
    let hash: string | null = head;
    while (hash !== null && !kept.has(hash)) {
      const link = links.get(hash);
      if (!link || link.key !== key) break;
      kept.add(hash);
      hash = link.prev;
    }
  }
  return kept;
}
