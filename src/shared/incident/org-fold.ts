/**
 * The incident org chart, folded from its change events in timeline order.
 *
 * Commands check the same rules before they write, but peers write
 * concurrently: two of them hand over the IC role at once, or move two roles
 * under each other. So the fold applies each change only if it still holds
 * when its turn comes, and records why it did not otherwise. Every replica
 * folds the same events in the same order, so every replica shows the same
 * valid chart, and the refused change stays in the log, marked:
 *
 * - exactly one IC, always: the declarer at first, then whoever accepted a
 *   handover from the IC of that moment; the IC is never released;
 * - a tree: a move that would put a role under itself or its own subordinate
 *   is refused;
 * - one boss each (unity of command): a responder's roles all report to the
 *   same person, who is not themselves (the IC excepted, who is flagged
 *   instead when holding another role);
 * - one holder per role: of two concurrent assignments, the first wins;
 * - a handover applies only if the role is still held by the person who
 *   offered it.
 *
 * A role nobody holds is held by the IC, as in ICS: its subordinates report
 * to the IC until it is delegated.
 */
import { IC_ROLE_ID, type CheckInChange, type OrgChange, type StoredRole } from './org-schema';
import { roleAbbreviation, roleSlotKey, roleTitle, type RoleDefinition } from '../ics/roles';
import { creditOf, type Credit } from './schema';

/** Span of control (ICS): 3 to 7 people reporting to one lead, 5 ideal. */
export const SPAN_IDEAL = 5;
export const SPAN_MAX = 7;
/** Responders rotate after about 90 minutes on duty. */
export const DEFAULT_ROTATION_MINUTES = 90;

/** The rotation time: how long people stay on duty, and since when that rule holds (when it was set; 0 for the default). */
export interface RotationRule {
  readonly minutes: number;
  readonly since: number;
}

export interface ResponderState {
  readonly id: string;
  readonly name: string;
  readonly contact: string;
  readonly skills: string;
  readonly checkedInAt: number;
  readonly checkedInBy: string;
  readonly briefed: boolean;
  readonly releasedAt: number | null;
}

export interface RoleState {
  readonly id: string;
  readonly role: StoredRole;
  readonly parentId: string | null;
  readonly holderId: string | null;
  readonly since: number;
}

export interface HandoverState {
  readonly id: string;
  readonly roleId: string;
  readonly fromId: string;
  readonly toId: string;
  readonly briefing: string;
  readonly offeredAt: number;
  readonly offeredBy: string;
  readonly status: 'pending' | 'accepted' | 'cancelled' | 'refused';
  readonly settledAt: number | null;
}

/** What the fold needs of an event. */
export interface OrgEventLike {
  readonly id: string;
  readonly at: number;
  readonly author: string;
  readonly for?: Credit;
  readonly org: OrgChange;
}

/** The mutable state of the fold; snapshots are derived from it (see chartOf). */
export class OrgFold {
  readonly responders = new Map<string, ResponderState>();
  readonly roles = new Map<string, RoleState>();
  readonly handovers = new Map<string, HandoverState>();
  /** Event id → why that change was not applied. */
  readonly refused = new Map<string, string>();
  /** How long people stay on duty before they rotate out, and since when that holds (0: from the start). */
  rotation: RotationRule = { minutes: DEFAULT_ROTATION_MINUTES, since: 0 };
  /** The latest org event's time: new changes are stamped after it (see orgEventTime). */
  lastAt = 0;

  /** The declaration checks the declarer in and makes them IC. */
  declare(declaredEventId: string, at: number, declarer: string): void {
    if (this.roles.has(IC_ROLE_ID)) return;
    this.responders.set(declaredEventId, {
      id: declaredEventId,
      name: declarer,
      contact: '',
      skills: '',
      checkedInAt: at,
      checkedInBy: declarer,
      briefed: true,
      releasedAt: null,
    });
    this.roles.set(IC_ROLE_ID, { id: IC_ROLE_ID, role: { kind: 'incident-commander' }, parentId: null, holderId: declaredEventId, since: at });
    this.lastAt = Math.max(this.lastAt, at);
  }

  /** Applies one change, or records why it cannot apply now. */
  apply(event: OrgEventLike): void {
    this.lastAt = Math.max(this.lastAt, event.at);
    const reason = this.check(event.org);
    if (reason) {
      this.refused.set(event.id, reason);
      return;
    }
    this.write(event);
  }

  /** Null when the change can apply to the chart as it stands, else why not, in words for the IC. */
  check(change: OrgChange): string | null {
    if (!this.roles.has(IC_ROLE_ID)) return 'No incident has been declared.';
    switch (change.change) {
      case 'check-in': {
        const existing = this.responders.get(change.responderId);
        if (existing && existing.releasedAt === null) return `${existing.name} is already checked in.`;
        return null;
      }
      case 'brief':
        return this.activeResponder(change.responderId).reason;
      case 'add-role': {
        if (this.roles.has(change.roleId)) return 'That role already exists.';
        if (change.role.kind === 'incident-commander') return 'There is exactly one Incident Commander; hand over command instead.';
        const parent = this.roles.get(change.parentId);
        if (!parent) return 'The role it would report to no longer exists.';
        const key = roleSlotKey(change.role as RoleDefinition);
        if (key !== null) {
          for (const role of this.roles.values()) {
            if (roleSlotKey(role.role as RoleDefinition) === key) return `The incident already has a ${titleOf(role.role)}.`;
          }
        }
        if (change.holderId === null) return null;
        return this.canHold(change.holderId, change.parentId);
      }
      case 'assign': {
        const role = this.roles.get(change.roleId);
        if (!role) return 'That role no longer exists.';
        if (role.holderId !== null) {
          return `${this.nameOf(role.holderId)} already holds ${titleOf(role.role)}; hand it over instead.`;
        }
        return this.canHold(change.responderId, role.parentId ?? IC_ROLE_ID);
      }
      case 'move': {
        const role = this.roles.get(change.roleId);
        if (!role) return 'That role no longer exists.';
        if (role.id === IC_ROLE_ID) return 'The Incident Commander is the top of the chart.';
        if (!this.roles.has(change.parentId)) return 'The role it would report to no longer exists.';
        if (this.isWithin(change.parentId, change.roleId)) {
          return `${titleOf(role.role)} cannot report to itself or to someone who reports to it.`;
        }
        return this.unityAfter(() => this.setParent(role, change.parentId));
      }
      case 'vacate': {
        const role = this.roles.get(change.roleId);
        if (!role) return 'That role no longer exists.';
        if (role.id === IC_ROLE_ID) return 'The Incident Commander cannot step down without a handover.';
        if (role.holderId !== change.holderId) return `${this.nameOf(change.holderId)} no longer holds ${titleOf(role.role)}.`;
        return this.unityAfter(() => this.setHolder(role, null));
      }
      case 'remove-role': {
        const role = this.roles.get(change.roleId);
        if (!role) return 'That role no longer exists.';
        if (role.id === IC_ROLE_ID) return 'The Incident Commander cannot be removed.';
        return this.unityAfter(() => this.removeRole(role));
      }
      case 'handover-offer': {
        const role = this.roles.get(change.roleId);
        if (!role) return 'That role no longer exists.';
        if (this.handovers.has(change.handoverId)) return 'That handover was already offered.';
        const holder = role.holderId ?? this.icHolder();
        if (holder !== change.fromId) return `${this.nameOf(change.fromId)} does not hold ${titleOf(role.role)}.`;
        if (change.toId === change.fromId) return `${this.nameOf(change.toId)} already holds ${titleOf(role.role)}.`;
        return this.activeResponder(change.toId).reason;
      }
      case 'handover-accept': {
        const handover = this.handovers.get(change.handoverId);
        if (!handover) return 'That handover was never offered.';
        if (handover.status !== 'pending') return `That handover was already ${handover.status}.`;
        const role = this.roles.get(handover.roleId);
        if (!role) return 'The role being handed over no longer exists.';
        const holder = role.holderId ?? this.icHolder();
        if (holder !== handover.fromId) {
          return `${titleOf(role.role)} is no longer held by ${this.nameOf(handover.fromId)} but by ${this.nameOf(holder)}; the handover to ${this.nameOf(handover.toId)} did not take effect.`;
        }
        const incoming = this.activeResponder(handover.toId).reason;
        if (incoming) return incoming;
        // For the IC role this checks the outgoing IC too: the roles they keep must leave them one boss.
        return this.unityAfter(() => this.setHolder(role, handover.toId));
      }
      case 'handover-cancel': {
        const handover = this.handovers.get(change.handoverId);
        if (!handover) return 'That handover was never offered.';
        return handover.status === 'pending' ? null : `That handover was already ${handover.status}.`;
      }
      case 'release': {
        const { responder, reason } = this.activeResponder(change.responderId);
        if (!responder) return reason;
        if (this.icHolder() === responder.id) return `${responder.name} is the Incident Commander: hand over command before leaving.`;
        return this.unityAfter(() => {
          for (const role of this.roles.values()) if (role.holderId === responder.id) this.setHolder(role, null);
        });
      }
      case 'rotation':
        return null;
    }
  }

  private write(event: OrgEventLike): void {
    const change = event.org;
    switch (change.change) {
      case 'check-in':
        this.checkIn(change, event);
        break;
      case 'brief': {
        const r = this.responders.get(change.responderId)!;
        this.responders.set(r.id, { ...r, briefed: true });
        break;
      }
      case 'add-role':
        this.roles.set(change.roleId, { id: change.roleId, role: change.role, parentId: change.parentId, holderId: change.holderId, since: event.at });
        break;
      case 'assign':
        this.setHolder(this.roles.get(change.roleId)!, change.responderId, event.at);
        break;
      case 'move':
        this.setParent(this.roles.get(change.roleId)!, change.parentId);
        break;
      case 'vacate':
        this.setHolder(this.roles.get(change.roleId)!, null, event.at);
        break;
      case 'remove-role':
        this.removeRole(this.roles.get(change.roleId)!);
        break;
      case 'handover-offer':
        this.handovers.set(change.handoverId, {
          id: change.handoverId,
          roleId: change.roleId,
          fromId: change.fromId,
          toId: change.toId,
          briefing: change.briefing,
          offeredAt: event.at,
          offeredBy: creditOf(event),
          status: 'pending',
          settledAt: null,
        });
        break;
      case 'handover-accept': {
        const handover = this.handovers.get(change.handoverId)!;
        this.handovers.set(handover.id, { ...handover, status: 'accepted', settledAt: event.at });
        this.setHolder(this.roles.get(handover.roleId)!, handover.toId, event.at);
        // Whoever takes a role has been briefed: the handover was the briefing.
        const incoming = this.responders.get(handover.toId)!;
        if (!incoming.briefed) this.responders.set(incoming.id, { ...incoming, briefed: true });
        break;
      }
      case 'handover-cancel': {
        const handover = this.handovers.get(change.handoverId)!;
        this.handovers.set(handover.id, { ...handover, status: 'cancelled', settledAt: event.at });
        break;
      }
      case 'release': {
        for (const role of this.roles.values()) if (role.holderId === change.responderId) this.setHolder(role, null, event.at);
        const r = this.responders.get(change.responderId)!;
        this.responders.set(r.id, { ...r, releasedAt: event.at });
        break;
      }
      case 'rotation':
        this.rotation = { minutes: change.minutes, since: event.at };
        break;
    }
  }

  private checkIn(change: CheckInChange, event: OrgEventLike): void {
    // A released responder who checks in again starts a new tour of duty.
    this.responders.set(change.responderId, {
      id: change.responderId,
      name: change.name,
      contact: change.contact,
      skills: change.skills,
      checkedInAt: event.at,
      checkedInBy: creditOf(event),
      briefed: false,
      releasedAt: null,
    });
  }

  icHolder(): string {
    return this.roles.get(IC_ROLE_ID)!.holderId!;
  }

  nameOf(responderId: string): string {
    return this.responders.get(responderId)?.name ?? 'someone who never checked in';
  }

  /** The person a role reports to: the holder of the nearest held role above it (the IC at the top). */
  bossOfRole(roleId: string): string | null {
    let parentId = this.roles.get(roleId)?.parentId ?? null;
    for (let guard = 0; parentId !== null && guard <= this.roles.size; guard++) {
      const parent = this.roles.get(parentId);
      if (!parent) return this.icHolder();
      if (parent.holderId !== null) return parent.holderId;
      parentId = parent.parentId;
    }
    return parentId === null && roleId !== IC_ROLE_ID ? this.icHolder() : null;
  }

  private activeResponder(id: string): { responder: ResponderState | null; reason: string | null } {
    const responder = this.responders.get(id) ?? null;
    if (!responder) return { responder, reason: 'That person has not checked in.' };
    if (responder.releasedAt !== null) return { responder: null, reason: `${responder.name} has been released; check them in again first.` };
    return { responder, reason: null };
  }

  /** Whether a responder can take a role that sits under `parentId`, keeping one boss each. */
  private canHold(responderId: string, parentId: string): string | null {
    const { responder, reason } = this.activeResponder(responderId);
    if (!responder) return reason;
    // The IC may hold another role: flagged on the chart, not refused.
    if (this.icHolder() === responderId) return null;
    const boss = this.bossOfParent(parentId);
    if (boss === responderId) return `${responder.name} would report to themselves.`;
    for (const role of this.roles.values()) {
      if (role.holderId !== responderId) continue;
      const other = this.bossOfRole(role.id);
      if (other !== boss) {
        return `${responder.name} already reports to ${this.nameOf(other ?? '')} as ${titleOf(role.role)}; one person, one boss.`;
      }
    }
    return null;
  }

  /** The person a new role under `parentId` reports to. */
  private bossOfParent(parentId: string): string {
    const parent = this.roles.get(parentId);
    if (!parent) return this.icHolder();
    return parent.holderId ?? this.bossOfRole(parent.id) ?? this.icHolder();
  }

  private isWithin(roleId: string, ancestorId: string): boolean {
    let current: string | null = roleId;
    for (let guard = 0; current !== null && guard <= this.roles.size; guard++) {
      if (current === ancestorId) return true;
      current = this.roles.get(current)?.parentId ?? null;
    }
    return false;
  }

  /**
   * Tries a change and says whether anyone ends up with two bosses, or
   * reporting to themselves, who did not before; always undoes it.
   */
  private unityAfter(tryChange: () => void): string | null {
    const before = this.unityBreaches();
    const roles = new Map(this.roles);
    tryChange();
    const after = this.unityBreaches();
    this.roles.clear();
    for (const [id, role] of roles) this.roles.set(id, role);
    for (const [id, message] of after) if (!before.has(id)) return message;
    return null;
  }

  private unityBreaches(): Map<string, string> {
    const ic = this.icHolder();
    const bosses = new Map<string, string | null>();
    const breaches = new Map<string, string>();
    for (const role of this.roles.values()) {
      if (role.holderId === null || role.holderId === ic) continue;
      const boss = this.bossOfRole(role.id);
      const name = this.nameOf(role.holderId);
      if (boss === role.holderId) breaches.set(role.holderId, `${name} would report to themselves.`);
      const known = bosses.get(role.holderId);
      if (known === undefined) bosses.set(role.holderId, boss);
      else if (known !== boss) breaches.set(role.holderId, `${name} would report to both ${this.nameOf(known ?? '')} and ${this.nameOf(boss ?? '')}; one person, one boss.`);
    }
    return breaches;
  }

  private setHolder(role: RoleState, holderId: string | null, at = role.since): void {
    this.roles.set(role.id, { ...role, holderId, since: at });
  }

  private setParent(role: RoleState, parentId: string): void {
    this.roles.set(role.id, { ...role, parentId });
  }

  /** A removed role's subordinates move up to its own boss role. */
  private removeRole(role: RoleState): void {
    for (const other of [...this.roles.values()]) if (other.parentId === role.id) this.setParent(other, role.parentId ?? IC_ROLE_ID);
    this.roles.delete(role.id);
  }
}

export function titleOf(role: StoredRole): string {
  return roleTitle(role as RoleDefinition);
}

export function abbreviationOf(role: StoredRole): string {
  return roleAbbreviation(role as RoleDefinition);
}
