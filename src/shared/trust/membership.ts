/**
 * Who belongs to an incident, decided from its membership statements in a
 * fixed order (their time, then their hash), the same on every replica:
 *
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
 */
import { ancestors, type ChainLink } from './chains';
import { incidentIdFor, type MemberRole, type Statement } from './records';
import type { KeyId } from './signatures';

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
  /** The hash of the invite it joined through; null for the first member. */
  readonly invite: string | null;
  readonly removed: { readonly by: KeyId; readonly at: number } | null;
}

export interface RefusedStatement {
  readonly statement: Statement;
  readonly reason: 'bad-signature' | 'not-a-member' | 'observer' | 'removed' | 'chain' | 'invite' | 'proof' | 'revoked' | 'genesis';
}

/** A statement whose signatures were checked. */
export interface StatementCheck {
  readonly statement: Statement;
  readonly hash: string;
  readonly ok: boolean;
  /** For an admission: whether its proof is the invite's admission key's signature (false if the invite is not held). */
  readonly proofOk: boolean;
}

/** A member as the decision keeps it: names as they come, and a removal's cut. */
export interface MemberState {
  readonly member: Member;
  readonly names: string[];
  removal: { readonly by: KeyId; readonly at: number; readonly heads: readonly string[]; kept: Set<string> } | null;
}

export interface Membership {
  readonly root: KeyId | null;
  readonly members: ReadonlyMap<KeyId, MemberState>;
  readonly refused: readonly RefusedStatement[];
}

/**
 * Whether a removed member's record (by hash) is one its removal keeps. The
 * kept set is found again when a record is not in it: one of the removed
 * member's records named by the removal may have arrived since.
 */
export function withinRemoval(state: MemberState, hash: string, links: ReadonlyMap<string, ChainLink>): boolean {
  const removal = state.removal;
  if (!removal || removal.kept.has(hash)) return true;
  removal.kept = ancestors(links, removal.heads, state.member.key);
  return removal.kept.has(hash);
}

/** The members of `incident`, from its checked statements; `chained` says whether a record's chain is whole. */
export function decideMembers(incident: string, statements: readonly StatementCheck[], links: ReadonlyMap<string, ChainLink>, chained: (hash: string) => boolean): Membership {
  const refused: RefusedStatement[] = [];
  const members = new Map<KeyId, MemberState>();
  const invites = new Map<string, { by: KeyId; role: MemberRole }>();
  /**
   * Revocations by invite, whatever their time: a joiner chooses the time
   * on its admission, so a revocation closes its invite to every key it
   * does not list, whenever that key says it joined. One counts when its
   * signer made the invite or is a responder when the admission is taken.
   */
  const revocations = new Map<string, { by: KeyId; admitted: ReadonlySet<KeyId> }[]>();
  const closedTo = (invite: string, inviter: KeyId, key: KeyId): boolean =>
    (revocations.get(invite) ?? []).some((r) => !r.admitted.has(key) && (r.by === inviter || canWrite(r.by, '') === 'ok'));
  const waiting = new Map<string, StatementCheck[]>();
  let root: KeyId | null = null;

  /** Whether `key` may sign as a responder at the record `hash`. */
  const canWrite = (key: KeyId, hash: string): 'ok' | RefusedStatement['reason'] => {
    const m = members.get(key);
    if (!m) return 'not-a-member';
    if (m.member.role !== 'responder') return 'observer';
    if (!withinRemoval(m, hash, links)) return 'removed';
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
    members.set(key, { member, names: [member.name], removal: null });
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
      if (closedTo(body.invite, invite.by, statement.key)) return void refused.push({ statement, reason: 'revoked' });
      if (members.has(statement.key)) return;
      return admit(statement.key, {
        key: statement.key,
        role: invite.role,
        name: body.name.trim(),
        names: [],
        machine: body.machine,
        at: statement.at,
        admittedBy: invite.by,
        invite: body.invite,
        removed: null,
      });
    }
    const allowed = canWrite(statement.key, hash);
    if (allowed === 'not-a-member') return wait(`member:${statement.key}`, s);
    if (allowed !== 'ok' && !(body.type === 'name' && allowed === 'observer')) return void refused.push({ statement, reason: allowed });
    switch (body.type) {
      case 'invite':
        invites.set(hash, { by: statement.key, role: body.role });
        return release(`invite:${hash}`);
      case 'revoke':
        // Taken before everything else, below.
        return;
      case 'remove': {
        const target = members.get(body.member);
        // A removal can sort before the admission it undoes (their clocks differ): it waits for it.
        if (!target) return wait(`member:${body.member}`, s);
        if (target.removal) return;
        target.removal = { by: statement.key, at: statement.at, heads: body.heads, kept: ancestors(links, body.heads, body.member) };
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
    if (body.type !== 'revoke') continue;
    const list = revocations.get(body.invite) ?? [];
    list.push({ by: s.statement.key, admitted: new Set(body.admitted) });
    revocations.set(body.invite, list);
  }

  for (const s of ordered) {
    const body = s.statement.body;
    if (body.type !== 'genesis') continue;
    if (s.statement.prev !== null || incidentIdFor(s.statement.key, body.nonce) !== incident) {
      refused.push({ statement: s.statement, reason: 'genesis' });
      continue;
    }
    if (root) continue;
    root = s.statement.key;
    admit(root, { key: root, role: 'responder', name: body.name.trim(), names: [], machine: body.machine, at: s.statement.at, admittedBy: null, invite: null, removed: null });
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

  return { root, members, refused };
}

/** The members as the report lists them, in the order they were admitted. */
export function memberList(members: ReadonlyMap<KeyId, MemberState>): Member[] {
  return [...members.values()].map(({ member, names, removal }) =>
    Object.freeze({ ...member, names: Object.freeze([...new Set(names)]), removed: removal ? { by: removal.by, at: removal.at } : null }),
  );
}
