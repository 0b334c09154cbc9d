/**
 * The org chart as the views read it: the tree of roles from the IC down,
 * each responder with their status, roles and boss, the span of control of
 * every lead, and the warnings an IC acts on. Derived from an OrgFold after
 * each change; frozen, like every snapshot.
 */
import { IC_ROLE_ID, type StoredRole } from './org-schema';
import { abbreviationOf, OrgFold, SPAN_IDEAL, SPAN_MAX, titleOf, type HandoverState, type ResponderState, type RotationRule } from './org-fold';

export interface ChartRole {
  readonly id: string;
  readonly role: StoredRole;
  readonly title: string;
  readonly abbreviation: string;
  readonly parentId: string | null;
  /** Null: nobody has been given it, so the IC holds it. */
  readonly holderId: string | null;
  /** Since when the current holder (or the IC) has held it. */
  readonly since: number;
  readonly depth: number;
  readonly childIds: readonly string[];
}

export type ResponderStatus = 'staging' | 'assigned' | 'released';

/** A responder as the fold keeps them, with where they stand in the chart. */
export interface ChartResponder extends ResponderState {
  /** staging: checked in, waiting for an assignment. */
  readonly status: ResponderStatus;
  /** The roles they hold, top of the tree first. */
  readonly roleIds: readonly string[];
  /** Who they report to; null for the IC and for those without a role. */
  readonly bossId: string | null;
  readonly isIc: boolean;
  /** How many people report to them directly. */
  readonly directReports: number;
}

export type OrgWarning =
  | { readonly kind: 'span'; readonly leadId: string; readonly reports: number; readonly message: string }
  | { readonly kind: 'ic-holds-role'; readonly roleIds: readonly string[]; readonly message: string };

export interface OrgChart {
  readonly icId: string;
  /** Depth-first from the IC, each role's subordinates in the order they were added. */
  readonly roles: readonly ChartRole[];
  readonly responders: readonly ChartResponder[];
  readonly handovers: readonly HandoverState[];
  readonly warnings: readonly OrgWarning[];
  /** Event id → why that change did not take effect (a concurrent edit won). */
  readonly refused: ReadonlyMap<string, string>;
  /** How long people stay on duty before they rotate out, since when. */
  readonly rotation: RotationRule;
}

export function chartOf(fold: OrgFold): OrgChart | null {
  const icRole = fold.roles.get(IC_ROLE_ID);
  if (!icRole) return null;
  const icId = fold.icHolder();

  const children = new Map<string, string[]>();
  for (const role of fold.roles.values()) {
    if (role.parentId === null) continue;
    const list = children.get(role.parentId) ?? [];
    list.push(role.id);
    children.set(role.parentId, list);
  }
  const roles: ChartRole[] = [];
  const visit = (id: string, depth: number) => {
    const role = fold.roles.get(id)!;
    const childIds = children.get(id) ?? [];
    roles.push(
      Object.freeze({
        id,
        role: role.role,
        title: titleOf(role.role),
        abbreviation: abbreviationOf(role.role),
        parentId: role.parentId,
        holderId: role.holderId,
        since: role.since,
        depth,
        childIds: Object.freeze([...childIds]),
      }),
    );
    for (const child of childIds) visit(child, depth + 1);
  };
  visit(IC_ROLE_ID, 0);

  const rolesOf = new Map<string, string[]>();
  for (const role of roles) {
    if (role.holderId === null) continue;
    const list = rolesOf.get(role.holderId) ?? [];
    list.push(role.id);
    rolesOf.set(role.holderId, list);
  }
  const bossOf = new Map<string, string | null>();
  const reports = new Map<string, number>();
  for (const [responderId, held] of rolesOf) {
    const boss = responderId === icId ? null : fold.bossOfRole(held[0]!);
    bossOf.set(responderId, boss);
    if (boss !== null) reports.set(boss, (reports.get(boss) ?? 0) + 1);
  }

  // Properties listed one by one: an object spread here made this loop a hundred times slower in V8.
  const responders: ChartResponder[] = [...fold.responders.values()].map((r) => {
    const held = rolesOf.get(r.id) ?? [];
    return Object.freeze({
      id: r.id,
      name: r.name,
      contact: r.contact,
      skills: r.skills,
      checkedInAt: r.checkedInAt,
      checkedInBy: r.checkedInBy,
      briefed: r.briefed,
      releasedAt: r.releasedAt,
      status: r.releasedAt !== null ? 'released' : held.length ? 'assigned' : 'staging',
      roleIds: Object.freeze(held),
      bossId: bossOf.get(r.id) ?? null,
      isIc: r.id === icId,
      directReports: reports.get(r.id) ?? 0,
    });
  });

  const warnings: OrgWarning[] = [];
  const icOther = (rolesOf.get(icId) ?? []).filter((id) => id !== IC_ROLE_ID);
  if (icOther.length) {
    const titles = icOther.map((id) => roles.find((r) => r.id === id)!.title).join(' and ');
    warnings.push({
      kind: 'ic-holds-role',
      roleIds: icOther,
      message: `The Incident Commander also holds ${titles}. The IC coordinates and fixes nothing: give ${icOther.length > 1 ? 'those roles' : 'that role'} to someone else.`,
    });
  }
  for (const [leadId, count] of reports) {
    if (count <= SPAN_MAX) continue;
    warnings.push({
      kind: 'span',
      leadId,
      reports: count,
      message: `${fold.nameOf(leadId)} has ${count} people reporting directly (${SPAN_IDEAL} is ideal, ${SPAN_MAX} the most anyone can follow). Add a level: group them under a team lead, or delegate a role that is still held above them.`,
    });
  }

  return Object.freeze({
    icId,
    roles: Object.freeze(roles),
    responders: Object.freeze(responders),
    handovers: Object.freeze([...fold.handovers.values()]),
    warnings: Object.freeze(warnings),
    refused: new Map(fold.refused),
    rotation: fold.rotation,
  });
}

/**
 * When a responder is due to rotate out: once on duty for the rotation time,
 * by the rule in force at each moment. A rotation time set later counts from
 * when it was set: someone already on duty longer is due then, not before
 * the rule existed. The one computation behind the chart's "rotate?" and
 * the timers board's rotation rows.
 */
export function rotationDueAt(responder: ChartResponder, rotation: RotationRule): number {
  return rotationDueFrom(responder.checkedInAt, rotation);
}

/** When someone on duty since `onDutySince` is due to rotate out (the timeline's derived rotation rows use it too). */
export function rotationDueFrom(onDutySince: number, rotation: RotationRule): number {
  return Math.max(onDutySince + rotation.minutes * 60_000, rotation.since);
}

/** Whether a responder is due to rotate out at `now`. */
export function rotationDue(responder: ChartResponder, rotation: RotationRule, now: number): boolean {
  return responder.releasedAt === null && now >= rotationDueAt(responder, rotation);
}

/**
 * The incident roles of the responder checked in under a name (presence knows
 * people by the name they gave), e.g. "Incident Commander" or "Deputy, Scribe";
 * "Staging" for someone checked in without a role; null for a name the chart
 * does not know.
 */
export function incidentRolesOf(chart: OrgChart, name: string): string | null {
  const wanted = name.trim().toLowerCase();
  const responder = chart.responders.find((r) => r.status !== 'released' && r.name.toLowerCase() === wanted);
  if (!responder) return null;
  if (!responder.roleIds.length) return 'Staging';
  return responder.roleIds.map((id) => chart.roles.find((r) => r.id === id)?.title ?? '').filter(Boolean).join(', ');
}
